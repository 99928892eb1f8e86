package org.opendoor.lms.facilitation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.support.BrowserLearner;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facilitator mode in Chromium: moving through the slides with the keys a presenter uses (arrows, Page Up
 * and Page Down from a clicker, Home, End, N for the notes), and axe (WCAG 2.2 AA) on a lesson slide, a
 * discussion slide, the presenter view and the attendance form.
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
			assertThat(admin.heading()).isEqualTo("Where to get help");
			press(admin, Keys.HOME, "/facilitate/first-steps/1");
			assertThat(admin.heading()).isEqualTo(course.title());
			press(admin, "n", "/facilitate/first-steps/1?notes=1");
			assertThat(admin.main()).contains("Facilitator notes").contains("Welcome people.");
			press(admin, Keys.ARROW_RIGHT, "/facilitate/first-steps/2?notes=1");
			press(admin, "n", "/facilitate/first-steps/2");
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
					audit(admin, "discussion slide", report);
					admin.open(admin.path() + "?notes=1");
					audit(admin, "presenter view of a discussion slide", report);
					discussion = true;
				}
				admin.clickToLoad(By.cssSelector("a[rel=next]"));
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
