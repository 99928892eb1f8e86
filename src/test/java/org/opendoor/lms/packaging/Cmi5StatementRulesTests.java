package org.opendoor.lms.packaging;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.support.Chromium;
import org.opendoor.lms.support.SharedSchemas;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported cmi5 AU in headless Chromium against {@link Cmi5Lms}, an LMS whose LRS rejects every
 * statement that breaks a cmi5 rule: with a normal, a slow and a failing LRS the pass reaches the LMS
 * exactly once, with one statement id, also when the window closes while it is on its way; a retake
 * in one session sends one result; nothing follows terminated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class Cmi5StatementRulesTests {

	static final String RECORDED = "Your learning platform has recorded this result.";

	static final String HELD = "Your learning platform will receive this result when you leave the course.";

	static final String NOT_CONFIRMED = "Your learning platform has not confirmed this result yet. It is saved on this device and will be "
			+ "sent again automatically, or next time you open the course.";

	@Autowired
	CoursePackages packages;

	/** One browser for the class (each test's LMS has its own origin, so their storage never meets). */
	private static ChromeDriver browser;

	private static PlayerPages player;

	private Cmi5Lms lms;

	private final Course firstSteps = PackageManifestTests.course("first-steps");

	private Cmi5Lms lms(String courseId, String language) throws IOException {
		lms = new Cmi5Lms(PackageManifestTests.unzip(packages.export(courseId, PackageStandard.CMI5, language)));
		return lms;
	}

	@AfterEach
	void stop() {
		if (lms != null) {
			lms.close();
		}
	}

	@AfterAll
	static void quit() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	private void open(String url) {
		if (browser == null) {
			browser = Chromium.start();
			player = new PlayerPages(browser);
		}
		browser.get(url);
		player.waitForPage();
	}

	private void finish() {
		browser.findElement(By.id("finish")).click();
		await(() -> browser.getCurrentUrl().endsWith("/returned.html"));
	}

	private void await(Supplier<Boolean> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(d -> condition.get());
	}

	private void awaitNotice(String text) {
		await(() -> browser.findElements(By.id("record-status")).stream().anyMatch(e -> e.getText().equals(text)));
	}

	private void retake() {
		player.click("retake");
	}

	/** The statement ids of every request (answered or not) that carried this verb. */
	private List<String> attemptedIds(String verb) {
		synchronized (lms) {
			return lms.attempts.stream()
				.flatMap(a -> java.util.stream.IntStream.range(0, a.verbs().size())
					.filter(i -> a.verbs().get(i).equals(verb))
					.mapToObj(i -> a.ids().get(i)))
				.toList();
		}
	}

	private List<String> verbs() {
		return lms.verbs();
	}

	@Test
	void theMockLmsRejectsTheStatementsThePlayerUsedToSend() throws Exception {
		lms("first-steps", null);
		String url = lms.launch("Normal");
		Map<String, String> launch = new java.util.HashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			launch.put(pair.substring(0, pair.indexOf('=')), java.net.URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8));
		}
		HttpClient http = HttpClient.newHttpClient();
		String answer = http.send(HttpRequest.newBuilder(URI.create(launch.get("fetch"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = Pattern.compile("\"auth-token\":\"([^\"]+)\"").matcher(answer);
		assertThat(token.find()).isTrue();
		String endpoint = launch.get("endpoint");
		String agent = Cmi5Lms.enc(lms.actor);
		java.util.function.BiFunction<String, String, HttpResponse<String>> send = (path, body) -> {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
					.header("Authorization", "Basic " + token.group(1))
					.header("Content-Type", "application/json");
				return http.send(body == null ? request.GET().build()
						: path.startsWith("activities") ? request.PUT(HttpRequest.BodyPublishers.ofString(body)).build()
								: request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		};
		assertThat(send.apply("statements", statement("initialized", "")).statusCode()).as("before the learner preferences")
			.isEqualTo(400);
		send.apply("agents/profile?agent=" + agent + "&profileId=cmi5LearnerPreferences", null);
		assertThat(send.apply("statements", statement("completed", ",\"result\":{\"completion\":true,\"duration\":\"PT1S\"}"))
			.statusCode()).as("before initialized").isEqualTo(400);
		assertThat(send.apply("statements", statement("initialized", "")).statusCode()).isEqualTo(200);
		String failedAtMastery = ",\"result\":{\"success\":false,\"duration\":\"PT9S\",\"score\":{\"scaled\":0.93,\"raw\":14,\"min\":0,\"max\":15}}";
		HttpResponse<String> refused = send.apply("statements", statement("failed", failedAtMastery));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("9.3.5");
		assertThat(send.apply("statements", statement("failed", failedAtMastery.replace("0.93", "0.6").replace("14", "9")))
			.statusCode()).isEqualTo(200);
		String passed = ",\"result\":{\"success\":true,\"duration\":\"PT9S\",\"score\":{\"scaled\":0.9,\"raw\":9,\"min\":0,\"max\":10}}";
		assertThat(send.apply("statements", statement("passed", passed)).body()).as("a retake's pass after failed in one session")
			.contains("9.3 both passed and failed in a session");
		assertThat(send.apply("statements", statement("terminated", ",\"result\":{\"duration\":\"PT10S\"}")).statusCode()).isEqualTo(200);
		HttpResponse<String> late = send.apply("activities/state?activityId=" + Cmi5Lms.enc(lms.activityId) + "&agent=" + agent
				+ "&registration=" + lms.registration + "&stateId=opendoor-progress", "{}");
		assertThat(late.statusCode()).as("a State API PUT after terminated").isEqualTo(403);
		assertThat(lms.violations).hasSize(5);
		assertThat(lms.verbs()).containsExactly("launched", "initialized", "failed", "terminated");
	}

	/** A cmi5 defined statement of the current session, as an AU following the rules would send it. */
	private String statement(String verb, String result) {
		boolean judged = verb.equals("passed") || verb.equals("failed");
		boolean moveOn = judged || verb.equals("completed");
		return "{\"id\":\"" + UUID.randomUUID() + "\",\"timestamp\":\"" + Instant.now() + "\",\"actor\":" + lms.actor
				+ ",\"verb\":{\"id\":\"" + Cmi5Lms.VERBS + verb + "\"},\"object\":{\"id\":\"" + lms.activityId + "\"},\"context\":{"
				+ "\"registration\":\"" + lms.registration + "\",\"contextActivities\":{\"grouping\":[{\"id\":\"" + lms.publisherId
				+ "\"}],\"category\":[{\"id\":\"" + Cmi5Lms.CATEGORY + "\"}" + (moveOn ? ",{\"id\":\"" + Cmi5Lms.MOVEON + "\"}" : "")
				+ "]},\"extensions\":{\"" + Cmi5Lms.SESSION + "\":\"" + lms.current().id + "\"" + (judged ? ",\"" + Cmi5Lms.MASTERY
						+ "\":0.8" : "") + "}}" + result + "}";
	}

	@Test
	void aRetakeThatPassesInTheSameSessionReplacesTheHeldFailedResult() throws Exception {
		lms("first-steps", null);
		open(lms.launch("Normal"));
		player.takeAssessment(firstSteps, true);
		assertThat(player.heading()).isEqualTo("Not passed this time");
		awaitNotice(HELD);
		retake();
		player.takeAssessment(firstSteps, false);
		assertThat(player.heading()).isEqualTo("You passed");
		awaitNotice(RECORDED);
		finish();
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).as("one result in a session (cmi5 9.3)")
			.containsExactly("launched", "initialized", "completed", "passed", "terminated");

		// On another device (nothing in this browser, no progress document) the LRS still tells the AU.
		browser.executeScript("localStorage.clear()");
		lms.forget("opendoor-progress");
		open(lms.launch("Normal"));
		player.takeAssessment(firstSteps, false);
		finish();
		await(() -> verbs().stream().filter("terminated"::equals).count() == 2);
		assertThat(verbs()).as("one passed and one completed per registration (cmi5 9.3)")
			.containsExactly("launched", "initialized", "completed", "passed", "terminated", "launched", "initialized", "terminated");
		assertThat(lms.violations).isEmpty();
	}

	@Test
	void closingTheWindowAfterAFailedRoundSendsTheHeldResultThenTerminated() throws Exception {
		lms("first-steps", null);
		open(lms.launch("Normal"));
		player.takeAssessment(firstSteps, true);
		awaitNotice(HELD);
		await(() -> String.valueOf(lms.document("opendoor-progress")).contains("\"done\":{"));
		Thread.sleep(300);
		browser.get(lms.returned());
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).containsExactly("launched", "initialized", "completed", "failed", "terminated");
		assertThat(lms.violations).isEmpty();
	}

	@Test
	void failingTwiceInASessionSendsOneFailedWithoutAPassingScoreAndTheNextSessionMayPass() throws Exception {
		lms("first-steps", null);
		open(lms.launch("Normal"));
		player.takeAssessment(firstSteps, true);
		retake();
		player.takeAssessment(firstSteps, true);
		assertThat(player.heading()).isEqualTo("Not passed this time");
		finish();
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).containsExactly("launched", "initialized", "completed", "failed", "terminated");
		JsonNode failed = lms.statements("failed").get(0);
		assertThat(failed.get("result").has("score")).as("a score at or above the masteryScore cannot go in a failed statement").isFalse();
		JsonNode assessment = failed.get("result").get("extensions").get("https://opendoor.invalid/xapi/extensions/assessment");
		assertThat(assessment.get("scaled").asDouble()).isGreaterThanOrEqualTo(0.8);
		assertThat(assessment.get("criticalMissed").asInt()).isEqualTo(1);

		open(lms.launch("Normal"));
		assertThat(player.heading()).isEqualTo("Not passed this time");
		retake();
		player.takeAssessment(firstSteps, false);
		awaitNotice(RECORDED);
		finish();
		await(() -> verbs().stream().filter("terminated"::equals).count() == 2);
		assertThat(verbs()).containsExactly("launched", "initialized", "completed", "failed", "terminated", "launched", "initialized",
				"passed", "terminated");
		assertThat(lms.violations).isEmpty();
	}

	@Test
	void aSlowLrsGetsThePassOnceWhenTheWindowClosesWhileItIsOnItsWay() throws Exception {
		lms("first-steps", null);
		open(lms.launch("Normal"));
		lms.slow(4000);
		player.takeAssessment(firstSteps, false);
		await(() -> verbs().contains("passed"));
		assertThat(player.main()).contains("Sending your result to your learning platform");
		browser.get(lms.returned());
		lms.slow(0);

		open(lms.launch("Normal"));
		assertThat(player.heading()).isEqualTo("You passed");
		awaitNotice(RECORDED);
		finish();
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).containsExactly("launched", "initialized", "completed", "passed", "abandoned", "launched", "initialized",
				"terminated");
		String id = lms.statements("passed").get(0).get("id").asString();
		assertThat(attemptedIds("passed")).as("sent once, known by its id at the next launch").containsExactly(id);
		assertThat(lms.violations).isEmpty();
	}

	@Test
	void anLrsAnswering503GetsThePassOnceWithTheSameIdWhenTheWindowClosesBeforeItRecovers() throws Exception {
		lms("first-steps", null);
		open(lms.launch("Normal"));
		lms.failStatementsWith("passed", 1000);
		player.takeAssessment(firstSteps, false);
		assertThat(player.heading()).isEqualTo("You passed");
		awaitNotice(NOT_CONFIRMED);
		browser.get(lms.returned());
		lms.failStatementsWith("passed", 0);
		String firstSession = lms.current().id;

		open(lms.launch("Normal"));
		awaitNotice(RECORDED);
		finish();
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).as("completed went on its own, before the pass")
			.containsExactly("launched", "initialized", "completed", "abandoned", "launched", "initialized", "passed", "terminated");
		JsonNode passed = lms.statements("passed").get(0);
		assertThat(attemptedIds("passed")).as("every attempt, before and after the window closed, has one id")
			.hasSizeGreaterThan(1)
			.containsOnly(passed.get("id").asString());
		assertThat(Cmi5Lms.session(passed)).as("recorded in the session that could still take it").isNotEqualTo(firstSession);
		assertThat(lms.violations).isEmpty();
	}

	@Test
	void anLrsThatFailsThenRecoversGetsThePassOnceInTheSameSession() throws Exception {
		lms("first-steps", null);
		open(lms.launch("Normal"));
		lms.failStatementsWith("passed", 2);
		player.takeAssessment(firstSteps, false);
		awaitNotice(NOT_CONFIRMED);
		awaitNotice(RECORDED);
		finish();
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).containsExactly("launched", "initialized", "completed", "passed", "terminated");
		assertThat(attemptedIds("passed")).hasSize(3).containsOnly(lms.statements("passed").get(0).get("id").asString());
		assertThat(lms.violations).isEmpty();
	}

	@Test
	void theWelshPackageHasItsOwnIdsAndWelshExitAndErrorScreens() throws Exception {
		String english = new String(PackageManifestTests.unzip(packages.export("first-steps", PackageStandard.CMI5, "en")).get("cmi5.xml"),
				StandardCharsets.UTF_8);
		lms("first-steps", "cy");
		String welsh = new String(PackageManifestTests.unzip(packages.export("first-steps", PackageStandard.CMI5, "cy")).get("cmi5.xml"),
				StandardCharsets.UTF_8);
		for (String manifest : List.of(english, welsh)) {
			SharedSchemas.cmi5().newValidator().validate(new StreamSource(new StringReader(manifest)));
		}
		assertThat(ids(welsh, "course")).doesNotContainAnyElementsOf(ids(english, "course"));
		assertThat(ids(welsh, "au")).doesNotContainAnyElementsOf(ids(english, "au")).doesNotContainAnyElementsOf(ids(english, "course"));
		assertThat(welsh).contains("lang=\"cy-GB\"");

		lms.withoutReturnUrl();
		String url = lms.launch("Normal");
		open(url);
		browser.findElement(By.id("finish")).click();
		await(() -> player.heading().equals("Rydych chi wedi gadael y cwrs"));
		assertThat(player.main()).contains("Mae eich lle wedi’i gadw.");
		await(() -> verbs().contains("terminated"));

		open(url);
		assertThat(player.heading()).isEqualTo("Nid oedd modd dechrau’r cwrs");
		assertThat(player.main()).contains("Caewch y ffenestr hon a lansiwch y cwrs eto o’ch platfform dysgu.");
		assertThat(lms.violations).isEmpty();
	}

	private static List<String> ids(String manifest, String element) {
		Matcher m = Pattern.compile("<" + element + " id=\"([^\"]+)\"").matcher(manifest);
		List<String> ids = new java.util.ArrayList<>();
		while (m.find()) {
			ids.add(m.group(1));
		}
		assertThat(ids).isNotEmpty();
		return ids;
	}

	@Test
	void withANormalLrsAFlagshipRunSendsFourStatementsAndThePassOnce() throws Exception {
		Course flagship = PackageManifestTests.course("hub-leaders-mental-health-awareness");
		lms("hub-leaders-mental-health-awareness", null);
		open(lms.launch("Normal"));
		player.takeAssessment(flagship, false);
		assertThat(player.heading()).isEqualTo("You passed");
		awaitNotice(RECORDED);
		finish();
		await(() -> verbs().contains("terminated"));
		assertThat(verbs()).containsExactly("launched", "initialized", "completed", "passed", "terminated");
		assertThat(lms.violations).isEmpty();
		JsonNode passed = lms.statements("passed").get(0);
		assertThat(passed.get("result").get("score").get("scaled").asDouble()).isGreaterThanOrEqualTo(0.8);
		assertThat(attemptedIds("passed")).containsOnly(passed.get("id").asString());
		System.out.println("cmi5 run of " + flagship.id() + ": " + (verbs().size() - 1) + " statements from the AU, " + lms.statePuts
				+ " progress documents");
	}

}
