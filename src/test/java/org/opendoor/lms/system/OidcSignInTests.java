package org.opendoor.lms.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.AccountRecord;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through an organisation's identity provider, against mock-oauth2-server on loopback: the whole
 * authorisation-code flow over real HTTP, linking by issuer and subject, never by email alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class OidcSignInTests {

	static final MockOAuth2Server IDP = new MockOAuth2Server();

	static {
		IDP.start(InetAddress.getLoopbackAddress(), 0);
	}

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		String prefix = "spring.security.oauth2.client.registration.hub.";
		registry.add(prefix + "client-id", () -> "open-door");
		registry.add(prefix + "client-secret", () -> "test-secret");
		registry.add(prefix + "client-name", () -> "Llanwern Hub");
		registry.add(prefix + "scope", () -> "openid,email,profile");
		registry.add("spring.security.oauth2.client.provider.hub.issuer-uri", () -> IDP.issuerUrl("hub").toString());
	}

	@AfterAll
	static void stop() {
		IDP.shutdown();
	}

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	private final HttpClient toIdp = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	/**
	 * Goes through the provider as a browser would: start at the app, visit the provider (which signs the
	 * person in as the queued subject), come back to the app with the code. Returns where the app sends them.
	 */
	private BrowserlessSession.Page signInThroughProvider(BrowserlessSession session, String subject,
			Map<String, Object> claims) throws IOException, InterruptedException {
		IDP.enqueueCallback(new DefaultOAuth2TokenCallback("hub", subject, "JWT", List.of("open-door"), claims, 3600));
		BrowserlessSession.Page start = session.get("/oauth2/authorization/hub");
		assertThat(start.status()).isEqualTo(302);
		assertThat(start.location()).startsWith(IDP.issuerUrl("hub").toString());
		HttpResponse<String> atProvider = toIdp.send(HttpRequest.newBuilder(URI.create(start.location())).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(atProvider.statusCode()).isEqualTo(302);
		URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
		assertThat(back.getPort()).isEqualTo(port);
		return session.get(back.getRawPath() + "?" + back.getRawQuery());
	}

	@Test
	void aFirstSignInMakesAnAccountLinkedByIssuerAndSubjectAndLandsSignedIn() throws Exception {
		BrowserlessSession session = new BrowserlessSession(port);
		assertThat(session.get("/login").body()).contains("Sign in with Llanwern Hub");
		String subject = "volunteer-" + UUID.randomUUID();
		String email = subject + "@hub.example.org";
		BrowserlessSession.Page landed = signInThroughProvider(session, subject,
				Map.of("email", email, "name", "Ffion Hughes"));
		assertThat(landed.location()).endsWith("/profile?welcome");
		assertThat(session.get("/profile?welcome").body()).contains("Welcome.").contains("Ffion Hughes").contains(email);
		assertThat(session.get("/courses").status()).isEqualTo(200);

		Account account = accounts.findByEmail(email).orElseThrow();
		AccountRecord record = accounts.record(account.id());
		assertThat(record.identities()).singleElement().satisfies(identity -> {
			assertThat(identity.issuer()).isEqualTo(IDP.issuerUrl("hub").toString());
			assertThat(identity.subject()).isEqualTo(subject);
		});
		assertThat(record.hasPassword()).isFalse();

		// The same person again, on another device, with a changed email at the provider: the same account.
		BrowserlessSession again = new BrowserlessSession(port);
		BrowserlessSession.Page second = signInThroughProvider(again, subject,
				Map.of("email", "changed-" + email, "name", "Ffion Hughes"));
		assertThat(second.location()).endsWith("/courses");
		assertThat(again.get("/profile").body()).contains(email);
		assertThat(accounts.findByEmail("changed-" + email)).isEmpty();
	}

	@Test
	void signingInThroughTheProviderGivesANewSessionIdAndItsNameIsShownAsText() throws Exception {
		BrowserlessSession session = new BrowserlessSession(port);
		session.get("/login");
		String before = session.cookie("SESSION");
		assertThat(before).isNotNull();
		String name = CrossSiteScriptingTests.payload("oidc");
		BrowserlessSession.Page landed = signInThroughProvider(session, "fixation-" + UUID.randomUUID(),
				Map.of("email", UUID.randomUUID() + "@hub.example.org", "name", name));
		assertThat(landed.location()).endsWith("/profile?welcome");
		assertThat(session.cookie("SESSION")).as("a new session id at sign-in (no fixation)").isNotEqualTo(before);
		String profile = session.get("/profile?welcome").body();
		CrossSiteScriptingTests.assertShownLiterally("profile", CrossSiteScriptingTests.assertInert("profile", profile),
				"oidc");
		assertThat(new BrowserlessSession(port).get("/courses").status()).isEqualTo(302);
	}

	@Test
	void anEmailAddressAloneNeverLinksAProviderIdentityToAnExistingAccount() throws Exception {
		Account existing = Learners.register(accounts, "Existing Volunteer", Nation.WALES, "en");
		BrowserlessSession session = new BrowserlessSession(port);
		BrowserlessSession.Page landed = signInThroughProvider(session, "intruder-" + UUID.randomUUID(),
				Map.of("email", existing.email(), "name", "Someone Else"));
		assertThat(landed.location()).endsWith("/login?oidcConflict");
		assertThat(session.get("/login?oidcConflict").body()).contains("An account already uses the email address");
		assertThat(session.get("/courses").status()).isEqualTo(302);
		assertThat(accounts.record(existing.id()).identities()).isEmpty();
	}

	@Test
	void theSignInFormStillWorksBesideTheProvider() {
		Account learner = accounts.register(new Registration("Form Learner", UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.SCOTLAND, "en"));
		BrowserlessSession session = new BrowserlessSession(port);
		assertThat(session.get("/courses").location()).endsWith("/login");
		BrowserlessSession.Page signedIn = session.signIn(learner.email(), Learners.PASSWORD);
		assertThat(signedIn.location()).contains("/courses");
		assertThat(session.get("/courses").status()).isEqualTo(200);
		BrowserlessSession other = new BrowserlessSession(port);
		assertThat(other.signIn(learner.email(), "not the password").location()).endsWith("/login?error");
	}

}
