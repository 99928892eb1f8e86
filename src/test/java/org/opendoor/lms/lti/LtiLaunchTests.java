package org.opendoor.lms.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Launches from a platform that behaves as Moodle does (the emulator), over real HTTP: a learner's launch
 * to a pass with the score arriving at the platform exactly once (also when its grade endpoint is down for a
 * while), a critical-item failure arriving as not passed, and every refusal, each with a clear page in the
 * visitor's language and nothing created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class LtiLaunchTests {

	static PlatformEmulator platform;

	@LocalServerPort
	int port;

	@Autowired
	LtiPlatforms platforms;

	@Autowired
	Organisations organisations;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	ScoreSender sender;

	@Autowired
	JdbcClient jdbc;

	static Platform registered;

	static Orgs.Org org;

	@BeforeAll
	static void start() throws Exception {
		platform = new PlatformEmulator();
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	@AfterEach
	void reset() {
		platform.tamper = b -> {
		};
		platform.signWith = platform.key;
		platform.gradesDown = false;
	}

	LtiBrowser browser() {
		if (registered == null) {
			org = Orgs.create(organisations, accounts, "Food bank");
			registered = platforms.register(new LtiPlatforms.Registration("Moodle", platform.issuer, platform.clientId,
					platform.authEndpoint(), platform.tokenEndpoint(), platform.jwksUri(), platform.deploymentId, org.id()));
			platform.toolJwks = "http://localhost:" + port + "/lti/jwks.json";
			platform.toolRedirect = "http://localhost:" + port + "/lti/launch";
		}
		return new LtiBrowser(port);
	}

	Account launchedLearner(LtiBrowser browser, String subject, String name) {
		LtiBrowser.Page launched = browser.launch(platform.resourceLink(subject, PlatformEmulator.LEARNER,
				Map.of("course", "first-steps"), name));
		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
		assertThat(launched.body()).contains("Open the course in a new window");
		String next = LtiBrowser.attribute(launched.body(), "lti-continue", "href");
		LtiBrowser.Page opened = browser.get(next);
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.location()).contains("/attempts/");
		LtiBrowser.Page step = browser.get(browser.get(opened.location()).location());
		assertThat(step.status()).isEqualTo(200);
		long id = jdbc.sql("select account_id from lti_link where subject = ?").param(subject).query(Long.class).single();
		return accounts.get(id);
	}

	@Test
	void aLearnersLaunchOpensTheCourseAndAPassReachesThePlatformOnce() {
		LtiBrowser browser = browser();
		String subject = "moodle-user-" + UUID.randomUUID();
		Account learner = launchedLearner(browser, subject, "Gwen Davies");
		assertThat(learner.displayName()).isEqualTo("Gwen Davies");
		assertThat(organisations.member(org.id(), learner.id()).admin()).isFalse();
		// the link is remembered: a second launch is the same account, and a used continue link opens nothing
		assertThat(launchedLearner(browser(), subject, "Gwen Davies").id()).isEqualTo(learner.id());

		int before = platform.scores.size();
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		assertThat(sender.sendDue(Instant.now().plusSeconds(1)).sent()).isEqualTo(1);
		assertThat(sender.sendDue(Instant.now().plusSeconds(3600)).sent()).isZero();
		List<JsonNode> mine = platform.scores.stream().filter(s -> s.path("userId").asString().equals(subject)).toList();
		assertThat(platform.scores).hasSize(before + 1);
		assertThat(mine).hasSize(1);
		JsonNode score = mine.get(0);
		assertThat(score.path("scoreGiven").asDouble()).isEqualTo(100.0);
		assertThat(score.path("scoreMaximum").asInt()).isEqualTo(100);
		assertThat(score.path("activityProgress").asString()).isEqualTo("Completed");
		assertThat(score.path("gradingProgress").asString()).isEqualTo("FullyGraded");
		assertThat(score.path("comment").asString()).startsWith("Passed");

		// the learning records say which LMS course the learner came from
		var lrs = new org.opendoor.lms.support.LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		var statements = lrs.get("/xapi/statements?verb=http://adlnet.gov/expapi/verbs/launched&limit=50").json().get("statements");
		List<JsonNode> fromLms = new java.util.ArrayList<>();
		statements.forEach(st -> {
			if (st.path("context").path("extensions").has("https://purl.imsglobal.org/spec/lti/claim/resource_link")) {
				fromLms.add(st);
			}
		});
		assertThat(fromLms).as("a launched statement per LMS launch, with where it came from").isNotEmpty();
		JsonNode context = fromLms.get(0).path("context");
		assertThat(context.path("extensions").path("https://opendoor.invalid/xapi/extensions/lti-platform").path("issuer").asString())
			.isEqualTo(platform.issuer);
		assertThat(context.path("extensions").path("https://purl.imsglobal.org/spec/lti/claim/resource_link").path("id").asString())
			.isEqualTo("cm-17");
		assertThat(context.path("extensions").path("https://purl.imsglobal.org/spec/lti/claim/context").path("id").asString()).isNotBlank();
		assertThat(context.path("contextActivities").path("other").get(0).path("id").asString())
			.startsWith(platform.issuer.replaceFirst("/+$", "") + "/lti/context/");
		assertThat(fromLms.get(0).path("object").path("id").asString()).endsWith("/xapi/activities/courses/first-steps");
		assertThat(context.path("registration").asString()).as("on the attempt the course opened on").isNotBlank();
	}

	@Test
	void aScoreWaitsWhileTheGradeEndpointIsDownAndArrivesOnce() {
		String subject = "moodle-user-" + UUID.randomUUID();
		Account learner = launchedLearner(browser(), subject, null);
		platform.gradesDown = true;
		int requestsBefore = platform.scoreRequests.get();
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Instant now = Instant.now();
		assertThat(sender.sendDue(now).deferred()).isEqualTo(1);
		assertThat(sender.sendDue(now.plusSeconds(600)).deferred()).isEqualTo(1);
		assertThat(sender.sendDue(now.plusSeconds(601)).deferred()).as("waits before trying again").isZero();
		assertThat(platform.scoreRequests.get() - requestsBefore).isEqualTo(2);
		platform.gradesDown = false;
		assertThat(sender.sendDue(now.plusSeconds(7200)).sent()).isEqualTo(1);
		assertThat(sender.sendDue(now.plusSeconds(9000)).sent()).isZero();
		assertThat(platform.scores.stream().filter(s -> s.path("userId").asString().equals(subject))).hasSize(1);
	}

	@Test
	void aCriticalItemFailureArrivesAsNotPassed() {
		String subject = "moodle-user-" + UUID.randomUUID();
		Account learner = launchedLearner(browser(), subject, "Alun Jones");
		Learners.takeFirstStepsAssessment(attempts, learner, false);
		assertThat(sender.sendDue(Instant.now().plusSeconds(1)).sent()).isEqualTo(1);
		JsonNode score = platform.scores.stream().filter(s -> s.path("userId").asString().equals(subject)).findFirst()
			.orElseThrow();
		assertThat(score.path("scoreGiven").asDouble()).isLessThan(100.0);
		assertThat(score.path("gradingProgress").asString()).isEqualTo("FullyGraded");
		assertThat(score.path("comment").asString()).startsWith("Not passed").contains("safety-critical");
	}

	@Test
	void anInstructorBecomesAnAdminOfThePlatformsOrganisation() {
		String subject = "moodle-teacher-" + UUID.randomUUID();
		LtiBrowser.Page launched = browser().launch(platform.resourceLink(subject, PlatformEmulator.INSTRUCTOR,
				Map.of("course", "first-steps"), "Teacher Name"));
		assertThat(launched.status()).isEqualTo(200);
		long id = jdbc.sql("select account_id from lti_link where subject = ?").param(subject).query(Long.class).single();
		assertThat(organisations.isAdmin(org.id(), id)).isTrue();
	}

	@Test
	void anEmailAddressAloneNeverLinksAnAccount() {
		Account existing = Learners.register(accounts, "Existing", Nation.WALES, "en");
		String subject = "moodle-user-" + UUID.randomUUID();
		browser();
		platform.tamper = b -> b.claim("email", existing.email());
		Account launched = launchedLearner(browser(), subject, "Someone Else");
		assertThat(launched.id()).isNotEqualTo(existing.id());
		assertThat(launched.email()).isNotEqualTo(existing.email());
	}

	// refusals

	LtiBrowser.Page refusedLaunch(java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> tamper) {
		LtiBrowser browser = browser();
		browser.language = "cy";
		platform.tamper = tamper;
		return browser.launch(platform.resourceLink("moodle-refused-" + UUID.randomUUID(), PlatformEmulator.LEARNER,
				Map.of("course", "first-steps"), "Refused Person"));
	}

	void assertRefused(LtiBrowser.Page page, int status, String welsh) {
		assertThat(page.status()).as(page.body()).isEqualTo(status);
		assertThat(page.body()).contains("Doedd Open Door ddim yn gallu agor hwn").contains(welsh);
		assertThat(jdbc.sql("select count(*) from account_identity where subject like 'moodle-refused-%'").query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from lti_link where subject like 'moodle-refused-%'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() {
		assertRefused(refusedLaunch(b -> b.issuer("https://elsewhere.example.org")), 400, "blatfform dysgu gwahanol");
	}

	@Test
	void aTokenForAnotherToolIsRefused() {
		assertRefused(refusedLaunch(b -> b.audience("another-tool")), 400, "offeryn arall");
	}

	@Test
	void anUnknownDeploymentIsRefused() {
		assertRefused(refusedLaunch(b -> b.claim(Claims.DEPLOYMENT_ID, "99")), 400, "defnydd hwn o Open Door");
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
		browser();
		platform.signWith = new RSAKeyGenerator(2048).keyID("platform-1").generate();
		assertRefused(refusedLaunch(b -> {
		}), 400, "lofnodi gan eich platfform");
	}

	@Test
	void anExpiredTokenIsRefused() {
		assertRefused(refusedLaunch(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(600)))), 400, "wedi dod i ben");
	}

	@Test
	void anotherMessageTypeOrVersionIsRefused() {
		assertRefused(refusedLaunch(b -> b.claim(Claims.MESSAGE_TYPE, "LtiSubmissionReviewRequest")), 400, "math hwn o neges");
		assertRefused(refusedLaunch(b -> b.claim(Claims.VERSION, "1.1")), 400, "LTI 1.3");
	}

	@Test
	void aReplayedLaunchIsRefused() {
		LtiBrowser browser = browser();
		LtiBrowser.Page first = browser.launch(platform.resourceLink("moodle-user-" + UUID.randomUUID(),
				PlatformEmulator.LEARNER, Map.of("course", "first-steps"), null));
		assertThat(first.status()).isEqualTo(200);
		// posted again (here from another browser, whose visitor reads Welsh)
		LtiBrowser replaying = browser();
		replaying.language = "cy";
		LtiBrowser.Page again = replaying.post("/lti/launch", browser.lastForm);
		assertRefused(again, 400, "wedi’i ddefnyddio’n barod");
		// a replayed nonce under a fresh state is refused as well
		LtiBrowser other = browser();
		other.language = "cy";
		String nonce = platform.lastNonce;
		assertRefused(refusedLaunch(b -> b.claim("nonce", nonce)), 400, "wedi’i ddefnyddio’n barod");
	}

	@Test
	void anUnknownPlatformIsRefusedInTheVisitorsLanguage() {
		LtiBrowser browser = browser();
		browser.language = "cy";
		Map<String, String> login = new java.util.LinkedHashMap<>(platform.resourceLink("moodle-refused-x",
				PlatformEmulator.LEARNER, Map.of("course", "first-steps"), null));
		login.put("iss", "https://unknown.example.org");
		assertRefused(browser.post("/lti/login", login), 400, "ddim wedi’i gofrestru gydag Open Door");
		browser.language = "en";
		assertThat(browser.post("/lti/login", login).body()).contains("This learning platform is not registered with Open Door.");
		assertThat(jdbc.sql("select count(*) from lti_login_state s join lti_platform p on p.id = s.platform_id where p.issuer = ?")
			.param("https://unknown.example.org").query(Integer.class).single()).isZero();
	}

	@Test
	void aLaunchWithoutALoginIsRefused() {
		LtiBrowser browser = browser();
		browser.language = "cy";
		assertRefused(browser.post("/lti/launch", Map.of("id_token", "x.y.z", "state", "made-up")), 400,
				"Nid Open Door ddechreuodd");
	}

	@Test
	void theToolsKeysArePublishedAndARotationKeepsThePreviousOne() {
		LtiBrowser browser = browser();
		String before = browser.get("/lti/jwks.json").body();
		assertThat(before).contains("\"kty\":\"RSA\"").doesNotContain("\"d\"");
		// a rotation: the new key signs, the old one stays published so cached key sets keep working
		ToolKeys keys = new ToolKeys(jdbc, java.util.Optional.empty());
		String oldKid = keys.signing().getKeyID();
		String newKid = keys.rotate();
		String after = browser.get("/lti/jwks.json").body();
		assertThat(after).contains(oldKid).contains(newKid);
		assertThat(keys.signing().getKeyID()).isEqualTo(newKid);
		keys.rotate();
		assertThat(browser.get("/lti/jwks.json").body()).doesNotContain(oldKid).contains(newKid);
	}

}
