package org.opendoor.lms.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.support.Chromium;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.lrs.XapiClients;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The exported cmi5 package in a real launch: the test is the LMS (it serves the unzipped package and
 * the fetch URL on loopback, writes {@code LMS.LaunchData} and the launched statement), the app's own
 * LRS is the LRS, and headless Chromium runs the AU. The statements the AU leaves in the LRS must follow
 * the cmi5 rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class Cmi5LaunchTests {

	static final String CMI5 = "https://w3id.org/xapi/cmi5/context/";

	static final String SESSION = CMI5 + "extensions/sessionid";

	static final String VERBS = "http://adlnet.gov/expapi/verbs/";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	XapiClients clients;

	@TempDir
	Path site;

	private HttpServer server;

	private ChromeDriver browser;

	private PlayerPages player;

	private LrsClient lms;

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final String registration = UUID.randomUUID().toString();

	private final String activityId = "https://lms.example.org/activities/" + UUID.randomUUID();

	private final String actor = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://lms.example.org\",\"name\":\""
			+ UUID.randomUUID() + "\"}}";

	private String publisherId;

	private String site() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@BeforeEach
	void exportAndServe() throws Exception {
		lms = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		Account admin = accounts.create(new org.opendoor.lms.account.Registration("Admin", UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.ENGLAND, "en"), EnumSet.of(Role.ADMIN));
		byte[] zip = mvc.perform(get("/api/courses/first-steps/packages/cmi5").with(user(Learners.as(admin))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		Map<String, byte[]> files = PackageManifestTests.unzip(zip);
		for (Map.Entry<String, byte[]> f : files.entrySet()) {
			Path target = site.resolve("pkg").resolve(f.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, f.getValue());
		}
		Matcher au = Pattern.compile("<au id=\"([^\"]+)\"").matcher(new String(files.get("cmi5.xml"), StandardCharsets.UTF_8));
		assertThat(au.find()).isTrue();
		publisherId = au.group(1);
		Files.writeString(site.resolve("returned.html"), "<!DOCTYPE html><title>LMS</title><h1>Back in the LMS</h1>");

		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/fetch/", exchange -> {
			// One-time token per launch, as cmi5 requires: a second request gets an error.
			String token = "POST".equals(exchange.getRequestMethod())
					? tokens.remove(exchange.getRequestURI().getPath().substring("/fetch/".length())) : null;
			byte[] body = (token != null ? "{\"auth-token\":\"" + token + "\"}"
					: "{\"error-code\":\"1\",\"error-text\":\"This launch has already been used\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.createContext("/", exchange -> {
			Path file = site.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
			byte[] body = file.startsWith(site) && Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
			String type = file.toString().endsWith(".html") ? "text/html; charset=utf-8"
					: file.toString().endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css";
			exchange.getResponseHeaders().set("Content-Type", type);
			exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (server != null) {
			server.stop(0);
		}
	}

	/** What the LMS does for a launch: launch data, the launched statement, a token; returns the AU's URL. */
	private String launch(String session) {
		return launch(session, "Normal");
	}

	private String launch(String session, String mode) {
		String au = site() + "/pkg/index.html";
		ObjectNode data = JSON.createObjectNode();
		ObjectNode template = data.putObject("contextTemplate");
		template.putObject("contextActivities").putArray("grouping").addObject().put("id", publisherId);
		template.putObject("extensions").put(SESSION, session);
		data.put("launchMode", mode).put("launchMethod", "AnyWindow").put("moveOn", "CompletedAndPassed")
			.put("masteryScore", 0.8).put("returnURL", site() + "/returned.html");
		assertThat(lms.putJson(state("LMS.LaunchData"), data.toString()).status()).isEqualTo(204);

		ObjectNode launched = JSON.createObjectNode();
		launched.set("actor", JSON.readTree(actor));
		launched.putObject("verb").put("id", VERBS + "launched").putObject("display").put("en-US", "launched");
		launched.putObject("object").put("objectType", "Activity").put("id", activityId);
		ObjectNode context = launched.putObject("context");
		context.put("registration", registration);
		context.putObject("contextActivities").<ObjectNode>set("grouping", template.get("contextActivities").get("grouping"))
			.putArray("category").addObject().put("id", CMI5 + "categories/cmi5");
		context.putObject("extensions").put(SESSION, session).put(CMI5 + "extensions/launchmode", mode)
			.put(CMI5 + "extensions/launchurl", au).put(CMI5 + "extensions/moveon", "CompletedAndPassed")
			.put(CMI5 + "extensions/masteryscore", 0.8);
		assertThat(lms.postJson("/xapi/statements", launched.toString()).status()).isEqualTo(200);

		XapiClients.Created client = clients.create("cmi5 launch " + session, XapiClients.Scope.WRITE);
		tokens.put(session, Base64.getEncoder()
			.encodeToString((client.client().key() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8)));
		return au + "?endpoint=" + LrsClient.enc("http://127.0.0.1:" + port + "/xapi/") + "&fetch="
				+ LrsClient.enc(site() + "/fetch/" + session) + "&actor=" + LrsClient.enc(actor) + "&registration=" + registration
				+ "&activityId=" + LrsClient.enc(activityId);
	}

	private String state(String stateId) {
		return "/xapi/activities/state?activityId=" + LrsClient.enc(activityId) + "&agent=" + LrsClient.enc(actor)
				+ "&registration=" + registration + "&stateId=" + stateId;
	}

	private void open(String url) {
		if (browser == null) {
			browser = Chromium.start();
			player = new PlayerPages(browser);
		}
		browser.get(url);
		player.waitForPage();
		assertThat(player.heading()).isNotEqualTo("The course could not start");
	}

	/** The statements of the registration, oldest first. */
	private List<JsonNode> statements() {
		LrsClient.Reply reply = lms.get("/xapi/statements?registration=" + registration + "&ascending=true&limit=500");
		assertThat(reply.status()).isEqualTo(200);
		List<JsonNode> list = new ArrayList<>();
		reply.json().get("statements").forEach(list::add);
		return list;
	}

	private static String verb(JsonNode statement) {
		return statement.get("verb").get("id").asString().substring(VERBS.length());
	}

	/** Waits until the LRS holds a statement with this verb in this session. */
	private List<JsonNode> awaitVerb(String verb, String session) {
		List<List<JsonNode>> seen = new ArrayList<>();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
			List<JsonNode> all = statements();
			seen.add(0, all);
			return all.stream().anyMatch(s -> verb(s).equals(verb) && session.equals(session(s)));
		});
		return seen.get(0);
	}

	private static String session(JsonNode statement) {
		JsonNode ext = statement.path("context").path("extensions").path(SESSION);
		return ext.isMissingNode() ? null : ext.asString();
	}

	private static List<String> categories(JsonNode statement) {
		List<String> ids = new ArrayList<>();
		statement.path("context").path("contextActivities").path("category").forEach(c -> ids.add(c.get("id").asString()));
		return ids;
	}

	private void assertCmi5Rules(List<JsonNode> all, String session, List<String> expected) {
		assertThat(all.stream().map(Cmi5LaunchTests::verb).toList()).containsExactlyElementsOf(expected);
		for (JsonNode s : all.subList(1, all.size())) {
			String v = verb(s);
			assertThat(session(s)).as(v + " carries the session id").isEqualTo(session);
			assertThat(s.get("context").get("registration").asString()).isEqualTo(registration);
			assertThat(s.get("object").get("id").asString()).isEqualTo(activityId);
			assertThat(s.get("actor").get("account").get("name").asString())
				.isEqualTo(JSON.readTree(actor).get("account").get("name").asString());
			assertThat(categories(s)).as(v + " has the cmi5 category").contains(CMI5 + "categories/cmi5");
			assertThat(s.get("context").get("contextActivities").get("grouping").toString()).as(v + " grouping")
				.contains(publisherId);
			boolean moveOn = List.of("completed", "passed", "failed").contains(v);
			assertThat(categories(s).contains(CMI5 + "categories/moveon")).as(v + " moveon category").isEqualTo(moveOn);
			if (!v.equals("initialized")) {
				assertThat(s.path("result").path("duration").asString()).as(v + " duration").startsWith("PT");
			}
		}
	}

	@Test
	void theAuLaunchesThroughTheLrsPassesAndTerminatesByTheCmi5Rules() {
		Course course = PackageManifestTests.course("first-steps");
		String session = UUID.randomUUID().toString();
		open(launch(session));
		assertThat(player.progress()).startsWith("Page 1 of ");
		player.takeAssessment(course, false);
		assertThat(player.heading()).isEqualTo("You passed");
		browser.findElement(By.id("finish")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/returned.html"));

		List<JsonNode> all = awaitVerb("terminated", session);
		assertCmi5Rules(all, session, List.of("launched", "initialized", "completed", "passed", "terminated"));
		assertThat(all.get(1).get("authority")).as("the AU's statements come with the launch's own credentials")
			.isNotEqualTo(all.get(0).get("authority"));
		JsonNode passed = all.get(3);
		assertThat(passed.get("result").get("score").get("scaled").asDouble()).isGreaterThanOrEqualTo(0.8);
		assertThat(passed.get("result").get("success").asBoolean()).isTrue();
		assertThat(passed.get("context").get("extensions").get(CMI5 + "extensions/masteryscore").asDouble()).isEqualTo(0.8);
		assertThat(all.get(2).get("result").get("completion").asBoolean()).isTrue();

		// The launch's token was used once, by the AU: asking again gets cmi5's error.
		assertThat(fetchAgain(session)).contains("\"error-code\"").doesNotContain("auth-token");
	}

	@Test
	void aCriticalItemWrongEndsFailedNotPassed() {
		Course course = PackageManifestTests.course("first-steps");
		String session = UUID.randomUUID().toString();
		open(launch(session));
		player.takeAssessment(course, true);
		assertThat(player.heading()).isEqualTo("Not passed this time");
		browser.findElement(By.id("finish")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/returned.html"));

		List<JsonNode> all = awaitVerb("terminated", session);
		assertCmi5Rules(all, session, List.of("launched", "initialized", "completed", "failed", "terminated"));
		JsonNode failed = all.get(3);
		assertThat(failed.get("result").get("success").asBoolean()).isFalse();
		assertThat(failed.get("result").has("score")).as("cmi5 9.3.5: no failed statement with a score at the masteryScore").isFalse();
		assertThat(failed.get("result").get("extensions").get("https://opendoor.invalid/xapi/extensions/assessment").get("scaled").asDouble())
			.as("the score alone would pass: the critical item decides").isGreaterThanOrEqualTo(0.8);
	}

	@Test
	void closingTheWindowTerminatesAndARelaunchResumesAtTheSavedPlace() {
		String first = UUID.randomUUID().toString();
		open(launch(first));
		player.click("next");
		player.click("next");
		assertThat(player.progress()).startsWith("Page 3 of ");
		// The learner reads the page a moment: its progress document is in the LRS (with a document still on
		// its way at page close the AU leaves terminated out, so nothing can arrive after it).
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(d -> lms.get(state("opendoor-progress")).text().contains("\"i\":2"));
		sleep(500);
		browser.get(site() + "/returned.html");
		List<JsonNode> all = awaitVerb("terminated", first);
		assertCmi5Rules(all, first, List.of("launched", "initialized", "terminated"));

		String second = UUID.randomUUID().toString();
		open(launch(second));
		assertThat(player.progress()).as("relaunched, the AU resumes on the saved page").startsWith("Page 3 of ");
		browser.findElement(By.id("finish")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/returned.html"));
		List<JsonNode> again = awaitVerb("terminated", second);
		assertThat(again.stream().map(Cmi5LaunchTests::verb).toList())
			.containsExactly("launched", "initialized", "terminated", "launched", "initialized", "terminated");
		assertCmi5Rules(again.subList(3, 6), second, List.of("launched", "initialized", "terminated"));
	}

	@Test
	void inBrowseModeTheAuRecordsNoCompletionOrSuccess() {
		Course course = PackageManifestTests.course("first-steps");
		String session = UUID.randomUUID().toString();
		open(launch(session, "Browse"));
		player.takeAssessment(course, false);
		assertThat(player.heading()).isEqualTo("You passed");
		browser.findElement(By.id("finish")).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/returned.html"));
		assertCmi5Rules(awaitVerb("terminated", session), session, List.of("launched", "initialized", "terminated"));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String fetchAgain(String session) {
		try {
			var http = java.net.http.HttpClient.newHttpClient();
			return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(site() + "/fetch/" + session))
				.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
