package org.opendoor.lms.accessibility;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserLearner;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the pages sit on a 390 by 844 px phone and a 1,280 px desktop, measured in Chromium: on a phone no page
 * scrolls sideways, the header takes at most a tenth of the screen and opens its menu without script, and every
 * link, button and form control people tap in the header, menus, footer and the page's actions is 44 by 44 px at
 * least (a radio button or tick box by its label); on a desktop the header is one row and admin tables use the
 * screen's width. The dashboard's chart labels are 12 px at least and its figures all on screen; right and wrong
 * feedback differ by more than colour; the certificate check shows dates in words and a banner for each state.
 * Screenshots go to {@code target/screens/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lms.demo.volunteers=true", "lms.test.context=layout" }) // its own database: it revokes a certificate
@ActiveProfiles({ "demo", "test" })
class PhoneAndDesktopLayoutBrowserTests {

	static final Dimension PHONE = new Dimension(390, 844);

	static final Dimension DESKTOP = new Dimension(1280, 900);

	static final String DOMAIN = "@demo.opendoor.invalid";

	static final List<String> ENGLISH_MONTHS = List.of("January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December");

	static final List<String> WELSH_MONTHS = List.of("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
			"Medi", "Hydref", "Tachwedd", "Rhagfyr");

	/**
	 * Every target people tap, with every menu opened, that is shown but smaller than 44 by 44 CSS px. A radio button
	 * or tick box is chosen by tapping its label, so the label is measured.
	 */
	static final String SMALL_TARGETS = """
			document.querySelectorAll('header details, nav details').forEach(d => d.open = true);
			const targets = 'header a, header button, header summary, nav a, nav button, nav summary, footer a, footer button,'
			  + ' main .button, main button, main input:not([type=hidden]), main select, main textarea, main summary, main td a, main ul.links a';
			const out = [];
			for (const e of document.querySelectorAll(targets)) {
			  const t = e.matches('input[type=radio], input[type=checkbox]') ? (e.labels && e.labels[0]) || e : e;
			  const r = t.getBoundingClientRect();
			  if (r.width === 0 && r.height === 0) continue;
			  if (r.width < 43.5 || r.height < 43.5) {
			    out.push(t.tagName.toLowerCase() + '.' + t.className + ' "' + (t.textContent || t.name || '').trim().slice(0, 30) + '" '
			      + Math.round(r.width) + 'x' + Math.round(r.height));
			  }
			}
			document.querySelectorAll('header details, nav details').forEach(d => d.open = false);
			return out;""";

	static final String SIDEWAYS = """
			const w = document.documentElement.clientWidth;
			const over = document.documentElement.scrollWidth - w;
			if (over <= 0) return '';
			const out = [];
			for (const e of document.querySelectorAll('body *')) {
			  const r = e.getBoundingClientRect();
			  if (r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
			}
			return 'by ' + over + ' px: ' + out.slice(0, 6).join(', ');""";

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	private final Course course = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).course();

	private long demoOrg() {
		return organisations.all().stream().filter(o -> o.slug().equals("demo-community-hub")).findFirst().orElseThrow().id();
	}

	private static double number(ChromeDriver browser, String script, Object... args) {
		return ((Number) browser.executeScript(script, args)).doubleValue();
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(ChromeDriver browser, String script) {
		return (List<String>) browser.executeScript(script);
	}

	/** On a phone: nothing sideways, a header of a tenth of the screen at most, every target 44 px at least. */
	private static void checkPhone(BrowserLearner who, String name, List<String> problems) {
		ChromeDriver browser = who.browser();
		String sideways = (String) browser.executeScript(SIDEWAYS);
		if (!sideways.isEmpty()) {
			problems.add(name + " at 390 px scrolls sideways " + sideways);
		}
		double header = number(browser, "return document.querySelector('header').getBoundingClientRect().height");
		double screen = number(browser, "return window.innerHeight");
		if (header > screen * 0.1) {
			problems.add(name + " at 390 px: the header is " + Math.round(header) + " px of " + Math.round(screen));
		}
		for (String small : list(browser, SMALL_TARGETS)) {
			problems.add(name + " at 390 px: target under 44 by 44 px: " + small);
		}
	}

	@Test
	void adminPagesFitAPhoneAndUseADesktopsWidth() {
		long org = demoOrg();
		List<String> pages = List.of("/admin/courses", "/admin/contacts", "/admin/certificates", "/admin/xapi/statements",
				"/admin/xapi/clients", "/admin/xapi/outbox", "/admin/organisations", "/admin/personal-data",
				"/admin/personal-data/lookup?email=learner" + DOMAIN, "/org", "/org/" + org + "/dashboard", "/org/" + org + "/members",
				"/org/" + org + "/invite", "/org/" + org + "/assignments", "/organisations/" + org + "/directory");
		List<String> problems = new ArrayList<>();
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			ChromeDriver browser = admin.browser();
			admin.signIn("admin" + DOMAIN, "demo-admin-pass");
			browser.manage().window().setSize(PHONE);
			for (String path : pages) {
				admin.open(path);
				checkPhone(admin, path, problems);
				admin.screenshot("layout-phone" + path.replaceAll("[^a-z0-9]+", "-"));
			}

			browser.manage().window().setSize(DESKTOP);
			for (String path : pages) {
				admin.open(path);
				double header = number(browser, "return document.querySelector('header').getBoundingClientRect().height");
				if (header > 64) {
					problems.add(path + " at 1280 px: the header is " + Math.round(header) + " px tall, more than one row");
				}
				if (!browser.findElements(By.cssSelector("main table")).isEmpty()) {
					// a table beside its chart: the pair is measured
					double widest = number(browser, """
							return Math.max(...[...document.querySelectorAll('main table')]
							  .map(t => (t.closest('.chart-pair') || t).getBoundingClientRect().width))""");
					if (widest <= 1000) {
						problems.add(path + " at 1280 px: its widest table is " + Math.round(widest) + " px");
					}
				}
				for (String small : list(browser, SMALL_TARGETS)) {
					problems.add(path + " at 1280 px: target under 44 by 44 px: " + small);
				}
			}
			assertThat(problems).as(String.join("\n", problems)).isEmpty();
			admin.screenshot("layout-desktop-directory");
			admin.clickToLoad(By.cssSelector(".language-switch button"));
			assertThat(number(browser, "return document.querySelector('header').getBoundingClientRect().height"))
				.as("in Welsh too, the header is one row at 1280 px").isLessThanOrEqualTo(64);
			admin.screenshot("layout-desktop-directory-cy");
			admin.clickToLoad(By.cssSelector(".language-switch button"));
			assertThat(number(browser, "return document.querySelector('header nav a').getBoundingClientRect().width"))
				.as("on a desktop the links are in the header, not behind a Menu button").isGreaterThan(0);
			assertThat(browser.findElement(By.cssSelector("header .site-menu > summary")).isDisplayed()).isFalse();

			browser.manage().window().setSize(PHONE);
			// the menu opens from the keyboard, without script, and its links are then shown
			admin.open("/admin/courses");
			WebElement summary = browser.findElement(By.cssSelector("header .site-menu > summary"));
			for (int i = 0; i < 10 && !summary.equals(browser.switchTo().activeElement()); i++) {
				new Actions(browser).sendKeys(Keys.TAB).perform();
			}
			assertThat(browser.switchTo().activeElement()).as("the Menu button is reached with Tab").isEqualTo(summary);
			assertThat(summary.getCssValue("outline-style")).as("focus on the Menu button shows").isNotEqualTo("none");
			WebElement certificates = browser.findElement(By.cssSelector("header nav a[href$='/certificates']"));
			assertThat(certificates.isDisplayed()).as("the menu starts closed").isFalse();
			new Actions(browser).sendKeys(Keys.ENTER).perform();
			assertThat(certificates.isDisplayed()).as("Enter opens the menu").isTrue();
			browser.findElement(By.cssSelector(".admin-menu > summary")).click();
			assertThat(browser.findElements(By.cssSelector(".admin-menu a"))).extracting(a -> a.getDomAttribute("href"))
				.as("the site admin's pages, in one Admin menu")
				.contains("/admin/courses", "/admin/certificates", "/admin/xapi/statements", "/admin/personal-data", "/admin/organisations");
			admin.screenshot("layout-phone-menu-open");

			// the dashboard: chart labels 12 px at least and not cut off, every figure on the screen with its heading
			admin.open("/org/" + org + "/dashboard");
			double smallest = number(browser, """
					let min = 99;
					for (const t of document.querySelectorAll('svg.chart text')) {
					  const svg = t.ownerSVGElement;
					  min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a);
					  if (t.getBoundingClientRect().right > svg.getBoundingClientRect().right + 1) return -1;
					}
					return min;""");
			assertThat(smallest).as("chart labels' size in px at 390 px (-1: a label is cut off)").isGreaterThanOrEqualTo(12);
			List<WebElement> figures = browser.findElements(By.cssSelector("table.figures td"));
			assertThat(figures).isNotEmpty();
			for (WebElement cell : figures) {
				assertThat(cell.getRect().getX() + cell.getRect().getWidth()).as("a figure on the screen at 390 px").isLessThanOrEqualTo(390);
				assertThat(cell.getText()).matches("\\d+");
				assertThat(browser.executeScript("return getComputedStyle(arguments[0], '::before').content", cell)).as("each figure says what it counts")
					.isIn("\"Completed\"", "\"In progress\"", "\"Not started\"", "\"Overdue\"");
			}
		}
	}

	@Test
	void learnerPagesFitAPhoneAndRightAndWrongLookDifferent() {
		List<String> problems = new ArrayList<>();
		try (BrowserLearner learner = new BrowserLearner(port, course)) {
			ChromeDriver browser = learner.browser();
			browser.manage().window().setSize(PHONE);
			learner.open("/login");
			checkPhone(learner, "/login", problems);
			learner.signIn("learner" + DOMAIN, "demo-learner-pass");
			checkPhone(learner, "/courses", problems);
			WebElement card = browser.findElement(By.xpath("//li[h2[text()='First steps: listening and signposting']]"));
			learner.clickToLoad(card.findElement(By.tagName("button")));
			String base = learner.path().replaceFirst("/steps/.*", "/steps/");
			checkPhone(learner, "a lesson", problems);

			learner.open(base + "check-open-question");
			checkPhone(learner, "a knowledge check", problems);
			learner.answer(false);
			Map<String, String> wrong = feedback(browser);
			learner.screenshot("layout-feedback-wrong");
			learner.answer(true);
			Map<String, String> right = feedback(browser);
			learner.screenshot("layout-feedback-right");
			assertThat(wrong.get("text")).startsWith("Not quite");
			assertThat(right.get("text")).startsWith("That's right");
			for (String look : List.of("icon", "border", "background", "heading")) {
				assertThat(right.get(look)).as("right and wrong feedback differ in " + look).isNotEqualTo(wrong.get(look));
			}
			assertThat(wrong.get("icon")).as("an icon, not only a colour").isNotEqualTo("none");
			assertThat(right.get("icon")).isNotEqualTo("none");

			for (String page : List.of("/certificates", "/profile", "/directory")) {
				learner.open(page);
				checkPhone(learner, page, problems);
			}
		}
		assertThat(problems).as(String.join("\n", problems)).isEmpty();
	}

	/** What tells the feedback apart: its heading's words and icon, its border and background colours. */
	private static Map<String, String> feedback(ChromeDriver browser) {
		WebElement box = browser.findElement(By.id("feedback"));
		WebElement heading = box.findElement(By.tagName("h2"));
		String icon = (String) browser.executeScript("return getComputedStyle(arguments[0], '::before').content", heading);
		return Map.of("text", heading.getText(), "icon", icon, "border", box.getCssValue("border-left-color"), "background",
				box.getCssValue("background-color"), "heading", heading.getCssValue("color"));
	}

	@Test
	void theCertificateCheckShowsDatesInWordsAndItsStateClearly() {
		List<String> problems = new ArrayList<>();
		try (BrowserLearner visitor = new BrowserLearner(port, course)) {
			ChromeDriver browser = visitor.browser();
			visitor.signIn("admin" + DOMAIN, "demo-admin-pass");
			visitor.open("/admin/certificates");
			WebElement code = browser.findElement(By.xpath("//main//a[contains(@href,'/verify/')]"));
			String verify = code.getAttribute("href").replaceFirst("^https?://[^/]+", "");
			visitor.restartBrowser();
			browser = visitor.browser();

			for (Dimension size : List.of(PHONE, DESKTOP)) {
				browser.manage().window().setSize(size);
				visitor.open(verify);
				if (size.equals(PHONE)) {
					checkPhone(visitor, verify, problems);
				}
				visitor.screenshot("layout-verify-" + size.getWidth());
			}
			WebElement banner = browser.findElement(By.cssSelector(".verify-state"));
			assertThat(banner.getText()).isEqualTo("This certificate is valid.");
			assertThat(banner.getCssValue("background-color")).as("a green banner").isEqualTo("rgba(0, 112, 60, 1)");
			assertThat(banner.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
			assertDatesInWords(browser, ENGLISH_MONTHS);
			assertThat(visitor.main()).as("no ISO dates").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");

			visitor.clickToLoad(By.cssSelector(".language-switch button"));
			assertDatesInWords(browser, WELSH_MONTHS);
			assertThat(browser.findElement(By.cssSelector(".verify-state.valid")).getText()).isEqualTo("Mae’r dystysgrif hon yn ddilys.");
			visitor.screenshot("layout-verify-cy");
			visitor.clickToLoad(By.cssSelector(".language-switch button"));

			// revoked: a red banner that says so
			visitor.signIn("admin" + DOMAIN, "demo-admin-pass");
			visitor.open("/admin/certificates");
			WebElement row = browser.findElement(By.xpath("//tr[td/a[contains(@href,'" + verify + "')]]"));
			row.findElement(By.name("reason")).sendKeys("Issued in error");
			visitor.clickToLoad(row.findElement(By.xpath(".//button[not(@formaction)]")));
			visitor.open(verify);
			WebElement revoked = browser.findElement(By.cssSelector(".verify-state"));
			assertThat(revoked.getText()).isEqualTo("This certificate has been revoked.");
			assertThat(revoked.getCssValue("background-color")).as("a red banner").isEqualTo("rgba(179, 38, 30, 1)");
			visitor.screenshot("layout-verify-revoked");
		}
		assertThat(problems).as(String.join("\n", problems)).isEmpty();
	}

	/** Each date on the page is in words in the page's language ("7 December 2026") and says the same day as its markup. */
	private static void assertDatesInWords(ChromeDriver browser, List<String> months) {
		List<WebElement> times = browser.findElements(By.cssSelector("main time"));
		assertThat(times).as("the issue and expiry dates").hasSize(2);
		for (WebElement time : times) {
			LocalDate day = LocalDate.parse(time.getDomAttribute("datetime"));
			assertThat(time.getText()).isEqualTo(day.getDayOfMonth() + " " + months.get(day.getMonthValue() - 1) + " " + day.getYear());
		}
	}

}
