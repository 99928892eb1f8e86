package org.opendoor.lms.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package player's support box, in a phone-sized headless Chromium with no LMS: the contacts from the
 * package, each number a tap-to-call or tap-to-text link at least 44 by 44 px, who each is for and whether it
 * has been checked; each nation's own contacts under its name.
 */
@SpringBootTest
@ActiveProfiles({ "demo", "test" })
class PackageSupportBoxBrowserTests {

	@Autowired
	CoursePackages packages;

	@TempDir
	Path dir;

	private ChromeDriver browser;

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theSupportBoxLinksEveryNumberWithTapSizedTargets() throws Exception {
		for (Map.Entry<String, byte[]> f : PackageManifestTests.unzip(packages.export("first-steps", PackageStandard.SCORM12))
			.entrySet()) {
			Path target = dir.resolve(f.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, f.getValue());
		}
		browser = Chromium.start();
		browser.get(dir.resolve("index.html").toUri().toString());
		PlayerPages player = new PlayerPages(browser);
		player.waitForPage();
		for (int i = 0; i < 40 && browser.findElements(By.cssSelector(".support-box")).isEmpty(); i++) {
			player.click("next");
		}
		WebElement box = browser.findElement(By.cssSelector(".support-box"));
		assertThat(box.getText()).contains("For: Children and young people").contains("Not yet checked with the service")
			.contains("Across the UK");
		List<WebElement> links = box.findElements(By.cssSelector("a[href^='tel:'], a[href^='sms:']"));
		assertThat(links).extracting(a -> a.getDomAttribute("href"))
			.contains("tel:999", "tel:116123", "tel:08001111", "sms:85258?&body=SHOUT", "sms:88247");
		for (WebElement a : links) {
			if (a.isDisplayed()) {
				Rectangle r = a.getRect();
				assertThat(r.getHeight()).as(a.getDomAttribute("href") + " height").isGreaterThanOrEqualTo(44);
				assertThat(r.getWidth()).as(a.getDomAttribute("href") + " width").isGreaterThanOrEqualTo(44);
			}
		}
		WebElement wales = box.findElements(By.tagName("details")).stream()
			.filter(d -> d.findElement(By.tagName("summary")).getText().equals("Wales"))
			.findFirst()
			.orElseThrow();
		wales.findElement(By.tagName("summary")).click();
		assertThat(wales.getText()).contains("Meic").contains("080880 23456").doesNotContain("Lifeline");
		assertThat(wales.findElement(By.cssSelector("a[href='tel:08088023456']")).getRect().getHeight()).isGreaterThanOrEqualTo(44);
	}

}
