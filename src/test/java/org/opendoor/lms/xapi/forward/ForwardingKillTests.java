package org.opendoor.lms.xapi.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.support.AppProcess;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.LrsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application is killed with SIGKILL ({@link Process#destroyForcibly()}) while it forwards statements to
 * a slow external LRS, then started again on the same database. The real application runs as its own JVM
 * (this test's classpath, an embedded PostgreSQL database). The external LRS ends with every
 * statement, each once (it keeps the first copy of an id), and the restarted application logs no error.
 */
class ForwardingKillTests {

	private static final int STATEMENTS = 40;

	@TempDir
	Path data;

	/** PostgreSQL, as in production (the embedded default's own kill test is EmbeddedDefaultKillTests). */
	private final String database = EmbeddedPostgresSupport.newDatabase("forwarding_kill");

	@Test
	void killedWhileForwardingThenRestartedTheLrsHoldsEveryStatementOnce() throws Exception {
		try (FakeLrs lrs = new FakeLrs()) {
			lrs.slowDown(Duration.ofMillis(400));
			List<UUID> ids = new ArrayList<>();
			int port = AppProcess.freePort();
			Path firstLog = data.resolve("first.log");
			Process first = start(port, lrs, firstLog);
			try {
				AppProcess.awaitReady(port, first, firstLog, Duration.ofSeconds(300));
				LrsClient client = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
				for (int batch = 0; batch < STATEMENTS / 5; batch++) {
					StringBuilder body = new StringBuilder("[");
					for (int i = 0; i < 5; i++) {
						UUID id = UUID.randomUUID();
						ids.add(id);
						body.append(i == 0 ? "" : ",").append(statement(id, batch * 5 + i));
					}
					assertThat(client.postJson("/xapi/statements", body.append(']').toString()).status()).isEqualTo(200);
				}
				long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
				while (lrs.stored().size() < 5 && System.nanoTime() < until) {
					Thread.sleep(20);
				}
				assertThat(lrs.stored().size()).as("forwarding is under way, not finished").isBetween(5, STATEMENTS - 1);
			}
			finally {
				first.destroyForcibly().waitFor();
			}
			assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

			lrs.slowDown(Duration.ZERO);
			Path log = data.resolve("second.log");
			Process second = start(port, lrs, log);
			try {
				AppProcess.awaitReady(port, second, log, Duration.ofSeconds(300));
				long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
				while (lrs.stored().size() < STATEMENTS && System.nanoTime() < until) {
					Thread.sleep(100);
				}
				assertThat(lrs.stored().keySet()).as("every statement reached the LRS").containsExactlyInAnyOrderElementsOf(ids);
			}
			finally {
				second.destroy();
				second.waitFor();
			}
			String output = Files.readString(log);
			assertThat(output).as("the restarted application logs no error").doesNotContain(" ERROR ").doesNotContain("\tat ");
		}
	}

	private Process start(int port, FakeLrs lrs, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), OpenDoorApplication.class.getName(), "--spring.profiles.active=demo",
				"--server.port=" + port, "--lms.demo.volunteers=false",
				"--spring.datasource.url=" + database, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--logging.level.root=WARN",
				"--lms.xapi.forward[0].name=charity-lrs", "--lms.xapi.forward[0].endpoint=" + lrs.endpoint(),
				"--lms.xapi.forward[0].key=" + FakeLrs.KEY, "--lms.xapi.forward[0].secret=" + FakeLrs.SECRET,
				"--lms.xapi.forward-batch-size=5", "--lms.xapi.forward-interval=PT0.2S", "--lms.xapi.forward-timeout=PT2S",
				"--lms.xapi.forward-claim-margin=PT1S")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static String statement(UUID id, int n) {
		return "{\"id\":\"" + id + "\",\"actor\":{\"account\":{\"homePage\":\"https://opendoor.example.org\",\"name\":\"" + n
				+ "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
				+ "\"object\":{\"id\":\"https://opendoor.example.org/courses/first-steps/steps/check-" + n + "\"}}";
	}

}
