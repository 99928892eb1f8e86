package org.opendoor.lms.xapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.learning.Step;
import org.opendoor.lms.learning.StepKind;
import org.opendoor.lms.learning.StepView;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.LrsClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner's whole course reaches the built-in LRS as xAPI statements, readable with the demo client:
 * the verbs in order, the learner as an opaque account (never an email), the registration, context
 * activities, scores and durations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class LearningRecordsTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Test
	void aWholeCourseIsRecordedInTheBuiltInLrs() {
		Account learner = Learners.register(accounts, "Record Keeper", Nation.WALES, "en");
		BrowserlessSession first = new BrowserlessSession(port);
		first.signIn(learner.email(), Learners.PASSWORD);
		first.get("/courses");
		BrowserlessSession.Page started = first.post("/courses/first-steps/attempts");
		assertThat(started.status()).isEqualTo(302);
		UUID attempt = UUID.fromString(started.location().replaceAll(".*/attempts/", ""));
		assertThat(first.follow("/attempts/" + attempt).status()).isEqualTo(200);
		first.get("/courses");
		first.post("/logout");

		BrowserlessSession second = new BrowserlessSession(port);
		second.signIn(learner.email(), Learners.PASSWORD);
		assertThat(second.follow("/attempts/" + attempt).status()).isEqualTo(200);
		walkAndPass(learner, attempt);
		second.get("/courses");
		second.post("/logout");

		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		UUID registration = registration(lrs, learner);
		LrsClient.Reply reply = lrs.get("/xapi/statements?ascending=true&registration=" + registration);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).doesNotContain(learner.email()).doesNotContain("Record Keeper");
		List<String> verbs = new ArrayList<>();
		for (JsonNode s : reply.json().get("statements")) {
			verbs.add(s.get("verb").get("id").asString().replace("http://adlnet.gov/expapi/verbs/", ""));
			assertThat(s.get("actor").get("account").get("name").asString()).isEqualTo(learner.learnerRef().toString());
			assertThat(s.get("actor").get("account").get("homePage").asString()).isEqualTo("http://localhost:8080");
			assertThat(s.get("context").get("platform").asString()).isEqualTo("Open Door");
			assertThat(s.get("context").get("language").asString()).isEqualTo("en-GB");
		}
		assertThat(verbs.subList(0, 6)).containsExactly("launched", "initialized", "experienced", "progressed",
				"suspended", "terminated");
		assertThat(verbs.get(6)).isEqualTo("resumed");
		assertThat(verbs).contains("answered", "completed", "passed");
		assertThat(verbs.subList(verbs.size() - 1, verbs.size())).containsExactly("terminated");
		assertThat(verbs.indexOf("passed")).isGreaterThan(verbs.lastIndexOf("answered"));
		// a passed attempt is not suspended when the learner leaves it
		assertThat(verbs.get(verbs.size() - 2)).isNotEqualTo("suspended");

		JsonNode passed = find(reply, "passed");
		assertThat(passed.get("result").get("score").get("scaled").asDouble()).isEqualTo(1.0);
		assertThat(passed.get("result").get("success").asBoolean()).isTrue();
		assertThat(passed.get("result").get("duration").asString()).matches("PT(\\d+H)?(\\d+M)?\\d+(\\.\\d+)?S");
		JsonNode answered = find(reply, "answered");
		assertThat(answered.get("result").has("success")).isTrue();
		assertThat(answered.get("result").get("response").asString()).isNotEmpty();
		assertThat(answered.get("context").get("contextActivities").get("grouping").get(0).get("id").asString())
			.endsWith("/xapi/activities/courses/first-steps");
		assertThat(answered.get("context").get("contextActivities").get("parent").get(0).get("id").asString())
			.contains("/xapi/activities/courses/first-steps/");
		JsonNode progressed = find(reply, "progressed");
		assertThat(progressed.get("result").get("extensions").get("https://w3id.org/xapi/cmi5/result/extensions/progress")
			.asInt()).isBetween(1, 99);
		JsonNode moduleCompleted = null;
		for (JsonNode s : reply.json().get("statements")) {
			if (s.get("verb").get("id").asString().endsWith("/completed")
					&& s.get("object").get("id").asString().contains("/modules/")) {
				moduleCompleted = s;
			}
		}
		assertThat(moduleCompleted).as("a module completed statement").isNotNull();
		assertThat(find(reply, "suspended").get("result").get("duration").asString()).startsWith("PT");
	}

	@Test
	void statementsAreRecordedInTheSameTransactionAsTheLearningChange() {
		Account learner = Learners.register(accounts, "Rolled Back", Nation.ENGLAND, "cy");
		UUID attempt = attempts.start(learner.id(), "first-steps");
		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		UUID registration = registration(lrs, learner);
		int before = lrs.get("/xapi/statements?registration=" + registration).json().get("statements").size();
		// an answer that is refused changes nothing and records nothing
		try {
			attempts.answer(learner.id(), attempt, "assessment-1", Set.of("z"));
		}
		catch (RuntimeException expected) {
			// refused
		}
		assertThat(lrs.get("/xapi/statements?registration=" + registration).json().get("statements").size())
			.isEqualTo(before);
		attempts.view(learner.id(), attempt, attempts.view(learner.id(), attempt, "assessment").step().key());
		JsonNode latest = lrs.get("/xapi/statements?registration=" + registration).json().get("statements").get(0);
		assertThat(latest.get("context").get("language").asString()).isEqualTo("cy-GB");
	}

	@Autowired
	LearningRecords records;

	@Test
	void aSessionLeftIdleIsSuspendedAndTerminatedOnceAfterTheTimeout() {
		Account learner = Learners.register(accounts, "Idle Tab", Nation.SCOTLAND, "en");
		BrowserlessSession browser = new BrowserlessSession(port);
		UUID attempt = startFirstSteps(browser, learner);
		browser.follow("/attempts/" + attempt);
		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		UUID registration = registration(lrs, learner);
		assertThat(records.closeIdleSessions(java.time.Instant.now())).as("not idle yet").isZero();
		java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofHours(9));
		assertThat(records.closeIdleSessions(later)).isGreaterThanOrEqualTo(1);
		assertThat(records.closeIdleSessions(later)).as("closed once").isZero();
		JsonNode statements = lrs.get("/xapi/statements?registration=" + registration).json().get("statements");
		assertThat(statements.get(0).get("verb").get("id").asString()).endsWith("/terminated");
		assertThat(statements.get(1).get("verb").get("id").asString()).endsWith("/suspended");
	}

	@Test
	void reloadingAPageRecordsNothingNewButComingBackToItDoes() {
		Account learner = Learners.register(accounts, "Refresh Button", Nation.WALES, "en");
		BrowserlessSession browser = new BrowserlessSession(port);
		UUID attempt = startFirstSteps(browser, learner);
		String first = browser.get("/attempts/" + attempt).location().replaceAll("^https?://[^/]+", "");
		java.util.regex.Matcher next = java.util.regex.Pattern.compile("href=\"([^\"]+)\"[^>]*rel=\"next\"|rel=\"next\"[^>]*href=\"([^\"]+)\"")
			.matcher(browser.get(first).body());
		assertThat(next.find()).as("the first page links the next").isTrue();
		String second = (next.group(1) != null ? next.group(1) : next.group(2)).replaceAll("^https?://[^/]+", "");
		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		UUID registration = registration(lrs, learner);

		for (int i = 0; i < 3; i++) {
			assertThat(browser.get(first).status()).isEqualTo(200);
		}
		assertThat(verbs(lrs, registration)).as("three loads of the first page, one experience")
			.containsExactly("launched", "initialized", "experienced", "progressed");

		assertThat(browser.get(second).status()).isEqualTo(200);
		assertThat(browser.get(second).status()).isEqualTo(200);
		assertThat(browser.get(first).status()).isEqualTo(200);
		assertThat(verbs(lrs, registration)).as("on to the second page (reloaded once) and back to the first")
			.containsExactly("launched", "initialized", "experienced", "progressed", "experienced", "progressed",
					"experienced", "progressed");
	}

	/** Signs the learner in and starts the first-steps course, as the catalogue's button does. */
	private static UUID startFirstSteps(BrowserlessSession browser, Account learner) {
		browser.signIn(learner.email(), Learners.PASSWORD);
		browser.get("/courses");
		BrowserlessSession.Page started = browser.post("/courses/first-steps/attempts");
		assertThat(started.status()).isEqualTo(302);
		return UUID.fromString(started.location().replaceAll(".*/attempts/", ""));
	}

	/** The registration's verbs, oldest first. */
	private static List<String> verbs(LrsClient lrs, UUID registration) {
		List<String> verbs = new ArrayList<>();
		for (JsonNode s : lrs.get("/xapi/statements?ascending=true&registration=" + registration).json().get("statements")) {
			String id = s.get("verb").get("id").asString();
			verbs.add(id.substring(id.lastIndexOf('/') + 1));
		}
		return verbs;
	}

	private UUID registration(LrsClient lrs, Account learner) {
		String agent = "{\"account\":{\"homePage\":\"http://localhost:8080\",\"name\":\"" + learner.learnerRef() + "\"}}";
		JsonNode statements = lrs
			.get("/xapi/statements?verb=" + LrsClient.enc("http://adlnet.gov/expapi/verbs/launched") + "&agent="
					+ LrsClient.enc(agent))
			.json()
			.get("statements");
		assertThat(statements.size()).isEqualTo(1);
		return UUID.fromString(statements.get(0).get("context").get("registration").asString());
	}

	private static JsonNode find(LrsClient.Reply reply, String verb) {
		for (JsonNode s : reply.json().get("statements")) {
			if (s.get("verb").get("id").asString().endsWith("/" + verb)) {
				return s;
			}
		}
		throw new AssertionError("no " + verb + " statement");
	}

	private void walkAndPass(Account learner, UUID attempt) {
		String key = attempts.currentStep(learner.id(), attempt);
		while (true) {
			StepView view = attempts.view(learner.id(), attempt, key);
			Step step = view.step();
			if (step.kind() == StepKind.CHECK_QUESTION || step.kind() == StepKind.ASSESSMENT_QUESTION) {
				attempts.answer(learner.id(), attempt, key, step.question().correctKeys());
			}
			else if (step.kind() == StepKind.SCENARIO) {
				Scenario scenario = (Scenario) step.item();
				Scenario.Node node = scenario.node(scenario.start()).orElseThrow();
				while (!node.ending() && !node.choices().isEmpty()) {
					int best = 0;
					for (int i = 0; i < node.choices().size(); i++) {
						if (node.choices().get(i).best()) {
							best = i;
						}
					}
					attempts.choose(learner.id(), attempt, key, node.id(), best, false);
					node = scenario.node(node.choices().get(best).next()).orElseThrow();
				}
			}
			if (view.nextKey() == null || "result".equals(view.nextKey())) {
				break;
			}
			key = view.nextKey();
		}
		attempts.submit(learner.id(), attempt);
		attempts.view(learner.id(), attempt, "result");
	}

}
