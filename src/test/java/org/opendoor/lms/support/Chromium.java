package org.opendoor.lms.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through its chromedriver (no browser downloads). Without them a
 * test is skipped with a clear message, except in CI ({@code CI=true}) where their absence is a
 * failure: {@code .ci/run} installs them.
 */
public final class Chromium {

	static final File DRIVER = new File("/usr/bin/chromedriver");

	static final File BROWSER = new File("/usr/bin/chromium");

	private Chromium() {
	}

	public static ChromeDriver start() {
		return start(java.util.Map.of());
	}

	/** A browser with these preferences (for example third-party cookies blocked). */
	public static ChromeDriver start(java.util.Map<String, Object> preferences) {
		boolean present = DRIVER.canExecute() && BROWSER.canExecute();
		if (!present) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true but Debian chromium/chromium-driver are not installed; .ci/run installs them");
			}
			Assumptions.abort("Skipped: install Debian's chromium and chromium-driver to run browser tests");
		}
		try {
			ChromeOptions options = new ChromeOptions();
			options.setBinary(BROWSER);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=412,915",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
			if (!preferences.isEmpty()) {
				options.setExperimentalOption("prefs", preferences);
			}
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return driver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
