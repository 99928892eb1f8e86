package org.opendoor.lms.accessibility;

import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner who uses only the keyboard (Tab, Enter, Space, and typing into fields) signs in, starts the
 * course, moves through lesson pages and answers a knowledge check. On every page the skip link is the
 * first tab stop, and every element that takes focus shows it (an outline or a ring).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class KeyboardJourneyBrowserTests {

	@LocalServerPort
	int port;

	private ChromeDriver browser;

	private void press(CharSequence key) {
		new Actions(browser).sendKeys(key).perform();
	}

	private WebElement focused() {
		return browser.switchTo().activeElement();
	}

	private String describe(WebElement e) {
		return e.getTagName() + "#" + e.getAttribute("id") + "." + e.getAttribute("class") + " '" + e.getText() + "'";
	}

	/** Asserts the focused element shows a visible focus indicator. */
	private void assertFocusVisible() {
		WebElement e = focused();
		String outlineStyle = e.getCssValue("outline-style");
		String outlineWidth = e.getCssValue("outline-width");
		String shadow = e.getCssValue("box-shadow");
		boolean outline = !"none".equals(outlineStyle) && !outlineWidth.startsWith("0");
		boolean ring = shadow != null && !"none".equals(shadow);
		assertThat(outline || ring).as("focus is visible on " + describe(e) + " (outline " + outlineStyle + " " + outlineWidth
				+ ", box-shadow " + shadow + ")").isTrue();
	}

	/** Tabs forward until the focused element matches, checking focus is visible at every stop. */
	private WebElement tabTo(String what, Predicate<WebElement> wanted) {
		for (int i = 0; i < 60; i++) {
			press(Keys.TAB);
			assertFocusVisible();
			if (wanted.test(focused())) {
				return focused();
			}
		}
		throw new AssertionError("could not reach " + what + " with the Tab key on " + browser.getCurrentUrl());
	}

	/** Presses a key that loads a new page and waits until it has. */
	private void pressToLoad(CharSequence key) {
		WebElement page = browser.findElement(By.tagName("html"));
		press(key);
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
			try {
				page.isEnabled();
				return false;
			}
			catch (WebDriverException gone) {
				return true;
			}
		});
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(d -> "complete".equals(browser.executeScript("return document.readyState")));
	}

	private void assertSkipLinkIsFirstTabStop() {
		press(Keys.TAB);
		WebElement first = focused();
		assertThat(first.getAttribute("class")).as("first tab stop on " + browser.getCurrentUrl() + ": " + describe(first))
			.contains("skip-link");
		assertThat(first.getAttribute("href")).endsWith("#main");
		assertThat(first.isDisplayed()).isTrue();
		assertFocusVisible();
	}

	private String heading() {
		return browser.findElement(By.tagName("h1")).getText();
	}

	private static Predicate<WebElement> id(String id) {
		return e -> id.equals(e.getAttribute("id"));
	}

	private static Predicate<WebElement> rel(String rel) {
		return e -> rel.equals(e.getAttribute("rel"));
	}

	@Test
	void aLearnerTakesLessonsAndAnswersAQuestionWithTheKeyboardAlone() {
		browser = Chromium.start();
		try {
			browser.get("http://localhost:" + port + "/login");
			assertSkipLinkIsFirstTabStop();
			tabTo("the email field", id("username"));
			focused().sendKeys("learner@demo.opendoor.invalid");
			tabTo("the password field", id("password"));
			focused().sendKeys("demo-learner-pass");
			pressToLoad(Keys.ENTER);
			assertThat(heading()).isEqualTo("Courses");

			assertSkipLinkIsFirstTabStop();
			tabTo("the first course's start button", e -> "button".equals(e.getTagName())
					&& e.findElements(By.xpath("ancestor::li[1]/h2")).stream()
						.anyMatch(h -> h.getText().equals("First steps: listening and signposting")));
			pressToLoad(Keys.ENTER);
			assertThat(heading()).isEqualTo("Welcome");

			assertSkipLinkIsFirstTabStop();
			tabTo("the next page link", rel("next"));
			pressToLoad(Keys.ENTER);
			assertThat(heading()).isEqualTo("Listening without fixing");

			assertSkipLinkIsFirstTabStop();
			tabTo("the next page link", rel("next"));
			pressToLoad(Keys.ENTER);
			assertThat(browser.getCurrentUrl()).contains("/steps/check-");

			assertSkipLinkIsFirstTabStop();
			WebElement radio = tabTo("the first answer", e -> "choice".equals(e.getAttribute("name")));
			String chosen = radio.getAttribute("id");
			press(Keys.SPACE);
			assertThat(browser.findElement(By.id(chosen)).isSelected()).as("Space chooses the answer").isTrue();
			tabTo("the check button", e -> "button".equals(e.getTagName()) && "submit".equals(e.getAttribute("type")));
			pressToLoad(Keys.ENTER);
			assertThat(browser.findElement(By.id("feedback")).getText()).isNotBlank();
			assertThat(browser.findElement(By.id(chosen)).isSelected()).as("the answer is kept").isTrue();

			String checkPage = browser.getCurrentUrl().replaceFirst("#.*", "");
			// on a page with a form, Next is a button that sends it (saving the answer), so nothing chosen is lost
			tabTo("the Next button", e -> java.util.Arrays.asList(e.getAttribute("class").split(" ")).contains("next"));
			pressToLoad(Keys.ENTER);
			assertThat(browser.getCurrentUrl()).as("on to the page after the check").doesNotStartWith(checkPage);
		}
		finally {
			browser.quit();
		}
	}

}
