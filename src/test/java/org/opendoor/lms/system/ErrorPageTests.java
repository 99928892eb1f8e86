package org.opendoor.lms.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error pages as a visitor meets them over real HTTP: in their language, with a way on, never the
 * framework's own wording; and the language switch on an error page brings back the same page in the
 * other language instead of a server error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class ErrorPageTests {

	private static final Pattern RETURN = Pattern.compile("name=\"return\" value=\"([^\"]*)\"");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	private BrowserlessSession signedIn(String language) {
		var learner = Learners.register(accounts, "Errol", Nation.WALES, language);
		BrowserlessSession browser = new BrowserlessSession(port);
		browser.signIn(learner.email(), Learners.PASSWORD);
		return browser;
	}

	/** The path and query of a redirect's address. */
	private static String pathOf(String location) {
		java.net.URI uri = java.net.URI.create(location);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private static void assertNoInternals(BrowserlessSession.Page page) {
		assertThat(page.body()).doesNotContain("No endpoint").doesNotContain("Failed to convert")
			.doesNotContain("java.").doesNotContain("Exception");
		assertThat(page.body()).as("a way on").contains("href=\"/courses\"");
	}

	@Test
	void aMissingPageSaysSoInTheVisitorsLanguage() {
		BrowserlessSession.Page english = signedIn("en").get("/no-such-page");
		assertThat(english.status()).isEqualTo(404);
		assertThat(english.body()).contains("Page not found").contains("The address may be mistyped");
		assertNoInternals(english);

		BrowserlessSession.Page welsh = signedIn("cy").get("/no-such-page");
		assertThat(welsh.status()).isEqualTo(404);
		assertThat(welsh.body()).contains("lang=\"cy\"").contains("Heb ddod o hyd i’r dudalen").contains("Yn ôl i’ch cyrsiau");
		assertNoInternals(welsh);
	}

	@Test
	void aMalformedAddressIsABadRequestWithoutInternals() {
		BrowserlessSession.Page page = signedIn("en").get("/attempts/not-a-uuid");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Something in the address or the form was not as expected");
		assertNoInternals(page);
	}

	@Test
	void switchingLanguageOnAnErrorPageShowsThatPageInTheOtherLanguage() {
		BrowserlessSession browser = signedIn("en");
		BrowserlessSession.Page missing = browser.get("/courses/nope/nothing?x=1");
		assertThat(missing.status()).isEqualTo(404);
		Matcher back = RETURN.matcher(missing.body());
		assertThat(back.find()).isTrue();
		String returnTo = back.group(1).replace("&amp;", "&");
		assertThat(returnTo).isEqualTo("/courses/nope/nothing?x=1");

		BrowserlessSession.Page switched = browser.post("/language", "lang", "cy", "return", returnTo);
		assertThat(switched.status()).isEqualTo(302);
		BrowserlessSession.Page again = browser.follow(pathOf(switched.location()));
		assertThat(again.status()).isEqualTo(404);
		assertThat(again.body()).contains("lang=\"cy\"").contains("Heb ddod o hyd i’r dudalen");

		BrowserlessSession.Page bad = browser.get("/attempts/not-a-uuid");
		Matcher fromBad = RETURN.matcher(bad.body());
		assertThat(fromBad.find()).isTrue();
		BrowserlessSession.Page switchedBack = browser.post("/language", "lang", "en", "return", fromBad.group(1));
		assertThat(browser.follow(pathOf(switchedBack.location())).status()).as("never a server error").isLessThan(500);
	}

}
