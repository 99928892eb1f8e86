package org.opendoor.lms.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exported SCORM packages in a real runtime: headless Chromium runs each package under the scorm-again
 * npm runtime set up as Moodle sets up its own (mastery score overrides status, credit {@code credit},
 * the manifest's {@code adlcp:masteryscore} as {@code cmi.student_data.mastery_score}, and
 * {@code cmi.scaled_passing_score} taken from the manifest's objectives the way Moodle's
 * {@code scorm_13lib.php} does: 1.0 for an objective without {@code minNormalizedMeasure}, the last one
 * wins) and with that override off. What is checked is what the LMS stored when the course window
 * closed, that is what its gradebook shows.
 */
class ScormRuntimeTests {

	static final Path SCORM_AGAIN = Path.of("src/test/js/node_modules/scorm-again/dist").toAbsolutePath();

	/** A learner who knows the answers, driving the player inside its frame (synchronous: the player renders at once). */
	private static final String ROBOT = """
			var h1 = function () { return document.querySelector('h1').textContent; };
			var click = function (id) { document.getElementById(id).click(); };
			var question = function () {
			  var text = document.querySelector('legend').textContent.trim();
			  var all = OPENDOOR_COURSE.assessment.questions.slice();
			  OPENDOOR_COURSE.modules.forEach(function (m) { m.items.forEach(function (i) { if (i.questions) { all = all.concat(i.questions); } }); });
			  return all.filter(function (q) {
			    var d = document.createElement('div'); d.innerHTML = q.promptHtml; return d.textContent.trim() === text; })[0];
			};
			var answer = function (right) {
			  var q = question();
			  var keys = q.options.filter(function (o) { return o.correct === right; }).map(function (o) { return o.key; });
			  keys = right ? keys : keys.slice(0, 1);
			  Array.prototype.forEach.call(document.querySelectorAll('input[name=choice]'), function (x) { x.checked = keys.indexOf(x.value) >= 0; });
			  document.querySelector('form.question button[type=submit]').click();
			};
			var toAssessment = function () {
			  while (h1() !== OPENDOOR_COURSE.assessment.title) { click('next'); }
			  click('next');
			};
			/* Goes through the content answering every knowledge check and playing every scenario to its end. */
			var everything = function () {
			  var pages = 1;
			  while (h1() !== OPENDOOR_COURSE.assessment.title) {
			    if (document.querySelector('form.question') && !document.getElementById('feedback')) { answer(true); }
			    while (document.querySelector('form.scenario')) {
			      document.querySelector('input[name=option]').click();
			      document.querySelector('form.scenario button[type=submit]').click();
			    }
			    click('next');
			    pages++;
			  }
			  click('next');
			  return pages;
			};
			/* Answers the round's questions: all right, one critical wrong, exactly the pass mark (non-critical
			   ones wrong), all wrong, or the first n right and then stop. */
			var round = function (how, n) {
			  var total = document.querySelectorAll('h1').length && OPENDOOR_COURSE.assessment.draw;
			  var wrongAllowed = total - Math.ceil(OPENDOOR_COURSE.passMark * total / 100), wrong = 0, missed = false, done = 0;
			  while (/^Question /.test(h1())) {
			    if (how === 'part' && done === n) { return h1(); }
			    var q = question(), right = true;
			    if (how === 'fail') { right = false; }
			    if (how === 'critical' && q.critical && !missed) { right = false; missed = true; }
			    if (how === 'passmark' && !q.critical && wrong < wrongAllowed) { right = false; wrong++; }
			    answer(right);
			    done++;
			  }
			  click('submit');
			  return h1();
			};
			""";

	@TempDir
	Path site;

	private HttpServer server;

	private ChromeDriver browser;

