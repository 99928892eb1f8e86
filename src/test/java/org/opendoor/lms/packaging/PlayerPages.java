package org.opendoor.lms.packaging;

import java.time.Duration;
import java.util.List;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.Question;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner in the exported package's player (in the current frame of a browser) who knows the
 * course's answers, read from its files: pages, buttons, and the final assessment answered rightly or
 * with one safety-critical item wrong.
 */
final class PlayerPages {

	private final ChromeDriver browser;

	PlayerPages(ChromeDriver browser) {
		this.browser = browser;
	}

	void waitForPage() {
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.tagName("h1")).isEmpty());
	}

	String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	String progress() {
		return browser.findElement(By.id("progress-label")).getText();
	}

	String main() {
		return browser.findElement(By.tagName("main")).getText();
	}

	void click(String id) {
		if (browser.findElements(By.id(id)).isEmpty()) {
			throw new AssertionError("no button '" + id + "' on: " + progress() + " / " + main());
		}
		String before = progress() + heading();
		browser.findElement(By.id(id)).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !(progress() + heading()).equals(before)
				|| !d.findElements(By.id("feedback")).isEmpty());
	}

	/** Goes on to the assessment, answers every question (one critical item wrong if asked) and submits. */
	void takeAssessment(Course course, boolean missCritical) {
		while (!heading().equals(course.assessment().title())) {
			click("next");
		}
		click("next");
		boolean missed = false;
		while (heading().startsWith("Question ")) {
			String prompt = browser.findElement(By.tagName("legend")).getText().strip();
			Question q = course.assessment().questions().stream()
				.filter(x -> x.promptHtml().replaceAll("<[^>]+>", "").replace("&#39;", "'").replace("&#34;", "\"").strip().equals(prompt))
				.findFirst()
				.orElseThrow(() -> new AssertionError("question not found: " + prompt));
			boolean wrong = missCritical && !missed && q.critical();
			List<String> keys = wrong ? List.of(q.options().stream().filter(o -> !o.correct()).findFirst().orElseThrow().key())
					: List.copyOf(q.correctKeys());
			for (String k : keys) {
				browser.findElement(By.id("choice-" + k)).click();
			}
			String before = heading();
			browser.findElement(By.cssSelector("form.question button[type=submit]")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !heading().equals(before));
			missed |= wrong;
		}
		assertThat(missed).isEqualTo(missCritical);
		click("submit");
	}

}
