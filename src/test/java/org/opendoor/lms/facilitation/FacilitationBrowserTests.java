package org.opendoor.lms.facilitation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.support.BrowserLearner;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facilitator mode in Chromium: moving through the slides with the keys a presenter uses (arrows, Page Up
 * and Page Down from a clicker, Home, End, N for the presenter window); the presenter and audience windows
 * kept in step, the presenter's preview of the real next slide and its timer, an audience window with no
 * controls; every slide of the flagship course, in English and in Welsh, fitting a 1,280 by 768 projector;
 * and axe (WCAG 2.2 AA) on the slides, the overview, the presenter and audience windows and the attendance
 * form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class FacilitationBrowserTests {

	static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

	@LocalServerPort
	int port;

	private final Course course = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).course();

	private static void press(BrowserLearner who, CharSequence key, String expectedPath) {
		new Actions(who.browser()).sendKeys(key).perform();
		new WebDriverWait(who.browser(), Duration.ofSeconds(20)).until(d -> who.path().equals(expectedPath));
		new WebDriverWait(who.browser(), Duration.ofSeconds(20))
			.until(d -> "complete".equals(who.browser().executeScript("return document.readyState")));
	}

	@Test
	void theKeyboardMovesThroughTheSlides() {
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			admin.signIn("orgadmin@demo.opendoor.invalid", "demo-orgadmin-pass");
			admin.open("/facilitate/first-steps/1");
			String count = admin.browser().findElement(By.className("slide-count")).getText();
			int total = Integer.parseInt(count.replaceAll(".* of ", ""));
			press(admin, Keys.ARROW_RIGHT, "/facilitate/first-steps/2");
			press(admin, Keys.PAGE_DOWN, "/facilitate/first-steps/3");
			press(admin, Keys.ARROW_LEFT, "/facilitate/first-steps/2");
			press(admin, Keys.PAGE_UP, "/facilitate/first-steps/1");
			press(admin, Keys.END, "/facilitate/first-steps/" + total);
			assertThat(admin.heading()).startsWith("Where to get help");
			press(admin, Keys.HOME, "/facilitate/first-steps/1");
			assertThat(admin.heading()).isEqualTo(course.title());
			press(admin, "n", "/facilitate/first-steps/1?view=presenter");
			assertThat(admin.main()).contains("Facilitator notes").contains("Welcome people.");
			press(admin, Keys.ARROW_RIGHT, "/facilitate/first-steps/2?view=presenter");
			press(admin, Keys.SPACE, "/facilitate/first-steps/3?view=presenter");
			press(admin, "n", "/facilitate/first-steps/3");
			assertThat(admin.main()).doesNotContain("Facilitator notes");
		}
	}

	@Test
	void slidesAndTheAttendanceFormHaveNoAxeViolations() {
		List<String> report = new ArrayList<>();
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			admin.signIn("orgadmin@demo.opendoor.invalid", "demo-orgadmin-pass");
			admin.open("/facilitate/first-steps/1");
			boolean lesson = false;
			boolean discussion = false;
			while (!(lesson && discussion)) {
				String kind = admin.browser().findElement(By.cssSelector("section.slide")).getAttribute("class");
				if (!lesson && kind.contains("slide-lesson")) {
					audit(admin, "lesson slide", report);
					lesson = true;
				}
				if (!discussion && kind.contains("slide-discuss")) {
					String path = admin.path();
					audit(admin, "discussion slide", report);
					admin.open(path + "?view=presenter");
					audit(admin, "presenter window on a discussion slide", report);
					admin.open(path + "?view=audience");
					audit(admin, "audience window on a discussion slide", report);
					admin.open(path);
					discussion = true;
				}
				admin.clickToLoad(By.cssSelector("a[rel=next]"));
			}
			admin.open("/facilitate/first-steps/overview");
			audit(admin, "overview", report);
			admin.browser().findElements(By.cssSelector("details summary")).forEach(summary -> summary.click());
			audit(admin, "overview with every module's slides open", report);
			// the support slide, with the contacts, in each window
			admin.open("/facilitate/hub-leaders-mental-health-awareness/overview");
			String support = admin.browser()
				.findElement(By.xpath("//ol[contains(@class,'overview-slides')]/li/p/a[starts-with(normalize-space(.),'Support is there')]"))
				.getDomAttribute("href");
			for (String view : List.of("", "?view=presenter", "?view=audience")) {
				admin.open(support + view);
				audit(admin, "support slide " + view, report);
			}
			admin.open("/org");
			admin.clickToLoad(By.linkText("Dashboard"));
			admin.clickToLoad(By.linkText("Group sessions"));
			audit(admin, "group sessions", report);
			admin.clickToLoad(By.linkText("Record a group session"));
			audit(admin, "attendance form", report);
			admin.clickToLoad(By.cssSelector("main form button[type=submit]"));
			assertThat(admin.main()).contains("There is a problem");
			audit(admin, "attendance form with errors", report);
		}
		assertThat(report).as(String.join("\n", report)).isEmpty();
	}

	/**
	 * Two windows of one browser, as on a laptop with a projector: the presenter window and the audience
	 * window. Moving in either moves the other; the presenter sees the real next slide and a running timer;
	 * the audience sees the slide and nothing else.
	 */
	@Test
	void thePresenterWindowMovesTheAudienceWindow() {
		String slides = "/facilitate/first-steps/";
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			ChromeDriver browser = admin.browser();
			admin.signIn("orgadmin@demo.opendoor.invalid", "demo-orgadmin-pass");
			admin.open(slides + "1?view=presenter");
			String presenter = browser.getWindowHandle();
			browser.switchTo().newWindow(WindowType.WINDOW);
			admin.open(slides + "1?view=audience");
			viewport(browser, 1280, 768);
			String audience = browser.getWindowHandle();

			// the audience window: the slide, big, and no controls
			assertThat(browser.findElements(By.cssSelector("nav, button, input, select, a[rel], .slide-count, .notes, .timer")))
				.as("controls in the audience window")
				.isEmpty();
			assertThat(browser.findElements(By.cssSelector("a")))
				.as("the only links in the audience window are phone numbers on the slide")
				.allSatisfy(a -> assertThat(a.getDomAttribute("href")).matches("^(tel|sms):.*"));
			assertThat(browser.findElement(By.tagName("body")).getText()).contains(course.title())
				.doesNotContain("Next")
				.doesNotContain("Previous")
				.doesNotContain("Slide 1 of")
				.doesNotContain("Facilitator notes");
			assertThat(fontSize(browser, "section.slide")).as("type size on a 1,280 px wide audience window").isGreaterThan(20);

			// the presenter window: the current slide, the real next slide, the notes and a running timer
			browser.switchTo().window(presenter);
			browser.manage().window().setSize(new Dimension(1280, 800));
			String current = text(browser, ".pane-now section.slide");
			String preview = text(browser, ".next-preview section.slide");
			assertThat(preview).isNotEqualTo(current).isNotBlank();
			assertThat(browser.findElement(By.cssSelector(".notes")).getText()).contains("Facilitator notes");
			WebElement elapsed = browser.findElement(By.cssSelector(".timer .elapsed"));
			assertThat(browser.findElement(By.cssSelector(".timer")).isDisplayed()).isTrue();
			String before = elapsed.getText();
			new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !elapsed.getText().equals(before));
			assertThat(elapsed.getText()).matches("\\d+:\\d\\d");
			assertThat(browser.findElement(By.cssSelector(".planned")).getText()).contains("minutes");

			// the presenter moves on: the audience window follows and shows what the preview showed
			press(admin, Keys.ARROW_RIGHT, slides + "2?view=presenter");
			assertThat(text(browser, ".pane-now section.slide")).isEqualTo(preview);
			String nextPreview = text(browser, ".next-preview section.slide");
			browser.switchTo().window(audience);
			waitFor(admin, slides + "2?view=audience");
			assertThat(text(browser, "section.slide")).isEqualTo(preview);

			// the space bar in the audience window moves both; the presenter's timer runs on from where it was
			press(admin, Keys.SPACE, slides + "3?view=audience");
			assertThat(text(browser, "section.slide")).isEqualTo(nextPreview);
			browser.switchTo().window(presenter);
			waitFor(admin, slides + "3?view=presenter");
			String[] time = browser.findElement(By.cssSelector(".timer .elapsed")).getText().split(":");
			assertThat(Integer.parseInt(time[0]) * 60 + Integer.parseInt(time[1])).as("seconds on the timer").isPositive();

			// the module jump in the presenter window takes both windows to the second module
			WebElement second = browser.findElement(By.xpath("//nav[contains(@class,'module-jump')]//a[starts-with(normalize-space(.),'2.')]"));
			String target = second.getDomAttribute("href");
			admin.clickToLoad(second);
			assertThat(admin.path()).isEqualTo(target);
			assertThat(admin.heading()).isEqualTo(course.modules().get(1).title());
			browser.switchTo().window(audience);
			waitFor(admin, target.replace("view=presenter", "view=audience"));
			assertThat(admin.heading()).isEqualTo(course.modules().get(1).title());
		}
	}

	/**
	 * Every slide of the flagship course, in English and in Welsh, in the audience window on a 1,280 by 768
	 * projector: nothing runs off the slide or the page. (The stage is 16:9 and its type scales with it, so
	 * 1,280 by 720 and 1,920 by 1,080 give the same layout.) Each slide is loaded into a frame of that size.
	 */
	@Test
	void everySlideOfTheFlagshipFitsAProjector() {
		String slides = "/facilitate/hub-leaders-mental-health-awareness/";
		Map<String, Integer> counts = new LinkedHashMap<>();
		List<String> overflowing = new ArrayList<>();
		try (BrowserLearner admin = new BrowserLearner(port, course)) {
			ChromeDriver browser = admin.browser();
			browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(4));
			admin.signIn("orgadmin@demo.opendoor.invalid", "demo-orgadmin-pass");
			for (String language : List.of("en", "cy")) {
				admin.open("/facilitate");
				if (!language.equals(browser.findElement(By.tagName("html")).getDomAttribute("lang"))) {
					admin.clickToLoad(By.cssSelector(".language-switch button"));
				}
				assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(language);
				admin.open(slides + "1?view=audience");
				viewport(browser, 1280, 768);
				@SuppressWarnings("unchecked")
				Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript(FIT, slides, 1280, 768);
				int total = ((Number) result.get("total")).intValue();
				counts.put(language, total);
				@SuppressWarnings("unchecked")
				List<String> bad = (List<String>) result.get("overflowing");
				bad.forEach(b -> overflowing.add(language + " " + b));
				assertThat(total).as(language + " slides").isGreaterThan(100);
				for (String shown : List.of("notes", "lines", "support")) {
					assertThat(((Number) result.get(shown)).intValue()).as(language + ": audience slides with " + shown).isPositive();
				}
				System.out.println(language + ": " + total + " slides, " + result.get("notes") + " with the content note, "
						+ result.get("lines") + " with the urgent-help line, " + result.get("support") + " support slides");
			}
			// back to English: the account's language is kept, and other tests sign in as the same person
			admin.open("/facilitate");
			admin.clickToLoad(By.cssSelector(".language-switch button"));
			assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		}
		System.out.println("Flagship slides checked at 1,280 by 768: " + counts);
		assertThat(overflowing).as("slides that overflow a 1,280 by 768 audience window").isEmpty();
	}

	/**
	 * Shows each slide of a course, in the audience window's view, in this window (its viewport set to the
	 * given size): fetches the slide's page and puts its body in place of this one (every slide page has the
	 * same head and styles), then reports those where the page or the slide is taller than the viewport
	 * (document or slide scrollHeight over it), or a support slide without 999 and the contacts.
	 */
	private static final String FIT = """
			const [base, width, height, done] = arguments;
			const overflowing = [];
			let notes = 0, lines = 0, support = 0;
			(async () => {
			  if (innerWidth !== width || innerHeight !== height) {
			    done({ total: -1, overflowing: ['the viewport is ' + innerWidth + ' by ' + innerHeight] });
			    return;
			  }
			  let n = 1;
			  for (;; n++) {
			    const response = await fetch(base + n + '?view=audience');
			    if (response.status === 404) { break; }
			    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
			    document.body.replaceWith(document.adoptNode(doc.body));
			    const slide = document.querySelector('section.slide');
			    const page = document.documentElement;
			    if (!slide) { overflowing.push(n + ': no slide'); continue; }
			    if (page.scrollHeight > height || page.scrollWidth > width || slide.scrollHeight > slide.clientHeight + 1) {
			      overflowing.push(n + ' (' + slide.className + '): page ' + page.scrollHeight + ' px, slide '
			          + slide.scrollHeight + ' of ' + slide.clientHeight + ' px: ' + doc.title);
			    }
			    // safe messaging: the support slides keep 999 and the contacts; count the notes and urgent-help lines
			    if (/slide-(support|help)/.test(slide.className)
			        && !(slide.querySelector('.urgent a[href="tel:999"]') && slide.querySelectorAll('ul.contacts li').length > 0)) {
			      overflowing.push(n + ' (' + slide.className + '): no 999 line or no contacts: ' + doc.title);
			    }
			    if (slide.querySelector('aside.content-note')) { notes++; }
			    if (slide.querySelector('.support-line a[href="tel:999"]')) { lines++; }
			    if (/slide-support/.test(slide.className)) { support++; }
			  }
			  done({ total: n - 1, overflowing, notes, lines, support });
			})().catch((e) => done({ total: -1, overflowing: [String(e)] }));
			""";

	private static String text(ChromeDriver browser, String selector) {
		return ((String) browser.executeScript("return arguments[0].textContent", browser.findElement(By.cssSelector(selector))))
			.replaceAll("\\s+", " ")
			.strip();
	}

	/** Sizes the window so that its viewport is width by height CSS pixels. */
	private static void viewport(ChromeDriver browser, int width, int height) {
		browser.manage().window().setSize(new Dimension(width, height));
		@SuppressWarnings("unchecked")
		List<Number> inner = (List<Number>) browser.executeScript("return [innerWidth, innerHeight]");
		browser.manage().window()
			.setSize(new Dimension(2 * width - inner.get(0).intValue(), 2 * height - inner.get(1).intValue()));
	}

	private static double fontSize(ChromeDriver browser, String selector) {
		return Double.parseDouble(((String) browser.executeScript("return getComputedStyle(arguments[0]).fontSize",
				browser.findElement(By.cssSelector(selector)))).replace("px", ""));
	}

	private static void waitFor(BrowserLearner who, String path) {
		new WebDriverWait(who.browser(), Duration.ofSeconds(20)).until(d -> who.path().equals(path));
		new WebDriverWait(who.browser(), Duration.ofSeconds(20))
			.until(d -> "complete".equals(who.browser().executeScript("return document.readyState")));
	}

	private static void audit(BrowserLearner who, String name, List<String> report) {
		Results results = new AxeBuilder().withTags(WCAG_AA).analyze(who.browser());
		assertThat(results.isErrored()).as("axe ran on " + name).isFalse();
		for (Rule rule : results.getViolations()) {
			StringBuilder line = new StringBuilder(name + " (" + who.path() + "): " + rule.getId() + " " + rule.getHelp());
			for (CheckedNode node : rule.getNodes()) {
				line.append("\n    ").append(node.getTarget());
			}
			report.add(line.toString());
		}
	}

}
