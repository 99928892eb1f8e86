package org.opendoor.lms.lrs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.opendoor.lms.support.LrsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default (the demo profile's H2 file database, with the settings in
 * {@code application-demo.properties}) keeps every statement it acknowledged when the app is killed with
 * SIGKILL while four clients are storing statements: the kill comes right after the 150th
 * acknowledgement, with requests still in flight, and after a restart on the same files every
 * acknowledged statement is there.
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

	private Process start(int port, String url, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), OpenDoorApplication.class.getName(), "--spring.profiles.active=demo",
				"--server.port=" + port, "--lms.demo.volunteers=false", "--spring.datasource.url=" + url,
				"--logging.level.root=WARN")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

}
