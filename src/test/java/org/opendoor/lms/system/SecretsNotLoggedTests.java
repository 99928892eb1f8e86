package org.opendoor.lms.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.support.TestKeystore;
import org.opendoor.lms.lrs.XapiClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets come from configuration (here: properties, in production the environment) and never reach the logs.
 * The app runs with every secret it knows set (database password, an external LRS's secret, an identity
 * provider's client secret, the mail password, the signing keystore's password), our own code logging at DEBUG,
 * and goes through sign-in, a failed sign-in, sign-in through the identity provider, an LRS request with a wrong
 * secret and a forward to the external LRS, which refuses it. Nothing in the output may contain a secret, a
 * password or an email address. The actuator's env and configprops are not served at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// without the demo profile, as in production: no demo accounts, no demo banner with the demo credentials
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTests {

	static final String DB_PASSWORD = "db-Secret-4f1c9a";

	static final String FORWARD_SECRET = "forward-Secret-8e2b7d";

	static final String OIDC_SECRET = "oidc-Secret-3a6f0c";

	static final String MAIL_PASSWORD = "mail-Secret-9d4e2b";

	static final List<String> SECRETS = List.of(DB_PASSWORD, FORWARD_SECRET, OIDC_SECRET, MAIL_PASSWORD,
			TestKeystore.PASSWORD);

	static final MockOAuth2Server IDP = new MockOAuth2Server();

	/** The external LRS: records the Authorization header of each request and refuses it (wrong secret). */
	static final HttpServer LRS;

	static final List<String> LRS_AUTHORIZATIONS = new CopyOnWriteArrayList<>();

	static {
		IDP.start(InetAddress.getLoopbackAddress(), 0);
		try {
			LRS = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		LRS.createContext("/", exchange -> {
			LRS_AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			exchange.getRequestBody().readAllBytes();
			byte[] body = "bad credentials".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(401, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		LRS.start();
	}

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.password", () -> DB_PASSWORD);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> "9");
		registry.add("spring.mail.username", () -> "open-door");
		registry.add("spring.mail.password", () -> MAIL_PASSWORD);
		registry.add("lms.certificate.signing.keystore", TestKeystore::path);
		registry.add("lms.certificate.signing.password", () -> TestKeystore.PASSWORD);
		registry.add("lms.xapi.forward[0].name", () -> "charity-lrs");
		registry.add("lms.xapi.forward[0].endpoint", () -> "http://127.0.0.1:" + LRS.getAddress().getPort() + "/xapi/");
		registry.add("lms.xapi.forward[0].key", () -> "open-door-forwarder");
		registry.add("lms.xapi.forward[0].secret", () -> FORWARD_SECRET);
		registry.add("lms.xapi.forward-interval", () -> "300ms");
		String prefix = "spring.security.oauth2.client.registration.hub.";
		registry.add(prefix + "client-id", () -> "open-door");
		registry.add(prefix + "client-secret", () -> OIDC_SECRET);
		registry.add(prefix + "client-name", () -> "Llanwern Hub");
		registry.add(prefix + "scope", () -> "openid,email,profile");
		registry.add("spring.security.oauth2.client.provider.hub.issuer-uri", () -> IDP.issuerUrl("hub").toString());
		registry.add("logging.level.org.opendoor", () -> "DEBUG");
		registry.add("logging.level.org.springframework", () -> "INFO");
		registry.add("logging.level.org.springframework.security", () -> "INFO");
	}

	@AfterAll
	static void stop() {
		IDP.shutdown();
		LRS.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	XapiClients xapiClients;

	@Test
	void noSecretPasswordOrEmailAddressIsEverLogged(CapturedOutput output) throws Exception {
		Account learner = Learners.register(accounts, "Log Watcher", Nation.WALES, "en");

		BrowserlessSession wrong = new BrowserlessSession(port);
		assertThat(wrong.signIn(learner.email(), "a wrong password guess").location()).endsWith("/login?error");
		BrowserlessSession right = new BrowserlessSession(port);
		assertThat(right.signIn(learner.email(), Learners.PASSWORD).location()).endsWith("/courses");
		assertThat(right.get("/courses").status()).isEqualTo(200);

		String oidcEmail = "oidc-" + UUID.randomUUID() + "@hub.example.org";
		assertThat(signInThroughProvider(new BrowserlessSession(port), oidcEmail).location()).endsWith("/profile?welcome");

		XapiClients.Created client = xapiClients.create("log test", XapiClients.Scope.WRITE);
		assertThat(new LrsClient(port, client.client().key(), "not-the-secret", "1.0.3").get("/xapi/statements?limit=1")
			.status()).isEqualTo(401);
		LrsClient.Reply stored = new LrsClient(port, client.client().key(), client.secret(), "1.0.3").postJson(
				"/xapi/statements",
				"""
						{"actor": {"mbox": "mailto:%s"}, "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
						 "object": {"id": "https://hub.example.org/activity/logs"}}""".formatted(learner.email()));
		assertThat(stored.status()).isEqualTo(200);

		// the forwarder sends to the charity's LRS, which refuses the secret; the failure is logged without it
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (LRS_AUTHORIZATIONS.isEmpty() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(LRS_AUTHORIZATIONS).as("a forward was attempted").isNotEmpty();
		assertThat(LRS_AUTHORIZATIONS.get(0)).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString(("open-door-forwarder:" + FORWARD_SECRET).getBytes(StandardCharsets.UTF_8)));
		Thread.sleep(500);

		String logs = output.getAll();
		assertThat(logs).as("the app logged while we watched").contains("Started SecretsNotLoggedTests");
		for (String secret : SECRETS) {
			assertThat(logs).as("a secret in the logs").doesNotContain(secret);
		}
		assertThat(logs).as("the LRS client's secret").doesNotContain(client.secret()).doesNotContain("not-the-secret");
		String basic = LRS_AUTHORIZATIONS.get(0).substring("Basic ".length());
		assertThat(logs).doesNotContain(basic).doesNotContain(Learners.PASSWORD).doesNotContain("a wrong password guess");
		assertThat(logs).as("an email address in the logs")
			.doesNotContain(learner.email())
			.doesNotContain(oidcEmail)
			.doesNotContainPattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.(org|com|invalid|uk)\\b");
	}

	@Test
	void theActuatorServesNeitherEnvironmentNorConfigurationProperties() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String endpoint : List.of("env", "configprops", "heapdump", "threaddump", "beans", "mappings", "loggers")) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/"
					+ endpoint)).GET().build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).as(endpoint).isIn(302, 401, 403, 404);
			for (String secret : SECRETS) {
				assertThat(r.body()).doesNotContain(secret);
			}
		}
		HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
		// (503 here: the mail server configured for this test is not there, so health is DOWN)
		assertThat(health.statusCode()).isIn(200, 503);
		assertThat(health.body()).doesNotContain("datasource").doesNotContain("password");
	}

	private BrowserlessSession.Page signInThroughProvider(BrowserlessSession session, String email) throws Exception {
		IDP.enqueueCallback(new DefaultOAuth2TokenCallback("hub", "subject-" + UUID.randomUUID(), "JWT", List.of("open-door"),
				Map.of("email", email, "name", "Provider Person"), 3600));
		BrowserlessSession.Page start = session.get("/oauth2/authorization/hub");
		HttpResponse<String> atProvider = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
			.send(HttpRequest.newBuilder(URI.create(start.location())).GET().build(), HttpResponse.BodyHandlers.ofString());
		URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
		return session.get(back.getRawPath() + "?" + back.getRawQuery());
	}

}
