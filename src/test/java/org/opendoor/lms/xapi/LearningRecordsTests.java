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
		JsonNode suspended = statements.get(1);
		assertThat(suspended.get("verb").get("id").asString()).endsWith("/suspended");
		// the session ended with the learner's last page, not nine hours later when it was noticed
		java.time.Instant launched = timestamp(find(lrs.get("/xapi/statements?registration=" + registration), "launched"));
		java.time.Instant lastActivity = timestamp(statements.get(2));
		for (int i = 2; i < statements.size(); i++) {
			lastActivity = java.util.Collections.max(List.of(lastActivity, timestamp(statements.get(i))));
		}
		assertThat(timestamp(suspended)).isBetween(lastActivity.minusMillis(2), lastActivity);
		assertThat(timestamp(statements.get(0))).isBefore(later.minus(java.time.Duration.ofHours(8)));
		java.time.Duration duration = java.time.Duration.parse(suspended.get("result").get("duration").asString());
		assertThat(duration.toMillis() / 10)
			.as("the session's duration runs from its start to its last activity")
			.isEqualTo(java.time.Duration.between(launched, timestamp(suspended)).toMillis() / 10);
		assertThat(duration).isLessThan(java.time.Duration.ofMinutes(5));
	}

	private static java.time.Instant timestamp(JsonNode statement) {
		return java.time.Instant.parse(statement.get("timestamp").asString());
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

	/** An entity or character reference left in text meant for people. */
	private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);");

	@Test
	void anAnalystReadsPlainTextFullBilingualDefinitionsAndTheProfile() {
		Account learner = Learners.register(accounts, "Analyst Reads", Nation.WALES, "en");
		UUID attempt = attempts.start(learner.id(), "first-steps");
		walkAndPass(learner, attempt);
		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		UUID registration = registration(lrs, learner);
		LrsClient.Reply reply = lrs.get("/xapi/statements?ascending=true&registration=" + registration);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(ENTITY.matcher(reply.text()).results().map(java.util.regex.MatchResult::group).toList())
			.as("HTML entities in the statements").isEmpty();

		JsonNode statements = reply.json().get("statements");
		assertThat(lrs.get("/xapi/statements?related_activities=true&registration=" + registration + "&activity="
				+ LrsClient.enc("https://opendoor.invalid/xapi/profile")).json().get("statements").size())
			.as("the profile selects every statement of the attempt").isEqualTo(statements.size());
		JsonNode quoted = null;
		int decisions = 0;
		for (JsonNode s : statements) {
			assertThat(s.get("context").get("contextActivities").get("category").get(0).get("id").asString())
				.isEqualTo("https://opendoor.invalid/xapi/profile");
			JsonNode display = s.get("verb").get("display");
			assertThat(display.get("en-GB").asString()).isNotBlank();
			assertThat(display.get("cy-GB").asString()).startsWith("wedi ");
			assertThat(display.get("en-US").asString()).isNotBlank();
			JsonNode definition = s.get("object").get("definition");
			String what = s.get("verb").get("id").asString() + " " + s.get("object").get("id").asString();
			assertThat(definition).as("definition of " + what).isNotNull();
			for (String part : List.of("name", "description")) {
				assertThat(definition.get(part)).as(part + " of " + what).isNotNull();
				assertThat(definition.get(part).get("en-GB").asString()).as(part + " of " + what).isNotBlank();
				assertThat(definition.get(part).get("cy-GB").asString()).as(part + " of " + what).isNotBlank();
			}
			assertThat(definition.get("type").asString()).startsWith("http://adlnet.gov/expapi/activities/");
			if (s.get("verb").get("id").asString().endsWith("/answered")) {
				assertThat(definition.get("interactionType").asString()).isEqualTo("choice");
				assertThat(definition.get("correctResponsesPattern").size()).as("right answers of " + what).isPositive();
				assertThat(definition.get("choices").size()).isGreaterThan(1);
				for (JsonNode choice : definition.get("choices")) {
					assertThat(choice.get("description").get("en-GB").asString()).isNotBlank();
					assertThat(choice.get("description").get("cy-GB").asString()).isNotBlank();
				}
				if (s.get("object").get("id").asString().contains("/points/")) {
					decisions++;
				}
				if (definition.get("name").get("en-GB").asString().contains("not been great")) {
					quoted = s;
				}
			}
		}
		assertThat(decisions).as("scenario decisions answered").isPositive();
		assertThat(quoted).as("the assessment question quoting a learner").isNotNull();
		assertThat(quoted.get("object").get("definition").get("name").get("en-GB").asString())
			.contains("\"I've not been great\"");

		String assessment = "http://localhost:8080/xapi/activities/courses/first-steps/assessment";
		JsonNode parent = quoted.get("context").get("contextActivities").get("parent").get(0);
		assertThat(parent.get("id").asString()).isEqualTo(assessment);
		LrsClient.Reply activity = lrs.get("/xapi/activities?activityId=" + LrsClient.enc(assessment));
		assertThat(activity.status()).isEqualTo(200);
		JsonNode defined = activity.json().get("definition");
		assertThat(defined.get("type").asString()).isEqualTo("http://adlnet.gov/expapi/activities/assessment");
		assertThat(defined.get("name").get("en-GB").asString()).isNotBlank();
		assertThat(defined.get("name").get("cy-GB").asString()).isNotBlank();
		assertThat(defined.get("description").get("en-GB").asString()).contains("80%");
		assertThat(defined.get("description").get("cy-GB").asString()).contains("80%");
	}

	@Test
	void aLearnerWhoFailsIsNotCompletedAndIsCompletedOnceWhenTheyPass() {
		Account learner = Learners.register(accounts, "Not Yet", Nation.ENGLAND, "cy");
		UUID attempt = attempts.start(learner.id(), "first-steps");
		walkContent(learner, attempt, false);
		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		UUID registration = registration(lrs, learner);
		assertThat(courseVerbs(lrs, registration)).as("every page seen, every answer given, nothing submitted")
			.containsExactly("launched", "initialized");

		attempts.submit(learner.id(), attempt);
		List<JsonNode> onCourse = onCourse(lrs, registration);
		assertThat(courseVerbs(lrs, registration)).as("a failed round is not a completion")
			.containsExactly("launched", "initialized", "failed");
		assertThat(onCourse.get(2).get("result").get("success").asBoolean()).isFalse();

		attempts.view(learner.id(), attempt, attempts.retake(learner.id(), attempt));
		walkContent(learner, attempt, true);
		attempts.submit(learner.id(), attempt);
		onCourse = onCourse(lrs, registration);
		assertThat(courseVerbs(lrs, registration)).as("completed once, with the pass")
			.containsExactly("launched", "initialized", "failed", "passed", "completed");
		assertThat(timestamp(onCourse.get(4))).isAfter(timestamp(onCourse.get(3)));
		assertThat(onCourse.get(4).get("result").get("completion").asBoolean()).isTrue();
	}

	/** The statements about the course itself (not its modules, pages or questions), oldest first. */
	private static List<JsonNode> onCourse(LrsClient lrs, UUID registration) {
		List<JsonNode> found = new ArrayList<>();
		for (JsonNode s : lrs.get("/xapi/statements?ascending=true&registration=" + registration).json().get("statements")) {
			if (s.get("object").get("id").asString().endsWith("/xapi/activities/courses/first-steps")) {
				found.add(s);
			}
		}
		return found;
	}

	private static List<String> courseVerbs(LrsClient lrs, UUID registration) {
		return onCourse(lrs, registration).stream().map(s -> s.get("verb").get("id").asString())
			.map(id -> id.substring(id.lastIndexOf('/') + 1)).toList();
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
		walkContent(learner, attempt, true);
		attempts.submit(learner.id(), attempt);
		attempts.view(learner.id(), attempt, "result");
	}

	/**
	 * Goes through every page of the attempt from where it is to the result page (not shown), answering every
	 * question right or, with {@code right} false, every assessment question wrong.
	 */
	private void walkContent(Account learner, UUID attempt, boolean right) {
		String key = attempts.currentStep(learner.id(), attempt);
		while (true) {
			StepView view = attempts.view(learner.id(), attempt, key);
			Step step = view.step();
			if (step.kind() == StepKind.CHECK_QUESTION || right && step.kind() == StepKind.ASSESSMENT_QUESTION) {
				attempts.answer(learner.id(), attempt, key, step.question().correctKeys());
			}
			else if (step.kind() == StepKind.ASSESSMENT_QUESTION) {
				String wrong = step.question().options().stream().map(o -> o.key())
					.filter(k -> !step.question().correctKeys().contains(k)).findFirst().orElseThrow();
				attempts.answer(learner.id(), attempt, key, Set.of(wrong));
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
	}

}
