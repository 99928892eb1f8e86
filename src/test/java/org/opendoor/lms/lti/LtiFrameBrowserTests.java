package org.opendoor.lms.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Chromium;
import org.opendoor.lms.support.Orgs;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/**
 * A launch from a course page on another site (the platform at 127.0.0.1, Open Door at localhost) inside a
 * frame, in Chromium with third-party cookies blocked: the launch is accepted without the tool's cookie, and
 * the learner reaches the lesson through "Open the course in a new window".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class LtiFrameBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	LtiPlatforms platforms;

	@Autowired
	Organisations organisations;

	@Autowired
	Accounts accounts;

	@Test
	void aFramedLaunchWithThirdPartyCookiesBlockedReachesTheLesson() throws Exception {
		ChromeDriver browser = Chromium.start(Map.of("profile.cookie_controls_mode", 1, "profile.block_third_party_cookies", true));
		try (PlatformEmulator platform = new PlatformEmulator("127.0.0.1")) {
			Orgs.Org org = Orgs.create(organisations, accounts, "Browser hub");
			platforms.register(new LtiPlatforms.Registration("Moodle", platform.issuer, platform.clientId,
					platform.authEndpoint(), platform.tokenEndpoint(), platform.jwksUri(), platform.deploymentId, org.id()));
			platform.toolJwks = "http://localhost:" + port + "/lti/jwks.json";
			platform.toolRedirect = "http://localhost:" + port + "/lti/launch";
			String page = platform.coursePage(platform.resourceLink("frame-" + UUID.randomUUID(), PlatformEmulator.LEARNER,
					Map.of("course", "first-steps"), "Framed Learner"));
			browser.get(page);
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("tool")));
			wait.until(ExpectedConditions.elementToBeClickable(By.id("lti-continue")));
			String original = browser.getWindowHandle();
			Set<String> before = browser.getWindowHandles();
			browser.findElement(By.id("lti-continue")).click();
			wait.until(d -> d.getWindowHandles().size() > before.size());
			String opened = browser.getWindowHandles().stream().filter(h -> !before.contains(h)).findFirst().orElseThrow();
			browser.switchTo().window(opened);
			wait.until(ExpectedConditions.urlContains("/steps/"));
			assertThat(browser.getCurrentUrl()).startsWith("http://localhost:" + port + "/attempts/");
			assertThat(browser.findElement(By.tagName("main")).getText()).isNotBlank();
			assertThat(browser.getPageSource()).doesNotContain("name=\"password\"");
			assertThat(original).isNotEqualTo(opened);
		}
		finally {
			browser.quit();
		}
	}

}
