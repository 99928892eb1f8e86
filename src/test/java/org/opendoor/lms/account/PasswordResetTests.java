package org.opendoor.lms.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Mailbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A volunteer who forgot their password gets back in by email, and one who remembers it can change it, through
 * the real site and a real SMTP server: what they see, what the email says, and what anyone else cannot do with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lms.public-url=https://learn.example.org/", "lms.account.password-resets-per-client-an-hour=12" })
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class PasswordResetTests {

	private static final String SITE = "https://learn.example.org";

	private static final String NEW_PASSWORD = "lanterns over the quiet harbour";

	static final Mailbox mailbox = new Mailbox();

	@RegisterExtension
	static com.icegreen.greenmail.junit5.GreenMailExtension smtp = mailbox.extension();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		mailbox.register(registry);
	}

	/** Each test asks from its own network address, so one test's requests do not use up another's limit. */
	private static final AtomicInteger CLIENTS = new AtomicInteger(10);

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	private Account volunteer(String language) {
		return Learners.register(accounts, "Megan Pritchard", Nation.WALES, language);
	}

	private static String client() {
		return "203.0.113." + CLIENTS.incrementAndGet();
	}

	private String askForLink(String email, String client) throws Exception {
		return ask(post("/password/forgotten").param("email", email), client);
	}

	private String ask(MockHttpServletRequestBuilder request, String client) throws Exception {
		var response = mvc.perform(request.with(csrf()).with(r -> {
			r.setRemoteAddr(client);
			return r;
		})).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		// the page carries a fresh CSRF token each time: everything else must be the same for every address
		return response.getContentAsString().replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
	}

	private static String resetPath(MimeMessage email) {
		String link = Mailbox.link(email, "\\S+/password/reset/[A-Za-z0-9_-]+");
		assertThat(link).startsWith(SITE + "/password/reset/");
		return link.substring(SITE.length());
	}

	private static String tokenOf(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	@Test
	void aForgottenPasswordIsResetWithTheEmailedLinkOnce() throws Exception {
		Account megan = volunteer("en");
		BrowserlessSession visitor = new BrowserlessSession(port);
		assertThat(visitor.get("/login").body()).contains("Forgotten your password?").contains("href=\"/password/forgotten\"");
		assertThat(visitor.get("/password/forgotten").body()).contains("Reset your password");
		BrowserlessSession.Page sent = visitor.post("/password/forgotten", "email", megan.email().toUpperCase());
		assertThat(sent.status()).isEqualTo(200);
		assertThat(sent.body()).contains("Check your email").contains("works once, for 30 minutes");

		MimeMessage email = mailbox.await(megan.email());
		assertThat(Mailbox.subject(email)).isEqualTo("Reset your Open Door password");
		assertThat(Mailbox.text(email)).contains("Hello Megan Pritchard").contains("within 30 minutes");
		String path = resetPath(email);
		assertThat(jdbc.sql("select token_hash from password_reset").query(String.class).list())
			.as("only a hash of the link's token is stored").doesNotContain(tokenOf(path)).isNotEmpty();

		BrowserlessSession.Page form = visitor.get(path);
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("Choose a new password");
		BrowserlessSession.Page weak = visitor.post("/password/reset", "token", tokenOf(path), "password", "passwordpassword");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.body()).contains("list of common or leaked passwords");
		BrowserlessSession.Page saved = visitor.post("/password/reset", "token", tokenOf(path), "password", NEW_PASSWORD);
		assertThat(saved.status()).isEqualTo(302);
		assertThat(saved.location()).endsWith("/login?passwordReset");
		assertThat(visitor.get("/login?passwordReset").body()).contains("Your new password is saved");

		assertThat(new BrowserlessSession(port).signIn(megan.email(), Learners.PASSWORD).location())
			.as("the old password no longer signs in").endsWith("/login?error");
		assertThat(new BrowserlessSession(port).signIn(megan.email(), NEW_PASSWORD).location())
			.as("the new one does").endsWith("/courses");
		assertThat(Mailbox.subject(mailbox.await(megan.email(), 2))).isEqualTo("Your Open Door password was changed");

		BrowserlessSession.Page again = visitor.get(path);
		assertThat(again.status()).as("the link works once").isEqualTo(410);
		assertThat(again.body()).contains("already been used").contains("Ask for a new link");
		BrowserlessSession.Page reused = visitor.post("/password/reset", "token", tokenOf(path), "password",
				"someone else sets this one");
		assertThat(reused.status()).isEqualTo(410);
		assertThat(new BrowserlessSession(port).signIn(megan.email(), NEW_PASSWORD).location()).endsWith("/courses");
	}

	@Test
	void anAddressWithoutAnAccountGetsTheSamePageAndNoEmail() throws Exception {
		Account megan = volunteer("en");
		String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
		String forKnown = askForLink(megan.email(), client());
		String forUnknown = askForLink(nobody, client());
		assertThat(forUnknown).isEqualTo(forKnown);
		mailbox.await(megan.email());
		Thread.sleep(500);
		assertThat(mailbox.to(nobody)).isEmpty();
	}

	@Test
	void theAnswerTakesAboutAsLongWhetherOrNotTheAddressHasAnAccount() throws Exception {
		String client = client();
		askForLink("warm-up-" + UUID.randomUUID() + "@example.org", client);
		long[] known = new long[5];
		long[] unknown = new long[5];
		for (int i = 0; i < known.length; i++) {
			// a new account each time: one address may ask only three times an hour
			Account someone = volunteer("en");
			long start = System.nanoTime();
			askForLink(someone.email(), client);
			known[i] = System.nanoTime() - start;
			start = System.nanoTime();
			askForLink("nobody-" + UUID.randomUUID() + "@example.org", client);
			unknown[i] = System.nanoTime() - start;
		}
		java.util.Arrays.sort(known);
		java.util.Arrays.sort(unknown);
		// the account is looked up and the email sent after the answer, so neither shows in how long it takes
		assertThat(Math.abs(known[2] - unknown[2])).as("difference of the medians in nanoseconds").isLessThan(250_000_000L);
	}

	@Test
	void theLinkPointsAtTheConfiguredAddressWhateverHostTheRequestNames() throws Exception {
		Account megan = volunteer("en");
		ask(post("/password/forgotten").param("email", megan.email())
			.header("Host", "evil.example")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "http")
			.header("X-Forwarded-Port", "8666")
			.header("Forwarded", "host=evil.example;proto=http"), client());
		MimeMessage email = mailbox.await(megan.email());
		assertThat(resetPath(email)).startsWith("/password/reset/");
		assertThat(Mailbox.text(email)).doesNotContain("evil.example").doesNotContain("8666").doesNotContain("localhost");
	}

	@Test
	void expiredForgedAndReplacedLinksGiveAPageInTheVisitorsLanguage() throws Exception {
		Account megan = volunteer("cy");
		askForLink(megan.email(), client());
		MimeMessage first = mailbox.await(megan.email());
		assertThat(Mailbox.subject(first)).as("in the account's language").isEqualTo("Ailosod eich cyfrinair Open Door");
		String firstPath = resetPath(first);
		askForLink(megan.email(), client());
		String secondPath = resetPath(mailbox.await(megan.email(), 2));

		var replaced = mvc.perform(get(firstPath).header("Accept-Language", "en")).andReturn().getResponse();
		assertThat(replaced.getStatus()).as("a newer link ends the older one").isEqualTo(404);
		assertThat(replaced.getContentAsString()).contains("This link is not valid");

		jdbc.sql("update password_reset set expires_at = ? where account_id = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), megan.id())
			.update();
		var expired = mvc.perform(get(secondPath).header("Accept-Language", "en")).andReturn().getResponse();
		assertThat(expired.getStatus()).isEqualTo(410);
		assertThat(expired.getContentAsString()).contains("This link has expired").contains("30 minutes");
		var expiredWelsh = mvc.perform(get(secondPath).header("Accept-Language", "cy")).andReturn().getResponse();
		assertThat(expiredWelsh.getStatus()).isEqualTo(410);
		assertThat(expiredWelsh.getContentAsString()).contains("Mae’r ddolen hon wedi dod i ben").contains("30 munud");
		var expiredPost = mvc.perform(post("/password/reset").with(csrf()).param("token", tokenOf(secondPath))
			.param("password", NEW_PASSWORD)).andReturn().getResponse();
		assertThat(expiredPost.getStatus()).isEqualTo(410);
		assertThat(accounts.passwordMatches(megan.id(), Learners.PASSWORD)).as("the password is unchanged").isTrue();

		String forged = "/password/reset/" + tokenOf(secondPath).substring(1) + "A";
		var forgedPage = mvc.perform(get(forged).header("Accept-Language", "cy")).andReturn().getResponse();
		assertThat(forgedPage.getStatus()).isEqualTo(404);
		assertThat(forgedPage.getContentAsString()).contains("Nid yw’r ddolen hon yn ddilys").contains("lang=\"cy\"");
		var longForged = mvc.perform(get("/password/reset/" + "x".repeat(500))).andReturn().getResponse();
		assertThat(longForged.getStatus()).isEqualTo(404);
		var forgedPost = mvc.perform(post("/password/reset").with(csrf()).param("token", "made-up")
			.param("password", NEW_PASSWORD)).andReturn().getResponse();
		assertThat(forgedPost.getStatus()).isEqualTo(404);
	}

	@Test
	void askingTooOftenQuietlySendsNothingMore() throws Exception {
		Account megan = volunteer("en");
		String page = askForLink(megan.email(), client());
		askForLink(megan.email(), client());
		askForLink(megan.email(), client());
		mailbox.await(megan.email(), 3);
		assertThat(askForLink(megan.email(), client())).as("the fourth in an hour for one address: the same page")
			.isEqualTo(page);

		// one network address asking for many addresses
		String client = client();
		for (int i = 0; i < 12; i++) {
			askForLink("nobody-" + UUID.randomUUID() + "@example.org", client);
		}
		Account gareth = volunteer("en");
		assertThat(askForLink(gareth.email(), client)).isEqualTo(page);
		Thread.sleep(1500);
		assertThat(mailbox.to(megan.email())).hasSize(3);
		assertThat(mailbox.to(gareth.email())).as("past the limit for the network address").isEmpty();
		askForLink(gareth.email(), client());
		mailbox.await(gareth.email());
	}

	@Test
	void everyFormNeedsItsCsrfToken() throws Exception {
		Account megan = volunteer("en");
		BrowserlessSession noToken = new BrowserlessSession(port);
		assertThat(noToken.post("/password/forgotten", "email", megan.email()).status()).isEqualTo(403);
		assertThat(noToken.post("/password/reset", "token", "anything", "password", NEW_PASSWORD).status()).isEqualTo(403);
		var mvcForged = mvc.perform(post("/profile/password").with(org.springframework.security.test.web.servlet.request
			.SecurityMockMvcRequestPostProcessors.user(Learners.as(megan)))
			.param("currentPassword", Learners.PASSWORD).param("newPassword", NEW_PASSWORD)).andReturn().getResponse();
		assertThat(mvcForged.getStatus()).isEqualTo(403);
		Thread.sleep(300);
		assertThat(mailbox.to(megan.email())).isEmpty();
		assertThat(accounts.passwordMatches(megan.id(), Learners.PASSWORD)).isTrue();
	}

	@Test
	void changingThePasswordOnTheProfileSignsOutEveryOtherSession() throws Exception {
		Account megan = volunteer("en");
		BrowserlessSession phone = new BrowserlessSession(port);
		BrowserlessSession laptop = new BrowserlessSession(port);
		assertThat(phone.signIn(megan.email(), Learners.PASSWORD).location()).endsWith("/courses");
		assertThat(laptop.signIn(megan.email(), Learners.PASSWORD).location()).endsWith("/courses");

		assertThat(laptop.get("/profile").body()).contains("Change your password");
		BrowserlessSession.Page wrong = laptop.post("/profile/password", "currentPassword", "not my password at all",
				"newPassword", NEW_PASSWORD);
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("That is not your current password");
		BrowserlessSession.Page weak = laptop.post("/profile/password", "currentPassword", Learners.PASSWORD, "newPassword",
				"megan pritchard 2026");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.body()).contains("must not contain your name");
		BrowserlessSession.Page shortOne = laptop.post("/profile/password", "currentPassword", Learners.PASSWORD,
				"newPassword", "short");
		assertThat(shortOne.body()).contains("at least 15 characters");
		assertThat(accounts.passwordMatches(megan.id(), Learners.PASSWORD)).isTrue();

		BrowserlessSession.Page changed = laptop.post("/profile/password", "currentPassword", Learners.PASSWORD,
				"newPassword", NEW_PASSWORD);
		assertThat(changed.status()).isEqualTo(302);
		assertThat(changed.location()).endsWith("/profile?passwordChanged");
		assertThat(laptop.get("/profile?passwordChanged").body()).as("this session stays signed in")
			.contains("Your password is changed");
		BrowserlessSession.Page elsewhere = phone.get("/profile");
		assertThat(elsewhere.status()).as("the other session is signed out").isEqualTo(302);
		assertThat(elsewhere.location()).contains("/login");

		MimeMessage notice = mailbox.await(megan.email());
		assertThat(Mailbox.subject(notice)).isEqualTo("Your Open Door password was changed");
		assertThat(Mailbox.text(notice)).contains(SITE + "/password/forgotten")
			.containsPattern("changed on \\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} \\(UK time\\)");
		assertThat(new BrowserlessSession(port).signIn(megan.email(), Learners.PASSWORD).location()).endsWith("/login?error");
		assertThat(new BrowserlessSession(port).signIn(megan.email(), NEW_PASSWORD).location()).endsWith("/courses");
	}

	@Test
	void aResetSignsOutEverySessionAndAPasswordChangeEndsUnusedLinks() throws Exception {
		Account megan = volunteer("en");
		BrowserlessSession phone = new BrowserlessSession(port);
		phone.signIn(megan.email(), Learners.PASSWORD);
		assertThat(phone.get("/profile").status()).isEqualTo(200);
		askForLink(megan.email(), client());
		String path = resetPath(mailbox.await(megan.email()));
		BrowserlessSession visitor = new BrowserlessSession(port);
		visitor.get(path);
		assertThat(visitor.post("/password/reset", "token", tokenOf(path), "password", NEW_PASSWORD).status()).isEqualTo(302);
		assertThat(phone.get("/profile").status()).as("signed out after the reset").isEqualTo(302);

		askForLink(megan.email(), client());
		String unused = resetPath(mailbox.await(megan.email(), 3));
		BrowserlessSession laptop = new BrowserlessSession(port);
		laptop.signIn(megan.email(), NEW_PASSWORD);
		laptop.get("/profile");
		assertThat(laptop.post("/profile/password", "currentPassword", NEW_PASSWORD, "newPassword",
				"kites above the windy hill").status()).isEqualTo(302);
		assertThat(new BrowserlessSession(port).get(unused).status()).as("a password change ends unused links")
			.isEqualTo(404);
	}

	@Test
	void guessingTheCurrentPasswordOnTheProfileIsStoppedAfterFiveWrongOnes() throws Exception {
		Account megan = volunteer("en");
		for (int i = 0; i < 5; i++) {
			var wrong = mvc.perform(post("/profile/password").with(csrf())
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(Learners.as(megan)))
				.param("currentPassword", "guess number " + i).param("newPassword", NEW_PASSWORD)).andReturn().getResponse();
			assertThat(wrong.getStatus()).isEqualTo(400);
		}
		var stopped = mvc.perform(post("/profile/password").with(csrf())
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(Learners.as(megan)))
			.param("currentPassword", Learners.PASSWORD).param("newPassword", NEW_PASSWORD)).andReturn().getResponse();
		assertThat(stopped.getStatus()).isEqualTo(429);
		assertThat(stopped.getHeader("Retry-After")).isNotBlank();
		assertThat(accounts.passwordMatches(megan.id(), Learners.PASSWORD)).as("even the right one waits").isTrue();
	}

}
