package org.opendoor.lms.lrs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.support.AppProcess;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.xapi.forward.FakeLrs;
import org.opendoor.lms.support.LrsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default (the demo profile's H2 file database, with the settings in
 * {@code application-demo.properties}) keeps every statement it acknowledged when the app is killed with
 * SIGKILL while four clients are storing statements: the kill comes right after the 150th
 * acknowledgement, with requests still in flight, and after a restart on the same files every
 * acknowledged statement is there. The same holds for what a learner saves (wellbeing-plan entries and
 * answers) and for statements queued to be forwarded to another LRS.
 */
class EmbeddedDefaultKillTests {

	private static final int CLIENTS = 4;

	private static final int KILL_AFTER = 150;

	@TempDir
	Path data;

	@Test
	void everyAcknowledgedStatementSurvivesKill9() throws Exception {
		String url = demoUrl().replace("./data/opendoor", data.resolve("opendoor").toAbsolutePath().toString());
		int port = AppProcess.freePort();
		Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
		Path firstLog = data.resolve("first.log");
		Process first = start(port, url, firstLog);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			AppProcess.awaitReady(port, first, firstLog, Duration.ofSeconds(300));
			CountDownLatch enough = new CountDownLatch(KILL_AFTER);
			for (int c = 0; c < CLIENTS; c++) {
				LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
				clients.submit(() -> {
					while (!Thread.currentThread().isInterrupted()) {
						UUID id = UUID.randomUUID();
						try {
							if (lrs.putJson("/xapi/statements?statementId=" + id, statement()).status() == 204) {
								acknowledged.add(id);
								enough.countDown();
							}
						}
						catch (IllegalStateException killed) {
							return;
						}
					}
				});
			}
			enough.await();
			first.destroyForcibly();
			first.waitFor();
		}
		finally {
			first.destroyForcibly().waitFor();
			clients.shutdownNow();
		}
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

