package org.opendoor.lms.system;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserLearner;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pages that show the most user-supplied text, in a real browser (Debian's Chromium): no alert fires, no
 * element was injected, and the text reads as typed. Skipped without Chromium unless {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class CrossSiteScriptingBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	LocalServices directory;

	@Test
	void scriptInNamesAndDirectoryEntriesNeverRunsInTheBrowser() {
		Orgs.Org org = Orgs.create(organisations, accounts, CrossSiteScriptingTests.payload("organisation"));
		long group = organisations.createGroup(org.id(), CrossSiteScriptingTests.payload("group"));
		Account scripted = accounts.register(new Registration(CrossSiteScriptingTests.payload("name"),
				UUID.randomUUID() + "@example.org", Learners.PASSWORD, Nation.WALES, "en"));
		organisations.addMember(org.id(), scripted.id(), Role.LEARNER, group);
		directory.create(org.admin().id(), org.id(), new LocalServiceForm(CrossSiteScriptingTests.payload("service"),
				CrossSiteScriptingTests.payload("offer"), "Mondays", CrossSiteScriptingTests.JS_URL, "Anyone", Tier.CHAT,
				LocalDate.now()));
		try (BrowserLearner admin = new BrowserLearner(port, null)) {
			admin.signIn(org.admin().email(), Learners.PASSWORD);
			for (String path : new String[] { "/org/" + org.id() + "/members", "/org/" + org.id() + "/dashboard",
					"/organisations/" + org.id() + "/directory" }) {
				admin.open(path);
				new WebDriverWait(admin.browser(), Duration.ofSeconds(20))
					.until(d -> "complete".equals(admin.browser().executeScript("return document.readyState")));
				assertThatThrownBy(() -> admin.browser().switchTo().alert()).as(path + ": an alert fired")
					.isInstanceOf(NoAlertPresentException.class);
				assertThat(admin.browser().findElements(By.cssSelector("img[src='x'], a[href^='javascript']")))
					.as(path + ": injected elements").isEmpty();
				Object scriptsWithAlert = admin.browser()
					.executeScript("return [...document.scripts].filter(s => s.text.includes('alert(')).length");
				assertThat(((Number) scriptsWithAlert).intValue()).as(path + ": injected scripts").isZero();
				assertThat(admin.browser().findElement(By.tagName("main")).getText())
					.contains("<script>alert('");
			}
		}
	}

}
