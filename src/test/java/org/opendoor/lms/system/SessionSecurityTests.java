package org.opendoor.lms.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions over real HTTP, with sessions stored in the database (Spring Session JDBC): a new session id at sign-in
 * (no fixation), the session row deleted at sign-out, and the transport headers a reverse proxy relies on.
 */
// as an operator behind a TLS-terminating proxy on this host would configure it (forwarded headers are believed
// only from the proxies named)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]1|0:0:0:0:0:0:0:1")
@ActiveProfiles({ "demo", "test" })
class SessionSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	/** The session id a SESSION cookie names (Spring Session writes it Base64-encoded). */
	static String sessionId(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
	}

	private int rows(String sessionId) {
		return jdbc.sql("select count(*) from spring_session where session_id = ?").param(sessionId).query(Integer.class)
			.single();
	}

	@Test
	void signingInGivesANewSessionIdAndSigningOutDeletesTheSession() {
		Account learner = Learners.register(accounts, "Session Tester", Nation.WALES, "en");
		BrowserlessSession browser = new BrowserlessSession(port);
		browser.get("/login");
		String before = browser.cookie("SESSION");
		assertThat(before).as("the sign-in page starts a session (for its CSRF token)").isNotNull();
		assertThat(rows(sessionId(before))).isEqualTo(1);

		BrowserlessSession.Page signedIn = browser.post("/login", "username", learner.email(), "password", Learners.PASSWORD);
		assertThat(signedIn.location()).endsWith("/courses");
		String after = browser.cookie("SESSION");
		assertThat(after).as("a new session id at sign-in").isNotNull().isNotEqualTo(before);
		assertThat(rows(sessionId(before))).as("the id from before sign-in is no longer valid").isZero();
		assertThat(rows(sessionId(after))).isEqualTo(1);
		assertThat(browser.get("/courses").status()).isEqualTo(200);

		// someone who planted or kept the old id gets nothing
		assertThat(get("/courses", "SESSION=" + before).statusCode()).isEqualTo(302);

		BrowserlessSession.Page signedOut = browser.post("/logout");
		assertThat(signedOut.location()).endsWith("/login?signedOut");
		assertThat(rows(sessionId(after))).as("the session row is gone after sign-out").isZero();
		HttpResponse<String> replay = get("/courses", "SESSION=" + after);
		assertThat(replay.statusCode()).as("the signed-out session cannot be replayed").isEqualTo(302);
		assertThat(replay.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteAndSecureBehindAnHttpsProxy() {
		HttpResponse<String> plain = get("/login", null);
		String cookie = plain.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
			.orElseThrow();
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

		// behind a TLS-terminating proxy named in server.tomcat.remoteip.internal-proxies (X-Forwarded-Proto honoured from it)
		HttpResponse<String> proxied = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("X-Forwarded-Proto", "https")
			.GET());
		assertThat(proxied.headers().firstValue("Strict-Transport-Security").orElse(""))
			.contains("max-age=31536000").contains("includeSubDomains");
		String proxiedCookie = proxied.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
			.findFirst().orElseThrow();
		assertThat(proxiedCookie).contains("Secure");
	}

	private HttpResponse<String> get(String path, String cookie) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (cookie != null) {
			b.header("Cookie", cookie);
		}
		return send(b);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
