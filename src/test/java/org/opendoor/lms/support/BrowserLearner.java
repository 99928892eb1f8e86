package org.opendoor.lms.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.Scenario;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner in a real browser who knows the course's answers (read from its files), for journeys that
 * answer rightly or wrongly on purpose.
 */
public final class BrowserLearner implements AutoCloseable {

	private final int port;

	private final Course course;

	private ChromeDriver browser;

	public BrowserLearner(int port, Course course) {
		this.port = port;
		this.course = course;
		this.browser = Chromium.start();
	}

	public ChromeDriver browser() {
		return browser;
	}

	/** Closes the browser and opens a fresh one, as someone coming back on another device would. */
	public void restartBrowser() {
		browser.quit();
		browser = Chromium.start();
	}

	@Override
	public void close() {
		browser.quit();
	}

	public String url(String path) {
		return "http://localhost:" + port + path;
	}

	public void open(String path) {
		browser.get(url(path));
	}

	public void signIn(String email, String password) {
		open("/login");
		browser.findElement(By.id("username")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(password);
		clickToLoad(By.cssSelector("form button[type=submit]"));
	}

	/** Clicks something that loads a new page and waits until it has. */
	public void clickToLoad(WebElement element) {
		WebElement page = browser.findElement(By.tagName("html"));
		element.click();
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
			try {
				page.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.WebDriverException gone) {
				// Stale, or (as Chromium sometimes says) no longer in the document: the new page has loaded.
				return true;
			}
		});
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(driver -> "complete".equals(browser.executeScript("return document.readyState")));
	}

	public void clickToLoad(By by) {
		clickToLoad(browser.findElement(by));
	}

	public String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	public String main() {
		return browser.findElement(By.tagName("main")).getText();
	}

	public String path() {
		return browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "").replaceFirst("#.*", "");
	}

	/** Saves a screenshot of the window as {@code target/screens/<name>.png}, to look at after the run. */
	public void screenshot(String name) {
		try {
			java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screens"));
			java.nio.file.Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Narrows the window to a phone's width (390 px, as an iPhone 12 to 15). */
	public void phoneWidth() {
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
	}

	public void next() {
		clickToLoad(By.cssSelector(".pager .next"));
	}

	/** The course question whose prompt is shown on the page. */
	public Question questionOnPage() {
		String prompt = browser.findElement(By.cssSelector("legend.prompt")).getText().strip();
		Map<String, Question> byPrompt = new HashMap<>();
		course.allQuestions().forEach(q -> byPrompt.put(text(q.promptHtml()), q));
		Question q = byPrompt.get(prompt);
		assertThat(q).as("question on page: " + prompt).isNotNull();
		return q;
	}

	private static String text(String html) {
		return html.replaceAll("<[^>]+>", "")
			.replace("&#34;", "\"")
			.replace("&#39;", "'")
			.replace("&quot;", "\"")
			.replace("&amp;", "&")
			.replaceAll("\\s+", " ")
			.strip();
	}

	/** Answers the question on the page rightly or wrongly and submits. */
	public void answer(boolean right) {
		Question q = questionOnPage();
		List<String> keys = right ? List.copyOf(q.correctKeys())
				: q.options().stream().filter(o -> !o.correct()).map(Question.Option::key).limit(1).toList();
		for (String key : keys) {
			browser.findElement(By.id("choice-" + key)).click();
		}
		clickToLoad(By.cssSelector("form.question button[type=submit]"));
	}

	/** Plays the scenario on the page to an ending, always taking the best choice. */
	public void playScenarioWell() {
		String id = path().replaceFirst(".*/steps/scenario-", "");
		Scenario scenario = course.modules().stream().flatMap(m -> m.items().stream())
			.filter(i -> i instanceof Scenario && i.id().equals(id)).map(Scenario.class::cast).findFirst().orElseThrow();
		int decisions = 0;
		while (!browser.findElements(By.cssSelector("input[name=node]")).isEmpty()) {
			String nodeId = browser.findElement(By.cssSelector("input[name=node]")).getAttribute("value");
			List<Scenario.Choice> choices = scenario.node(nodeId).orElseThrow().choices();
			int best = 0;
			for (int i = 0; i < choices.size(); i++) {
				if (choices.get(i).best()) {
					best = i;
				}
			}
			browser.findElement(By.cssSelector("label[for=option-" + best + "]")).click();
			clickToLoad(By.cssSelector("main form button[type=submit]"));
			decisions++;
			assertThat(decisions).as("scenario " + id + " ends").isLessThan(50);
		}
		assertThat(main()).contains("This is the end of the scenario");
	}

	/** Works through every page up to the assessment: reads lessons, answers checks rightly, plays scenarios well. */
	public int walkToAssessment() {
		int pages = 0;
		while (!path().endsWith("/steps/assessment")) {
			String p = path();
			if (p.contains("/steps/check-")) {
				answer(true);
				assertThat(browser.findElement(By.id("feedback")).getText()).contains("That's right");
			}
			else if (p.contains("/steps/scenario-")) {
				playScenarioWell();
			}
			assertThat(browser.findElement(By.className("progress-label")).getText()).startsWith("Page " + (pages + 1) + " of");
			next();
			pages++;
			assertThat(pages).isLessThan(500);
		}
		return pages;
	}

	/** Takes the assessment from its introduction, answering every question rightly except, if asked, one critical item. */
	public void takeAssessment(boolean missOneCritical) {
		int draw = course.assessment().draw();
		next();
		boolean missed = false;
		while (path().contains("/steps/assessment-")) {
			Question q = questionOnPage();
			boolean wrong = missOneCritical && !missed && q.critical();
			answer(!wrong);
			missed |= wrong;
		}
		assertThat(missed).as("a critical item was drawn and missed").isEqualTo(missOneCritical);
		assertThat(heading()).isEqualTo("Ready to submit?");
		assertThat(main()).contains("You have answered " + draw + " of " + draw + " questions.");
		clickToLoad(By.cssSelector("main form button[type=submit]"));
	}

}