		Path log = data.resolve("second.log");
		Process second = start(port, url, log);
		try {
			AppProcess.awaitReady(port, second, log, Duration.ofSeconds(300));
			LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
			List<UUID> lost = new ArrayList<>();
			for (UUID id : acknowledged) {
				if (lrs.get("/xapi/statements?statementId=" + id).status() != 200) {
					lost.add(id);
				}
			}
			assertThat(lost).as("acknowledged statements missing after the restart, of " + acknowledged.size()).isEmpty();
		}
		finally {
			second.destroy();
			second.waitFor();
		}
	}

	/** The demo learner's pages that save an answer: knowledge-check and assessment questions of first-steps. */
	private static final List<String> ANSWER_PAGES = List.of("check-open-question", "check-fixing", "check-urgent-signs",
			"assessment-1", "assessment-2", "assessment-3", "assessment-4");

	/** What a learner last sent for one thing, and what the app acknowledged. */
	private static final class Sent {

		volatile String pending;

		volatile String acknowledged;

		/** Whether the value found after the restart is one the learner sent last: acknowledged or still in flight. */
		boolean kept(String found) {
			return found.equals(acknowledged) || found.equals(pending);
		}

	}

	@Test
	void everyAcknowledgedPlanEntryAnswerAndQueuedStatementSurvivesKill9() throws Exception {
		String url = demoUrl().replace("./data/opendoor", data.resolve("opendoor").toAbsolutePath().toString());
		int port = AppProcess.freePort();
		// nothing listens there: every statement stays queued for forwarding until the restart
		String unreachable = "http://127.0.0.1:" + AppProcess.freePort() + "/xapi/";
		Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
		Sent plan = new Sent();
		Map<String, Sent> answers = new ConcurrentHashMap<>();
		Path firstLog = data.resolve("first.log");
		Process first = start(port, url, firstLog, forwardTo(unreachable));
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		UUID attempt;
		try {
			AppProcess.awaitReady(port, first, firstLog, Duration.ofSeconds(300));
			BrowserlessSession learner = new BrowserlessSession(port);
			learner.signIn(DEMO_LEARNER, DEMO_LEARNER_PASSWORD);
			learner.get("/courses");
			BrowserlessSession.Page started = learner.post("/courses/first-steps/attempts");
			assertThat(started.status()).isEqualTo(302);
			attempt = UUID.fromString(started.location().replaceAll(".*/attempts/", ""));
			CountDownLatch saved = new CountDownLatch(40);
			CountDownLatch stored = new CountDownLatch(KILL_AFTER / 3);
			clients.submit(() -> {
				for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
					Sent sent = i % 2 == 0 ? plan : answers.computeIfAbsent(ANSWER_PAGES.get(i / 2 % ANSWER_PAGES.size()),
							k -> new Sent());
					String page = i % 2 == 0 ? "plan-my-next-step" : ANSWER_PAGES.get(i / 2 % ANSWER_PAGES.size());
					String value = i % 2 == 0 ? "Talk to the café volunteers, entry " + i
							: i / 2 / ANSWER_PAGES.size() % 2 == 0 ? "a" : "b";
					sent.pending = value;
					try {
						if (learner.post("/attempts/" + attempt + "/steps/" + page, i % 2 == 0 ? "prompt-notice" : "choice",
								value).status() == 302) {
							sent.acknowledged = value;
							saved.countDown();
						}
					}
					catch (IllegalStateException killed) {
						return;
					}
				}
			});
			for (int c = 1; c < CLIENTS; c++) {
				LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
				clients.submit(() -> {
					while (!Thread.currentThread().isInterrupted()) {
						UUID id = UUID.randomUUID();
						try {
							if (lrs.putJson("/xapi/statements?statementId=" + id, statement()).status() == 204) {
								acknowledged.add(id);
								stored.countDown();
							}
						}
						catch (IllegalStateException killed) {
							return;
						}
					}
				});
			}
			saved.await();
			stored.await();
			first.destroyForcibly();
			first.waitFor();
		}
		finally {
			first.destroyForcibly().waitFor();
			clients.shutdownNow();
		}
		assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

		try (FakeLrs charity = new FakeLrs()) {
			Path log = data.resolve("second.log");
			Process second = start(port, url, log, forwardTo(charity.endpoint()));
			try {
				AppProcess.awaitReady(port, second, log, Duration.ofSeconds(300));
				BrowserlessSession learner = new BrowserlessSession(port);
				learner.signIn(DEMO_LEARNER, DEMO_LEARNER_PASSWORD);
				String planPage = learner.get("/attempts/" + attempt + "/steps/plan-my-next-step").body();
				java.util.regex.Matcher entry = java.util.regex.Pattern
					.compile("id=\"prompt-notice\"[^>]*>([^<]*)</textarea>")
					.matcher(planPage);
				assertThat(entry.find()).as("the plan page shows the entry").isTrue();
				assertThat(plan.kept(entry.group(1)))
					.as("plan entry after the restart: " + entry.group(1) + ", acknowledged: " + plan.acknowledged)
					.isTrue();
				for (Map.Entry<String, Sent> answer : answers.entrySet()) {
					if (answer.getValue().acknowledged == null) {
						continue;
					}
					String page = learner.get("/attempts/" + attempt + "/steps/" + answer.getKey()).body();
					List<String> chosen = java.util.regex.Pattern.compile("<input[^>]*name=\"choice\"[^>]*>")
						.matcher(page)
						.results()
						.map(java.util.regex.MatchResult::group)
						.filter(input -> input.contains(" checked"))
						.map(input -> input.replaceAll("(?s).*value=\"([^\"]*)\".*", "$1"))
						.toList();
					assertThat(chosen).as("answer on " + answer.getKey()).hasSize(1);
					assertThat(answer.getValue().kept(chosen.get(0)))
						.as("answer on " + answer.getKey() + ": " + chosen + ", acknowledged: "
								+ answer.getValue().acknowledged)
						.isTrue();
				}
				LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
				List<UUID> lost = new ArrayList<>();
				for (UUID id : acknowledged) {
					if (lrs.get("/xapi/statements?statementId=" + id).status() != 200) {
						lost.add(id);
					}
				}
				assertThat(lost).as("acknowledged statements missing after the restart, of " + acknowledged.size()).isEmpty();
				long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
				while (!charity.stored().keySet().containsAll(acknowledged) && System.nanoTime() < until) {
					Thread.sleep(200);
				}
				assertThat(charity.stored().keySet()).as("every acknowledged statement was forwarded after the restart")
					.containsAll(acknowledged);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	private static final String DEMO_LEARNER = "learner@demo.opendoor.invalid";

	private static final String DEMO_LEARNER_PASSWORD = "demo-learner-pass";

	/** Settings that forward every statement to one other LRS, polling often. */
	private static String[] forwardTo(String endpoint) {
		return new String[] { "--lms.xapi.forward[0].name=charity-lrs", "--lms.xapi.forward[0].endpoint=" + endpoint,
				"--lms.xapi.forward[0].key=" + FakeLrs.KEY, "--lms.xapi.forward[0].secret=" + FakeLrs.SECRET,
				"--lms.xapi.forward-batch-size=100", "--lms.xapi.forward-interval=PT0.2S",
				"--lms.xapi.forward-timeout=PT2S", "--lms.xapi.forward-claim-margin=PT1S" };
	}

	/** The demo profile's database address, as shipped. */
	private static String demoUrl() throws IOException {
		Properties demo = new Properties();
		try (InputStream in = EmbeddedDefaultKillTests.class.getResourceAsStream("/application-demo.properties")) {
			demo.load(in);
		}
		String url = demo.getProperty("spring.datasource.url");
		assertThat(url).contains("./data/opendoor");
		return url;
	}

	private static String statement() {
		return "{\"actor\":{\"account\":{\"homePage\":\"https://opendoor.example.org\",\"name\":\"learner-1\"}},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
				+ "\"object\":{\"id\":\"https://opendoor.example.org/courses/first-steps/steps/check-1\"}}";
	}

	private Process start(int port, String url, Path log, String... settings) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-cp", System.getProperty("java.class.path"), OpenDoorApplication.class.getName(),
				"--spring.profiles.active=demo", "--server.port=" + port, "--lms.demo.volunteers=false",
				"--spring.datasource.url=" + url, "--logging.level.root=WARN"));
		command.addAll(List.of(settings));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

}