	private String base;

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (server != null) {
			server.stop(0);
		}
	}

	/** What the LMS reads from a package's manifest, the way Moodle reads it. */
	record FromManifest(String masteryScore, String scaledPassingScore) {

		static FromManifest of(String manifest) throws Exception {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
			NodeList mastery = doc.getElementsByTagNameNS("*", "masteryscore");
			String masteryScore = mastery.getLength() == 0 ? "" : mastery.item(0).getTextContent().strip();
			// scorm_13lib.php: each objective's minnormalizedmeasure (1.0 when absent, parsed in scormlib.php)
			// is copied into cmi.scaled_passing_score when not empty; the last one wins.
			NodeList objectives = (NodeList) XPathFactory.newInstance()
				.newXPath()
				.evaluate("//*[local-name()='primaryObjective' or local-name()='objective']", doc, XPathConstants.NODESET);
			String scaled = "";
			for (int i = 0; i < objectives.getLength(); i++) {
				NodeList measure = ((Element) objectives.item(i)).getElementsByTagNameNS("*", "minNormalizedMeasure");
				String value = measure.getLength() == 0 ? "1.0" : measure.item(0).getTextContent().strip();
				if (!value.isEmpty() && Double.parseDouble(value) != 0) {
					scaled = value;
				}
			}
			return new FromManifest(masteryScore, scaled);
		}

	}

	/**
	 * Serves the package beside a test LMS: {@code lms.html} (the runtime in the top window, the course in
	 * a frame), {@code popup.html} (the runtime in the top window, a frame that opens the course in a
	 * popup) and the package itself.
	 */
	private void start(PackageStandard standard, Course course, boolean override, String language,
			Map<String, String> text) throws Exception {
		if (!Files.exists(SCORM_AGAIN.resolve("scorm12.js"))) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true but scorm-again is not installed; .ci/run installs it in src/test/js");
			}
			Assumptions.abort("Skipped: run 'npm install --prefix src/test/js' to get the scorm-again runtime");
		}
		Map<String, byte[]> files = PackageManifestTests.unzip(CoursePackages.write(course, standard, language, text));
		for (Map.Entry<String, byte[]> f : files.entrySet()) {
			Path target = site.resolve("pkg").resolve(f.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, f.getValue());
		}
		FromManifest lms = FromManifest.of(new String(files.get("imsmanifest.xml"), StandardCharsets.UTF_8));
		boolean v12 = standard == PackageStandard.SCORM12;
		Files.copy(SCORM_AGAIN.resolve(v12 ? "scorm12.js" : "scorm2004.js"), site.resolve("runtime.js"));
		String common = """
				var fresh = location.search.indexOf('new') >= 0;
				var saved = fresh ? null : JSON.parse(localStorage.getItem('lms') || 'null');
				var record = saved || { commits: 0, finishes: 0, maxSuspend: 0 };
				window.stored = function () { return JSON.parse(localStorage.getItem('lms') || 'null'); };
				/* ?fail=n: the LMS refuses the next n commits, as an LMS that cannot reach its server does. */
				var failing = parseInt((location.search.match(/fail=(\\d+)/) || [])[1] || '0', 10);
				var refuse = function (api, name) {
				  var real = api[name];
				  api[name] = function (p) { if (failing > 0) { failing--; return 'false'; } return real.call(api, p); };
				};
				""";
		Files.writeString(site.resolve("lms.js"), common + (v12 ? """
				window.API = new Scorm12API({ autocommit: false, logLevel: 5, mastery_override: %s });
				var core = { credit: 'credit', lesson_mode: 'normal', entry: saved ? 'resume' : 'ab-initio' };
				if (saved) { core.lesson_location = saved.location; core.lesson_status = saved.status;
				  if (saved.score !== '') { core.score = { raw: saved.score }; } }
				API.loadFromJSON({ core: core, student_data: { mastery_score: '%s' }, suspend_data: saved ? saved.suspend : '' });
				var keep = function (what) {
				  record[what]++; record.location = API.cmi.core.lesson_location; record.suspend = API.cmi.suspend_data;
				  record.status = API.cmi.core.lesson_status; record.score = String(API.cmi.core.score.raw);
				  record.interactions = API.cmi.interactions.childArray.length;
				  localStorage.setItem('lms', JSON.stringify(record));
				};
				API.on('LMSSetValue.cmi.suspend_data', function (e, v) { record.maxSuspend = Math.max(record.maxSuspend, String(v).length); });
				API.on('LMSCommit', function () { keep('commits'); });
				refuse(API, 'LMSCommit');
				API.on('LMSFinish', function () { keep('finishes'); });
				window.live = function () { return API.isInitialized() ? API.cmi.core.lesson_location : 'not running'; };
				window.lastInteraction = function () { var all = API.cmi.interactions.childArray; return JSON.stringify(all[all.length - 1]); };
				""".formatted(override, lms.masteryScore()) : """
				window.API_1484_11 = new Scorm2004API({ autocommit: false, logLevel: 5 });
				var cmi = { credit: 'credit', mode: 'normal', entry: saved ? 'resume' : 'ab-initio' };
				if (%s && '%s' !== '') { cmi.scaled_passing_score = '%s'; }
				if (saved) { cmi.location = saved.location; cmi.suspend_data = saved.suspend; cmi.completion_status = saved.completion;
				  if (saved.status !== 'unknown') { cmi.success_status = saved.status; }
				  if (saved.score !== '') { cmi.score = { raw: saved.score, scaled: saved.scaled }; } }
				API_1484_11.loadFromJSON(cmi);
				var keep = function (what) {
				  var c = API_1484_11.cmi;
				  record[what]++; record.location = c.location; record.suspend = c.suspend_data;
				  record.status = API_1484_11.GetValue('cmi.success_status'); record.completion = c.completion_status;
				  record.score = String(c.score.raw); record.scaled = String(c.score.scaled);
				  record.interactions = c.interactions.childArray.length;
				  localStorage.setItem('lms', JSON.stringify(record));
				};
				API_1484_11.on('SetValue.cmi.suspend_data', function (e, v) { record.maxSuspend = Math.max(record.maxSuspend, String(v).length); });
				API_1484_11.on('Commit', function () { keep('commits'); });
				refuse(API_1484_11, 'Commit');
				API_1484_11.on('BeforeTerminate', function () { keep('finishes'); });
				window.live = function () { return API_1484_11.isInitialized() ? API_1484_11.cmi.location : 'not running'; };
				window.lastInteraction = function () { var all = API_1484_11.cmi.interactions.childArray; return JSON.stringify(all[all.length - 1]); };
				""".formatted(override, lms.scaledPassingScore(), lms.scaledPassingScore())));
		Files.writeString(site.resolve("lms.html"), """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
				<script src="runtime.js"></script><script src="lms.js"></script></head>
				<body><iframe src="pkg/index.html" title="Course" style="width:100%;height:900px"></iframe></body></html>
				""");
		Files.writeString(site.resolve("popup.html"), """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
				<script src="runtime.js"></script><script src="lms.js"></script></head>
				<body><iframe src="launcher.html" title="Launcher"></iframe></body></html>
				""");
		Files.writeString(site.resolve("launcher.html"), """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Launcher</title></head>
				<body><p>The course opens in a new window.</p></body></html>
				""");
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
		browser = Chromium.start();
		base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
	}

	private void start(PackageStandard standard, Course course, boolean override) throws Exception {
		start(standard, course, override, "en", Map.of());
	}

	private PlayerPages player;

	/** Launches the course in the LMS's frame ({@code ?new}: a new attempt, without saved data). */
	private void launch(String query) {
		browser.switchTo().defaultContent();
		browser.get(base + "lms.html" + query);
		browser.switchTo().frame(0);
		player = new PlayerPages(browser);
		player.waitForPage();
	}

	/** Closes the course window: the frame goes, as when the learner leaves the LMS's player page. */
	private Map<String, Object> close() {
		browser.switchTo().defaultContent();
		browser.executeScript("document.querySelector('iframe').remove();");
		return stored();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> stored() {
		browser.switchTo().defaultContent();
		return (Map<String, Object>) browser.executeScript("return window.stored();");
	}

	private String gradebook() {
		Map<String, Object> s = stored();
		return s.get("status") + " " + s.get("score");
	}

	private String robot(String script) {
		return String.valueOf(browser.executeScript(ROBOT + script));
	}

	@ParameterizedTest(name = "{0}, {1}, LMS override {2}")
	@CsvSource({ "first-steps, scorm12, true", "first-steps, scorm12, false", "first-steps, scorm2004, true",
			"first-steps, scorm2004, false", "hub-leaders-mental-health-awareness, scorm12, true",
			"hub-leaders-mental-health-awareness, scorm12, false", "hub-leaders-mental-health-awareness, scorm2004, true",
			"hub-leaders-mental-health-awareness, scorm2004, false" })
	void aPassAtThePassMarkIsRecordedPassedAndACriticalFailureFailed(String courseId, String standardName,
			boolean override) throws Exception {
		Course course = PackageManifestTests.course(courseId);
		start(PackageStandard.of(standardName).orElseThrow(), course, override);
		int total = course.assessment().draw();
		int atPassMark = (course.passMark() * total + 99) / 100;

		launch("?new");
		robot("toAssessment();");
		assertThat(robot("return round('passmark');")).isEqualTo("You passed");
		assertThat(player.main()).contains(atPassMark + " of " + total + " right (" + atPassMark * 100 / total + "%)");
		close();
		assertThat(gradebook()).as("at the pass mark, every critical item right")
			.isEqualTo("passed " + atPassMark * 100 / total);

		launch("?new");
		robot("toAssessment();");
		assertThat(robot("return round('critical');")).isEqualTo("Not passed this time");
		assertThat(player.main()).contains((total - 1) + " of " + total + " right").contains("safety-critical");
		close();
		assertThat(gradebook()).as("one critical item wrong: recorded failed, the score capped under the pass mark")
			.isEqualTo("failed " + (course.passMark() - 1));
	}

	@ParameterizedTest(name = "{0}, LMS override {1}")
	@CsvSource({ "scorm12, true", "scorm12, false", "scorm2004, true", "scorm2004, false" })
	void resumesMidAssessmentAfterTwentyFailedRoundsAndThenPasses(String standardName, boolean override) throws Exception {
		PackageStandard standard = PackageStandard.of(standardName).orElseThrow();
		Course course = PackageManifestTests.course("hub-leaders-mental-health-awareness");
		start(standard, course, override);

		launch("?new");
		robot("everything();");
		int afterTwo = 0;
		for (int r = 1; r <= 20; r++) {
			assertThat(robot("return round('fail');")).isEqualTo("Not passed this time");
			robot("click('retake'); click('next');");
			if (r == 2) {
				afterTwo = ((Number) browser.executeScript("return window.parent.record.maxSuspend;")).intValue();
			}
		}
		assertThat(robot("return round('part', 4);")).isEqualTo("Question 5 of 15");
		close();
		Map<String, Object> lms = stored();
		int largest = ((Number) lms.get("maxSuspend")).intValue();
		System.out.printf(Locale.ROOT,
				"%s: largest suspend_data of the flagship course (every check answered) over 20 failed rounds: %d characters (%d after 2 rounds)%n",
				standard.pathName(), largest, afterTwo);
		assertThat(largest).as("only the current round is kept").isLessThanOrEqualTo(afterTwo + 100).isLessThan(4096);
		assertThat(gradebook()).isEqualTo("failed 0");

		launch("");
		assertThat(player.heading()).as("relaunched, the learner is on the question they left").isEqualTo("Question 5 of 15");
		player.click("prev");
		assertThat(browser.findElements(By.cssSelector("input[name=choice]:checked"))).as("the round's answers are kept")
			.isNotEmpty();
		assertThat(robot("return round('pass');")).isEqualTo("You passed");
		assertThat(player.main()).contains("15 of 15 right (100%)");
		close();
		assertThat(gradebook()).isEqualTo("passed 100");
	}

	@ParameterizedTest
	@ValueSource(strings = { "scorm12", "scorm2004" })
	void linksBetweenLessonsMoveWithinThePlayerAndKeepTheSession(String standardName) throws Exception {
		Course course = PackageManifestTests.course("first-steps");
		start(PackageStandard.of(standardName).orElseThrow(), course, true);
		launch("?new");
		String from = player.heading();
		browser.findElement(By.cssSelector("main a[data-lesson]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !player.heading().equals(from));
		assertThat(player.progress()).startsWith("Page 2 of ");
		assertThat((String) browser.executeScript("return location.pathname;")).endsWith("/pkg/index.html");
		browser.switchTo().defaultContent();
		assertThat(String.valueOf(browser.executeScript("return window.live();"))).as("the LMS session goes on").isEqualTo("1");
		assertThat(((Number) stored().get("finishes")).intValue()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "scorm12", "scorm2004" })
	void findsTheLmsFromAPopupOpenedInsideAnLmsFrame(String standardName) throws Exception {
		Course course = PackageManifestTests.course("first-steps");
		start(PackageStandard.of(standardName).orElseThrow(), course, true);
		browser.get(base + "popup.html?new");
		String lmsWindow = browser.getWindowHandle();
		browser.switchTo().frame(0);
		browser.executeScript("window.open('pkg/index.html', 'course');");
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() == 2);
		browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(lmsWindow)).findFirst().orElseThrow());
		player = new PlayerPages(browser);
		player.waitForPage();
		assertThat(browser.findElements(By.cssSelector(".lms-notice"))).isEmpty();
		player.click("next");
		browser.switchTo().window(lmsWindow);
		assertThat(String.valueOf(browser.executeScript("return window.live();"))).isEqualTo("1");
	}

	@Test
	void withNoLmsTheLearnerIsToldInTheirLanguageThatNothingIsRecorded() throws Exception {
		Properties welsh = new Properties();
		try (Reader in = new InputStreamReader(
				ScormRuntimeTests.class.getResourceAsStream("/messages_cy.properties"), StandardCharsets.UTF_8)) {
			welsh.load(in);
		}
		Map<String, String> text = new HashMap<>();
		CoursePackages.PLAYER_TEXT.forEach(k -> text.put(k, welsh.getProperty(k, k)));
		start(PackageStandard.SCORM12, PackageManifestTests.course("first-steps"), true, "cy", text);
		browser.get(base + "pkg/index.html");
		player = new PlayerPages(browser);
		player.waitForPage();
		assertThat(browser.findElement(By.cssSelector(".lms-notice")).getText())
			.contains(welsh.getProperty("package.noApi.title"));
		player.click("next");
		assertThat(player.progress()).as("the course still works").contains("2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "scorm12", "scorm2004" })
	void aFullRunOfTheFlagshipCourseCommitsOnChangesOfStatusOnly(String standardName) throws Exception {
		PackageStandard standard = PackageStandard.of(standardName).orElseThrow();
		Course course = PackageManifestTests.course("hub-leaders-mental-health-awareness");
		start(standard, course, true);
		launch("?new");
		int pages = Integer.parseInt(robot("return everything();"));
		Map<String, Object> content = stored();
		assertThat(content.get(standard == PackageStandard.SCORM12 ? "status" : "completion"))
			.as("the content finished, no round submitted yet").isEqualTo("completed");
		browser.switchTo().frame(0);
		assertThat(robot("return round('pass');")).isEqualTo("You passed");
		Map<String, Object> lms = close();
		int commits = ((Number) lms.get("commits")).intValue();
		System.out.printf(Locale.ROOT, "%s: %d commits and %d finish in a full run of the flagship course (%d content pages)%n",
				standard.pathName(), commits, ((Number) lms.get("finishes")).intValue(), pages);
		assertThat(commits).as("a commit on each change of status, not on each page").isLessThanOrEqualTo(4);
		assertThat(((Number) lms.get("finishes")).intValue()).isEqualTo(1);
		assertThat(gradebook()).isEqualTo("passed 100");
		long checkQuestions = course.allQuestions().count() - course.assessment().questions().size();
		assertThat(((Number) lms.get("interactions")).intValue()).as("one per knowledge-check and assessment answer")
			.isEqualTo((int) checkQuestions + course.assessment().draw());

		launch("?new");
		robot("toAssessment(); answer(true);");
		browser.switchTo().defaultContent();
		String interaction = String.valueOf(browser.executeScript("return window.lastInteraction();"));
		assertThat(interaction).contains("\"result\":\"correct\"").contains("\"latency\":\"")
			.contains(standard == PackageStandard.SCORM12 ? "\"student_response\":\"" : "\"learner_response\":\"")
			.contains("\"pattern\":\"");
		if (standard == PackageStandard.SCORM2004) {
			assertThat(interaction).contains("\"description\":\"").contains("\"timestamp\":\"");
		}
	}


	/** The first-steps course with a blueprint, a question in the author's order, a support box and a content note. */
	private static Course withBlueprint(Course course) {
		List<Question> bank = course.assessment().questions().stream().map(q -> new Question(q.id(), q.type(), q.promptHtml(),
				q.options(), q.critical(), q.revisitModule(), q.explanationHtml(),
				q.id().equals("a1") ? "open-questions" : q.critical() ? "urgent-help" : null, q.id().equals("a3"),
				q.id().equals("a5")))
			.toList();
		Assessment a = course.assessment();
		Assessment withBlueprint = new Assessment(a.id(), a.title(), 5, bank, a.source(),
				new Assessment.Blueprint(Map.of("listening", 3), List.of("open-questions", "urgent-help")), true);
		return new Course(course.id(), course.version(), course.title(), course.description(), course.languages(),
				course.estimatedMinutes(), course.passMark(), course.certificateValidityMonths(), course.modules(), withBlueprint);
	}

	@Test
	void thePlayerDrawsByTheBlueprintAndShowsEachAttemptItsOwnStableOrder() throws Exception {
		Course course = withBlueprint(PackageManifestTests.course("first-steps"));
		start(PackageStandard.SCORM12, course, true);
		List<String> listening = course.assessment().questions().stream()
			.filter(q -> "listening".equals(q.revisitModule())).map(Question::id).toList();
		String orders = """
				var seen = {};
				while (/^Question /.test(h1())) {
				  var q = question();
				  seen[q.id] = Array.prototype.map.call(document.querySelectorAll('input[name=choice]'), function (x) { return x.value; }).join('')
				    + (document.querySelector('.support-box') ? '+support' : '') + (document.querySelector('.content-note') ? '+note' : '');
				  answer(true);
				}
				return JSON.stringify(seen);
				""";
		List<Map<String, String>> attempts = new java.util.ArrayList<>();
		for (int attempt = 0; attempt < 4; attempt++) {
			launch("?new");
			robot("toAssessment();");
			@SuppressWarnings("unchecked")
			List<String> drawn = (List<String>) browser.executeScript("return JSON.parse(window.parent.API.cmi.suspend_data).d;");
			assertThat(drawn).hasSize(5).contains("a1").containsAnyOf("a5", "a6");
			assertThat(drawn.stream().filter(listening::contains).count()).isGreaterThanOrEqualTo(3);
			if (attempt == 0) {
				String first = robot("return Array.prototype.map.call(document.querySelectorAll('input[name=choice]'), function (x) { return x.value; }).join('');");
				launch("");
				assertThat(robot("return Array.prototype.map.call(document.querySelectorAll('input[name=choice]'), function (x) { return x.value; }).join('');"))
					.as("resumed, the same order").isEqualTo(first);
			}
			Map<String, String> seen = new tools.jackson.databind.json.JsonMapper().readValue(robot(orders),
					new tools.jackson.core.type.TypeReference<Map<String, String>>() { });
			seen.forEach((id, shown) -> {
				assertThat(shown).as("content note on every question of an assessment that has one").endsWith("+note");
				if (id.equals("a3")) {
					assertThat(shown).as("fixed order").startsWith("abc");
				}
				assertThat(shown.contains("+support")).as("support box on " + id).isEqualTo(id.equals("a5"));
			});
			attempts.add(seen);
		}
		assertThat(attempts.stream().flatMap(m -> m.entrySet().stream())
			.filter(e -> !e.getKey().equals("a3"))
			.collect(java.util.stream.Collectors.groupingBy(Map.Entry::getKey,
					java.util.stream.Collectors.mapping(Map.Entry::getValue, java.util.stream.Collectors.toSet())))
			.values().stream().anyMatch(orders2 -> orders2.size() > 1)).as("attempts see their own order").isTrue();
	}


	@ParameterizedTest
	@ValueSource(strings = { "scorm12", "scorm2004" })
	void aRefusedCommitIsTriedAgain(String standardName) throws Exception {
		start(PackageStandard.of(standardName).orElseThrow(), PackageManifestTests.course("first-steps"), true);
		launch("?new&fail=1");
		browser.switchTo().defaultContent();
		assertThat(stored()).as("the first commit was refused").isNull();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> stored() != null);
		assertThat(((Number) stored().get("commits")).intValue()).isEqualTo(1);
		assertThat(stored().get("status")).isIn("incomplete", "unknown");
	}

}
