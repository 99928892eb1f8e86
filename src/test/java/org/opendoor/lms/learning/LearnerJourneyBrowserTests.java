package org.opendoor.lms.learning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole learner journey in a real browser: register, sign in, start, get coaching on a wrong
 * answer, leave, come back on the same page, finish and pass; then a second attempt with a critical
 * item wrong fails even at 90 %.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class LearnerJourneyBrowserTests {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	private final Course course = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).course();

	@AfterEach
	void close() {
		if (browser != null) {
			browser.quit();
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void signIn(String email, String password) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(password);
		clickToLoad(By.cssSelector("form button[type=submit]"));
	}

	/** Clicks something that loads a new page and waits until it has. */
	private void clickToLoad(WebElement element) {
		WebElement page = browser.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
	}

	private void clickToLoad(By by) {
		clickToLoad(browser.findElement(by));
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private void next() {
		clickToLoad(By.cssSelector("a[rel=next]"));
	}

	/** The course question whose prompt is shown on the page. */
	private Question questionOnPage() {
		String prompt = browser.findElement(By.cssSelector("legend.prompt")).getText().strip();
		Map<String, Question> byPrompt = new HashMap<>();
		course.allQuestions().forEach(q -> byPrompt.put(q.promptHtml().replaceAll("<[^>]+>", "").replace("&#34;", "\"")
			.replace("&#39;", "'").replace("&quot;", "\"").strip(), q));
		Question q = byPrompt.get(prompt);
		assertThat(q).as("question on page: " + prompt).isNotNull();
		return q;
	}

	private void answer(boolean right) {
		Question q = questionOnPage();
		List<String> keys = right ? List.copyOf(q.correctKeys())
				: q.options().stream().filter(o -> !o.correct()).map(Question.Option::key).limit(1).toList();
		for (String key : keys) {
			browser.findElement(By.id("choice-" + key)).click();
		}
		clickToLoad(By.cssSelector("form.question button[type=submit]"));
	}

	/** Goes through the assessment, getting every question right except critical ones when told to. */
	private void takeAssessment(boolean missOneCritical) {
		assertThat(heading()).isEqualTo("Final check");
		next();
		boolean missed = false;
		while (browser.getCurrentUrl().contains("/steps/assessment-")) {
			Question q = questionOnPage();
			boolean wrong = missOneCritical && !missed && q.critical();
			answer(!wrong);
			missed |= wrong;
		}
		assertThat(missed).isEqualTo(missOneCritical);
		assertThat(heading()).isEqualTo("Ready to submit?");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("You have answered 10 of 10 questions.");
		clickToLoad(By.cssSelector("main form button[type=submit]"));
	}

	@Test
	void aVolunteerTakesTheCourseEndToEnd() {
		browser = Chromium.start();
		browser.get(url("/courses"));
		assertThat(browser.getCurrentUrl()).endsWith("/login");

		clickToLoad(By.linkText("New here? Register"));
		browser.findElement(By.id("displayName")).sendKeys("Ffion Ŷr-Jones");
		browser.findElement(By.id("email")).sendKeys("ffion@example.org");
		browser.findElement(By.id("password")).sendKeys("tea and biscuits on tuesday");
		browser.findElement(By.cssSelector("label[for=nation-WALES]")).click();
		clickToLoad(By.cssSelector("form button[type=submit]"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("You are registered");

		signIn("ffion@example.org", "tea and biscuits on tuesday");
		assertThat(heading()).isEqualTo("Courses");
		WebElement card = browser.findElement(By.xpath("//li[h2[text()='First steps: listening and signposting']]"));
		clickToLoad(card.findElement(By.tagName("button")));

		assertThat(heading()).isEqualTo("Welcome");
		assertThat(browser.findElement(By.className("progress-label")).getText()).startsWith("Page 1 of 20");
		next();
		assertThat(heading()).isEqualTo("Listening without fixing");
		next();
		answer(false);
		WebElement feedback = browser.findElement(By.id("feedback"));
		assertThat(feedback.getText()).contains("Not quite").contains("The best answer:")
			.contains("It invites the person to say as much or as little as they want.");
		String leftAt = browser.getCurrentUrl().replaceFirst("#.*", "");

		browser.quit();
		browser = Chromium.start();
		signIn("ffion@example.org", "tea and biscuits on tuesday");
		clickToLoad(By.linkText("Continue where you left off"));
		assertThat(browser.getCurrentUrl()).isEqualTo(leftAt);
		assertThat(browser.findElement(By.id("choice-a")).isSelected()).as("the answer is kept").isTrue();
		assertThat(browser.findElement(By.className("progress-label")).getText()).startsWith("Page 3 of 20");

		answer(true);
		assertThat(browser.findElement(By.id("feedback")).getText()).contains("That's right");
		next();
		answer(true);
		next();
		assertThat(heading()).isEqualTo("A quiet word at the church café");
		browser.findElement(By.cssSelector("label[for=option-1]")).click();
		clickToLoad(By.cssSelector("main form button[type=submit]"));
		assertThat(browser.findElement(By.id("feedback")).getText()).contains("A good choice");
		browser.findElement(By.cssSelector("label[for=option-1]")).click();
		clickToLoad(By.cssSelector("main form button[type=submit]"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("This is the end of the scenario");
		next();
		next();
		answer(true);
		next();
		assertThat(heading()).isEqualTo("My next step");
		browser.findElement(By.id("prompt-support")).sendKeys("Our café coordinator, Gwen");
		clickToLoad(By.cssSelector("form.plan button[type=submit]"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Your plan is saved.");
		clickToLoad(By.linkText("Print my plan"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Who can I talk to after a hard conversation?")
			.contains("Our café coordinator, Gwen");
		browser.navigate().back();
		next();
		takeAssessment(false);
		assertThat(heading()).isEqualTo("You passed");
		assertThat(browser.findElement(By.className("score")).getText()).contains("You got 10 of 10 right (100%)");

		browser.get(url("/courses"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Passed (version 1.0.0)");
		clickToLoad(By.xpath("//button[text()='Start again']"));
		assertThat(heading()).isEqualTo("Welcome");
		String attempt = browser.getCurrentUrl().replaceFirst("/steps/.*", "");
		browser.get(attempt + "/steps/assessment");
		takeAssessment(true);
		assertThat(heading()).isEqualTo("Not passed this time");
		String main = browser.findElement(By.tagName("main")).getText();
		assertThat(main).contains("You got 9 of 10 right (90%). The pass mark is 80%.")
			.contains("1 safety-critical question(s) were not right")
			.contains("What to revisit")
			.contains("Knowing when to signpost");
		clickToLoad(By.xpath("//button[text()='Retake the assessment']"));
		assertThat(heading()).isEqualTo("Final check");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("This is attempt 2 at the assessment");
	}

}
