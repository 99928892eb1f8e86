package org.opendoor.lms.accessibility;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.support.Mailbox;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserLearner;
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
 * axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) over every page of the anonymous, learner,
 * organisation admin and site admin journeys in Chromium: zero violations. On failure every violation
 * is listed with its rule, impact, help text and the elements that fail it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "lms.demo.volunteers=true")
@ActiveProfiles({ "demo", "test" })
class AccessibilityTests {

	static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

	static final String DOMAIN = "@demo.opendoor.invalid";

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

	private final Course course = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).course();

	/** Runs axe over the page the browser shows and records what it finds. */
	private static final class Audit {

		final List<String> report = new ArrayList<>();

		final Set<String> pages = new LinkedHashSet<>();

		void check(BrowserLearner who, String name) {
			Results results = new AxeBuilder().withTags(WCAG_AA).analyze(who.browser());
			assertThat(results.isErrored()).as("axe ran on " + name + ": " + results.getErrorMessage()).isFalse();
			pages.add(name + " " + who.path());
			for (Rule rule : results.getViolations()) {
				StringBuilder line = new StringBuilder();
				line.append(name).append(" (").append(who.path()).append("): ").append(rule.getId()).append(" [")
					.append(rule.getImpact()).append("] ").append(rule.getHelp());
				for (CheckedNode node : rule.getNodes()) {
					line.append("\n    ").append(node.getTarget()).append("  ").append(node.getFailureSummary() == null ? ""
							: node.getFailureSummary().replace('\n', ' '));
				}
				report.add(line.toString());
			}
		}

		void open(BrowserLearner who, String path) {
			who.open(path);
			check(who, path);
		}

		void assertClean() {
			System.out.println("axe checked " + pages.size() + " pages:\n  " + String.join("\n  ", pages));
			assertThat(report).as("axe violations on " + pages.size() + " pages:\n" + String.join("\n", report)).isEmpty();
		}

	}

	@Test
	void anonymousPagesHaveNoViolations() {
		Audit audit = new Audit();
		try (BrowserLearner visitor = new BrowserLearner(port, course)) {
			audit.open(visitor, "/login");
			audit.open(visitor, "/register");
			audit.open(visitor, "/verify");
			audit.open(visitor, "/verify/NOT-A-CODE");
			visitor.open("/login?error");
			audit.check(visitor, "sign-in error");
			visitor.open("/register");
			visitor.clickToLoad(By.cssSelector("form button[type=submit]"));
			audit.check(visitor, "registration with errors");
			audit.open(visitor, "/no-such-page");
		}
		audit.assertClean();
	}

	@Test
	void passwordResetPagesHaveNoViolations() {
		Audit audit = new Audit();
		var account = org.opendoor.lms.support.Learners.register(accounts, "Nia Reset", org.opendoor.lms.account.Nation.WALES, "en");
		try (BrowserLearner visitor = new BrowserLearner(port, course)) {
			audit.open(visitor, "/password/forgotten");
			visitor.clickToLoad(By.cssSelector("main form button[type=submit]"));
			audit.check(visitor, "reset request with errors");
			visitor.browser().findElement(By.id("email")).sendKeys(account.email());
			visitor.clickToLoad(By.cssSelector("main form button[type=submit]"));
			audit.check(visitor, "reset link sent");
			String link = Mailbox.link(mailbox.await(account.email()), "http://\\S+/password/reset/[A-Za-z0-9_-]+");
			visitor.browser().get(link);
			audit.check(visitor, "new password form");
			visitor.clickToLoad(By.cssSelector("main form button[type=submit]"));
			audit.check(visitor, "new password form with errors");
			audit.open(visitor, "/password/reset/not-a-real-link");
			visitor.clickToLoad(By.cssSelector(".language-switch button"));
			assertThat(visitor.browser().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
			audit.check(visitor, "Welsh link that does not work");
			audit.open(visitor, "/password/forgotten");
			visitor.signIn(account.email(), org.opendoor.lms.support.Learners.PASSWORD);
			visitor.open("/profile");
			visitor.clickToLoad(By.cssSelector("form[action$='/profile/password'] button[type=submit]"));
			audit.check(visitor, "Welsh profile with password errors");
		}
		audit.assertClean();
	}

	@Test
	void learnerPagesHaveNoViolations() {
		Audit audit = new Audit();
		try (BrowserLearner learner = new BrowserLearner(port, course)) {
			var browser = learner.browser();
			learner.signIn("learner" + DOMAIN, "demo-learner-pass");
			audit.check(learner, "catalogue");
			WebElement card = browser.findElement(By.xpath("//li[h2[text()='First steps: listening and signposting']]"));
			learner.clickToLoad(card.findElement(By.tagName("button")));
			audit.check(learner, "lesson");
			Set<String> seen = new LinkedHashSet<>();
			int pages = 0;
			while (!learner.path().endsWith("/steps/assessment")) {
				String p = learner.path();
				if (p.contains("/steps/check-")) {
					if (seen.add("check")) {
						audit.check(learner, "knowledge check");
						learner.answer(false);
						audit.check(learner, "knowledge check with feedback");
					}
					learner.answer(true);
				}
				else if (p.contains("/steps/scenario-")) {
					if (seen.add("scenario")) {
						audit.check(learner, "scenario");
					}
					learner.playScenarioWell();
					if (seen.add("scenario end")) {
						audit.check(learner, "scenario ending");
					}
				}
				else if (!browser.findElements(By.cssSelector("form.plan")).isEmpty() && seen.add("plan")) {
					audit.check(learner, "plan");
					learner.clickToLoad(By.cssSelector("form.plan button[type=submit]"));
					audit.check(learner, "plan saved");
				}
				learner.next();
				pages++;
				assertThat(pages).isLessThan(500);
			}
			audit.check(learner, "assessment introduction");
			learner.next();
			audit.check(learner, "assessment question");
			while (learner.path().contains("/steps/assessment-")) {
				learner.answer(true);
			}
			audit.check(learner, "assessment submit");
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			audit.check(learner, "assessment result");
			audit.open(learner, "/courses");
			audit.open(learner, "/certificates");
			String verify = browser.findElement(By.xpath("//a[contains(@href,'/verify/')]")).getAttribute("href");
			audit.open(learner, "/profile");
			audit.open(learner, "/directory");
			audit.open(learner, "/account/data");
			audit.open(learner, "/join");

			learner.restartBrowser();
			learner.open(verify.replaceFirst("^https?://[^/]+", ""));
			audit.check(learner, "verify result");
		}
		audit.assertClean();
	}

	@Autowired
	org.opendoor.lms.account.Accounts accounts;

	@Test
	void welshLearnerPagesHaveNoViolations() {
		Audit audit = new Audit();
		Course welsh = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).translations().get("cy");
		var account = org.opendoor.lms.support.Learners.register(accounts, "Gwenllian", org.opendoor.lms.account.Nation.WALES, "en");
		try (BrowserLearner learner = new BrowserLearner(port, welsh)) {
			learner.open("/login");
			learner.clickToLoad(By.cssSelector(".language-switch button"));
			assertThat(learner.browser().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
			audit.check(learner, "Welsh sign-in");
			audit.open(learner, "/register");
			learner.signIn(account.email(), org.opendoor.lms.support.Learners.PASSWORD);
			learner.open("/courses");
			learner.clickToLoad(By.cssSelector(".language-switch button"));
			audit.check(learner, "Welsh catalogue");
			WebElement card = learner.browser().findElement(By.xpath("//li[h2[text()='Camau cyntaf: gwrando a chyfeirio']]"));
			learner.clickToLoad(card.findElement(By.tagName("button")));
			assertThat(learner.browser().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
			audit.check(learner, "Welsh lesson");
			String base = learner.path().replaceFirst("/steps/.*", "/steps/");
			audit.open(learner, base + "lesson-three-tiers");
			// every number in the support box is a tap-to-call or tap-to-text link, a 44 by 44 px target at least
			List<WebElement> phones = learner.browser()
				.findElements(By.cssSelector(".support-box a[href^='tel:'], .support-box a[href^='sms:']"));
			assertThat(phones).extracting(a -> a.getDomAttribute("href")).contains("tel:999", "tel:116123", "tel:08088023456");
			for (WebElement a : phones) {
				assertThat(a.getRect().getHeight()).as(a.getDomAttribute("href")).isGreaterThanOrEqualTo(44);
				assertThat(a.getRect().getWidth()).as(a.getDomAttribute("href")).isGreaterThanOrEqualTo(44);
			}
			audit.open(learner, base + "check-open-question");
			learner.answer(false);
			audit.check(learner, "Welsh knowledge check with feedback");
			audit.open(learner, base + "scenario-cafe-chat");
			learner.browser().findElement(By.cssSelector("label[for=option-0]")).click();
			learner.clickToLoad(By.cssSelector("main form button[type=submit]"));
			audit.check(learner, "Welsh scenario ending");
			audit.open(learner, base + "plan-my-next-step");
			audit.open(learner, base + "assessment");
			audit.open(learner, base + "assessment-1");
			audit.open(learner, base + "result");
			audit.open(learner, "/profile");
			audit.open(learner, "/certificates");
		}
		audit.assertClean();
	}

	/**
	 * The other test methods use a phone's width (412 CSS px). Here the same kinds of page at a desktop width
	 * (1280 px) under axe, then at 320 px, which is what a 1280 px screen shows at 400 % zoom (WCAG 1.4.10
	 * reflow): nothing may need scrolling sideways.
	 */
	@Test
	void desktopWidthAndFourHundredPercentZoom() {
		Audit audit = new Audit();
		List<String> sideways = new ArrayList<>();
		Organisation demo = organisations.all().stream().filter(o -> o.slug().equals("demo-community-hub")).findFirst().orElseThrow();
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			var browser = admin.browser();
			admin.signIn("orgadmin" + DOMAIN, "demo-orgadmin-pass");
			admin.open("/courses");
			WebElement card = browser.findElement(By.xpath("//li[h2[text()='First steps: listening and signposting']]"));
			admin.clickToLoad(card.findElement(By.tagName("button")));
			String lesson = admin.path();
			String attempt = lesson.substring(0, lesson.indexOf("/steps/"));
			List<String> paths = List.of("/courses", lesson, attempt + "/steps/check-open-question",
					attempt + "/steps/scenario-cafe-chat", "/certificates", "/profile", "/booklet", "/facilitate/first-steps/3",
					"/facilitate/first-steps/overview", "/facilitate/first-steps/3?view=presenter", "/facilitate/first-steps/3?view=audience",
					"/org/" + demo.id() + "/dashboard", "/org/" + demo.id() + "/members", "/org/" + demo.id() + "/sessions/new");
			for (int[] size : new int[][] { { 1280, 900 }, { 320, 800 } }) {
				browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
				for (String path : paths) {
					admin.open(path);
					audit.check(admin, size[0] + " px");
					Object overflow = browser.executeScript(
							"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
					if (((Number) overflow).intValue() > 0) {
						Object wide = browser.executeScript("""
								const w = document.documentElement.clientWidth; const out = [];
								for (const e of document.querySelectorAll('body *')) {
								  if (e.closest('.table-scroll') && !e.classList.contains('table-scroll')) continue;
								  const r = e.getBoundingClientRect();
								  if (r.right > w + 1) out.push(e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(r.right));
								}
								return out.slice(0, 8).join(', ');""");
						sideways.add(path + " at " + size[0] + " px scrolls sideways by " + overflow + " px: " + wide);
					}
				}
			}
		}
		audit.assertClean();
		assertThat(sideways).as("pages that need scrolling sideways").isEmpty();
	}

	@Test
	void organisationAdminPagesHaveNoViolations() {
		Audit audit = new Audit();
		Organisation demo = organisations.all().stream().filter(o -> o.slug().equals("demo-community-hub")).findFirst().orElseThrow();
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			admin.signIn("orgadmin" + DOMAIN, "demo-orgadmin-pass");
			audit.open(admin, "/org");
			audit.open(admin, "/org/" + demo.id() + "/dashboard");
			audit.open(admin, "/org/" + demo.id() + "/members");
			audit.open(admin, "/org/" + demo.id() + "/invite");
			audit.open(admin, "/org/" + demo.id() + "/assignments");
			audit.open(admin, "/organisations/" + demo.id() + "/directory");
			audit.open(admin, "/organisations/" + demo.id() + "/directory/new");
			admin.clickToLoad(By.cssSelector("main form button[type=submit]"));
			audit.check(admin, "directory form with errors");
			admin.open("/organisations/" + demo.id() + "/directory");
			admin.clickToLoad(By.xpath("//main//a[contains(@href,'/edit')]"));
			audit.check(admin, "directory edit");
		}
		audit.assertClean();
	}

	@Test
	void siteAdminPagesHaveNoViolations() {
		Audit audit = new Audit();
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			admin.signIn("admin" + DOMAIN, "demo-admin-pass");
			for (String path : List.of("/admin/courses", "/admin/contacts", "/admin/certificates", "/admin/xapi/statements", "/admin/xapi/clients",
					"/admin/xapi/outbox", "/admin/organisations", "/admin/personal-data")) {
				audit.open(admin, path);
			}
			admin.open("/admin/personal-data/lookup?email=learner" + DOMAIN);
			audit.check(admin, "a person's data");
			audit.open(admin, "/admin/personal-data?notFound");
			audit.open(admin, "/org");
		}
		audit.assertClean();
	}

}
