package org.opendoor.lms.learning;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Mailbox;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserLearner;
import org.opendoor.lms.support.Orgs;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new volunteer on a 390 px phone, doing what newcomers do: registers and signs in, finds where to
 * enter the join code their hub gave them, chooses an answer and taps Next instead of the answer's own button,
 * types a long plan with line breaks and taps Next. Nothing is lost: the answer is saved, the plan is kept,
 * and the join path is there. And one who has forgotten their password gets back in with the emailed link.
 * Screenshots of the pages go to {@code target/screens/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class NoTrapsOnAPhoneBrowserTests {

	static final Mailbox mailbox = new Mailbox();

	@RegisterExtension
	static com.icegreen.greenmail.junit5.GreenMailExtension smtp = mailbox.extension();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		mailbox.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	@Autowired
	Accounts accounts;

	private final Course course = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).course();

	@Test
	void aNewVolunteerLosesNoAnswerNoPlanAndFindsTheJoinCode() {
		Orgs.Org hub = Orgs.create(organisations, accounts, "Llanidloes food bank");
		String code = organisations.joinCode(hub.id());
		try (BrowserLearner learner = new BrowserLearner(port, course)) {
			var browser = learner.browser();
			learner.phoneWidth();

			// registering, then signing in; the join code has a place to go
			learner.open("/register");
			browser.findElement(By.id("displayName")).sendKeys("Gwen Phone");
			browser.findElement(By.id("email")).sendKeys("gwen.phone@example.org");
			browser.findElement(By.id("password")).sendKeys("a pot of tea for the volunteers");
			browser.findElement(By.cssSelector("label[for=nation-WALES]")).click();
			learner.clickToLoad(By.cssSelector("form button[type=submit]"));
			assertThat(browser.getCurrentUrl()).as("registering never signs in: an address that has an account gets the same answer")
				.contains("/login?registered");
			learner.signIn("gwen.phone@example.org", "a pot of tea for the volunteers");
			assertThat(learner.heading()).isEqualTo("Courses");
			learner.screenshot("catalogue-new");
			assertThat(learner.main()).contains("Volunteering with a hub, group or charity that gave you a join code?");
			learner.open("/directory");
			assertThat(learner.main()).contains("You do not belong to an organisation yet.");
			learner.screenshot("local-services-none");
			learner.clickToLoad(By.linkText("Enter your join code"));
			assertThat(learner.heading()).isEqualTo("Join an organisation");
			browser.findElement(By.id("join-code")).sendKeys(code);
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			learner.open("/directory");
			assertThat(learner.main()).contains("Llanidloes food bank").doesNotContain("You do not belong");

			// an answer chosen, then Next instead of "Check my answer": saved, with its feedback
			learner.open("/courses");
			WebElement card = browser.findElement(By.xpath("//li[h2[text()='First steps: listening and signposting']]"));
			learner.clickToLoad(card.findElement(By.tagName("button")));
			learner.next();
			learner.next();
			assertThat(learner.path()).contains("/steps/check-");
			WebElement next = browser.findElement(By.cssSelector(".pager .next"));
			assertThat(next.getAttribute("class")).as("Next is not the main action before answering").contains("secondary");
			browser.findElement(By.cssSelector("label[for=choice-a]")).click();
			String check = learner.path();
			learner.clickToLoad(next);
			assertThat(learner.path()).isEqualTo(check);
			assertThat(browser.findElement(By.id("feedback")).getText()).contains("Not quite");
			assertThat(browser.findElement(By.id("choice-a")).isSelected()).as("the answer is saved").isTrue();
			assertThat(browser.findElement(By.cssSelector(".pager .next")).getAttribute("class")).doesNotContain("secondary");
			learner.screenshot("check-feedback");
			learner.next();
			assertThat(learner.path()).as("Next moves on once the answer is checked").isNotEqualTo(check);

			// a scenario choice, then Next instead of "Choose": the choice is recorded and answered
			learner.answer(true);
			learner.next();
			assertThat(learner.heading()).isEqualTo("A quiet word at the church café");
			learner.screenshot("scenario");
			browser.findElement(By.cssSelector("label[for=option-1]")).click();
			learner.clickToLoad(By.cssSelector(".pager .next"));
			assertThat(browser.findElement(By.id("feedback")).getText()).contains("A good choice");
			assertThat(learner.main()).contains("You chose:");

			// the plan: 2,000 characters with line breaks, as the browser counts them, then Next
			learner.open(check.replaceFirst("/steps/.*", "/steps/plan-my-next-step"));
			assertThat(learner.heading()).isEqualTo("My next step");
			String typed = ("Ring Gwen at the café after a hard conversation ".repeat(5).substring(0, 198) + "\n").repeat(10)
					+ "Then rest.";
			WebElement box = browser.findElement(By.id("prompt-support"));
			browser.executeScript("arguments[0].value = arguments[1].slice(0, -1)", box, typed);
			box.sendKeys(".");
			assertThat(box.getAttribute("value")).as("the browser takes it all: line breaks count one").hasSize(2000);
			learner.screenshot("plan-typed");
			learner.clickToLoad(By.cssSelector(".pager .next"));
			assertThat(learner.heading()).as("Next saved the plan and moved on").isEqualTo("Final check");
			assertThat(learner.main()).as("the course version is not on every page").doesNotContainPattern("[Vv]ersion \\d");
			browser.findElement(By.cssSelector(".outline summary")).click();
			assertThat(browser.findElement(By.cssSelector(".outline")).getText()).as("every module done at the assessment")
				.contains("Done").doesNotContain("Not started").doesNotContain("You are here")
				.as("the version is in the outline").containsPattern("Course version \\d");
			learner.screenshot("outline-open");
			learner.clickToLoad(By.cssSelector(".pager .previous"));
			assertThat(browser.findElement(By.id("prompt-support")).getAttribute("value")).as("the plan is kept").isEqualTo(typed);

			// the assessment: an answer chosen, then Next; Previous shows it saved
			learner.next();
			learner.next();
			assertThat(learner.heading()).isEqualTo("Question 1 of 10");
			browser.findElement(By.cssSelector(".choice label")).click();
			String chosen = browser.findElement(By.cssSelector(".choice input")).getAttribute("id");
			learner.screenshot("assessment-question");
			learner.clickToLoad(By.cssSelector(".pager .next"));
			assertThat(learner.heading()).isEqualTo("Question 2 of 10");
			learner.clickToLoad(By.cssSelector(".pager .previous"));
			assertThat(browser.findElement(By.id(chosen)).isSelected()).as("the answer chosen before Next is saved").isTrue();
			learner.open(learner.path().replaceFirst("/steps/.*", "/steps/result"));
			assertThat(learner.main()).contains("You have answered 1 of 10 questions.");

			// the outline, without script: back to a finished module from any page
			browser.findElement(By.cssSelector(".outline summary")).click();
			learner.clickToLoad(By.cssSelector(".outline li a"));
			assertThat(learner.path()).isEqualTo(learner.path().replaceFirst("/steps/.*", "/steps/" + StepPlan.firstKeyOf(course.modules().get(0))));
			browser.findElement(By.cssSelector(".outline summary")).click();
			assertThat(browser.findElement(By.cssSelector(".outline [aria-current=step]")).getText()).isEqualTo(course.modules().get(0).title());
			assertThat(browser.findElement(By.cssSelector(".outline")).getText()).contains("You are here").contains("Not started yet");
		}
	}

	@Test
	void aVolunteerWhoForgotTheirPasswordGetsBackInOnAPhone() {
		Account rhys = Learners.register(accounts, "Rhys Phone", Nation.WALES, "en");
		String newPassword = "seven gulls above the pier";
		try (BrowserLearner learner = new BrowserLearner(port, course)) {
			var browser = learner.browser();
			learner.phoneWidth();
			learner.open("/login");
			learner.clickToLoad(By.linkText("Forgotten your password?"));
			assertThat(learner.heading()).isEqualTo("Reset your password");
			browser.findElement(By.id("email")).sendKeys(rhys.email());
			learner.screenshot("password-forgotten");
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			assertThat(learner.heading()).isEqualTo("Check your email");
			learner.screenshot("password-sent");

			// the link in the email, opened on the phone
			String link = Mailbox.link(mailbox.await(rhys.email()), "http://\\S+/password/reset/[A-Za-z0-9_-]+");
			browser.get(link);
			assertThat(learner.heading()).isEqualTo("Choose a new password");
			browser.findElement(By.id("password")).sendKeys("too short");
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			assertThat(learner.main()).as("a refused password says why, and the form stays").contains("at least 15 characters");
			browser.findElement(By.id("password")).sendKeys(newPassword);
			learner.screenshot("password-new");
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			assertThat(learner.path()).startsWith("/login");
			assertThat(learner.main()).contains("Your new password is saved");

			learner.signIn(rhys.email(), newPassword);
			assertThat(learner.heading()).as("signed in with the new password").isEqualTo("Courses");

			// the same link again: refused, with the way to ask for another
			browser.get(link);
			assertThat(learner.heading()).isEqualTo("This link does not work");
			assertThat(learner.main()).contains("already been used");
			learner.screenshot("password-link-used");
		}
	}


	@Test
	void aLostVisitorGetsAWayOnAndAPassGivesACertificateThatChecksOutFromThePrintedLink() throws Exception {
		Account volunteer = Learners.register(accounts, "Siân Pass", Nation.WALES, "en");
		try (BrowserLearner learner = new BrowserLearner(port, course)) {
			var browser = learner.browser();
			learner.phoneWidth();
			learner.signIn(volunteer.email(), Learners.PASSWORD);

			// a mistyped address: a page in the visitor's language with a way on, and the language switch works there
			learner.open("/courses/no-such-course/attempts/nope");
			assertThat(learner.heading()).isEqualTo("Page not found");
			assertThat(browser.findElements(By.cssSelector("main a[href='/courses']"))).as("a way on").isNotEmpty();
			assertThat(learner.main()).doesNotContain("Exception").doesNotContain("endpoint").doesNotContain("java.");
			learner.clickToLoad(By.cssSelector("button[form=language-form][value=cy]"));
			assertThat(learner.heading()).as("the error page in Welsh, not a 500").isEqualTo("Heb ddod o hyd i’r dudalen");
			learner.clickToLoad(By.cssSelector("button[form=language-form][value=en]"));
			assertThat(learner.heading()).isEqualTo("Page not found");

			// the whole course on a phone, passed; the result page leads to the certificate
			learner.open("/courses");
			learner.clickToLoad(By.cssSelector("form[action$='/first-steps/attempts'] button"));
			learner.walkToAssessment();
			learner.takeAssessment(false);
			assertThat(learner.main()).as("a result worth finishing on").contains("Well done");
			learner.screenshot("result-passed-phone");
			learner.clickToLoad(By.linkText("Get your certificate"));
			assertThat(learner.heading()).isEqualTo("My certificates");
			for (int i = 0; i < 60 && learner.main().contains("being prepared"); i++) {
				Thread.sleep(500);
				learner.open("/certificates");
			}
			String pdfPath = browser.findElement(By.cssSelector("a.button[href$='/pdf']")).getAttribute("href");

			// the link printed on the certificate (and in its QR code) is the address this site is used at
			var cookie = browser.manage().getCookieNamed("SESSION");
			var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pdfPath))
				.header("Cookie", cookie.getName() + "=" + cookie.getValue()).build(),
					java.net.http.HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			String printed;
			try (var pdf = org.apache.pdfbox.Loader.loadPDF(response.body())) {
				printed = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
			}
			var link = java.util.regex.Pattern.compile("http://localhost:" + port + "/verify/[A-Z0-9-]+").matcher(printed.replaceAll("\\s+", ""));
			assertThat(link.find()).as("the verify link printed on the certificate points at this site").isTrue();
			learner.open(link.group().replaceFirst("^http://localhost:" + port, ""));
			assertThat(learner.main()).as("the printed link opens a valid certificate").contains("Siân Pass").containsIgnoringCase("valid");
			learner.screenshot("verify-phone");
		}
	}

}
