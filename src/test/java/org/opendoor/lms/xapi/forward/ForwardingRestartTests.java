package org.opendoor.lms.xapi.forward;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.OpenDoorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application stops in the middle of a batch: the LRS has stored it, but the answer arrives after the
 * application has closed, so nothing was marked sent. The next start on the same database sends the batch
 * again and finishes the queue; the LRS holds every statement exactly once.
 */
class ForwardingRestartTests {

	@TempDir
	Path data;

	private ConfigurableApplicationContext start(FakeLrs lrs) {
		return new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
			.run("--server.port=0", "--lms.demo.volunteers=false",
					"--spring.datasource.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath(),
					"--logging.level.root=WARN", "--lms.xapi.forward[0].name=charity-lrs",
					"--lms.xapi.forward[0].endpoint=" + lrs.endpoint(), "--lms.xapi.forward[0].key=" + FakeLrs.KEY,
					"--lms.xapi.forward[0].secret=" + FakeLrs.SECRET, "--lms.xapi.forward[0].version=2.0.0",
					"--lms.xapi.forward-batch-size=10", "--lms.xapi.forward-interval=PT1H",
					"--lms.xapi.forward-timeout=PT5S");
	}

	@Test
	void aBatchStoredJustBeforeTheAppStoppedIsHeldOnceAfterTheRestart() throws Exception {
		try (FakeLrs lrs = new FakeLrs()) {
			CountDownLatch stored = new CountDownLatch(1);
			CountDownLatch answer = new CountDownLatch(1);
			lrs.storeThenWaitNext(stored, answer);
			List<UUID> ids = new ArrayList<>();
			AtomicReference<Throwable> senderFailure = new AtomicReference<>();
			Thread sender;
			try (ConfigurableApplicationContext first = start(lrs)) {
				Outbox outbox = first.getBean(Outbox.class);
				JsonMapper json = first.getBean(JsonMapper.class);
				TransactionTemplate transactions = first.getBean(TransactionTemplate.class);
				for (int i = 0; i < 25; i++) {
					UUID id = UUID.randomUUID();
					String body = TestStatements.answered(json, id, i);
					transactions.executeWithoutResult(s -> outbox.enqueue(id, body));
					ids.add(id);
				}
				Forwarder forwarder = first.getBean(Forwarder.class);
				sender = new Thread(() -> {
					try {
						forwarder.forwardDue(Instant.now());
					}
					catch (Throwable ex) {
						senderFailure.set(ex);
					}
				});
				sender.start();
				assertThat(stored.await(30, TimeUnit.SECONDS)).as("the LRS stored the first batch").isTrue();
			}
			answer.countDown();
			sender.join(30_000);
			assertThat(senderFailure.get()).as("the stopped application could not record the LRS's answer").isNotNull();
			assertThat(lrs.stored().keySet()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 10));
			assertThat(lrs.lastVersionHeader()).isEqualTo("2.0.0");

			try (ConfigurableApplicationContext second = start(lrs)) {
				JdbcClient jdbc = second.getBean(JdbcClient.class);
				Forwarder forwarder = second.getBean(Forwarder.class);
				assertThat(count(jdbc, "QUEUED")).as("nothing was marked sent before the stop").isEqualTo(25);

				assertThat(forwarder.forwardDue(Instant.now())).as("while the stopped sender's claim lasts, only the rest goes")
					.isEqualTo(new Forwarder.Run(15, 0, 0));
				assertThat(count(jdbc, "QUEUED")).isEqualTo(10);
				assertThat(forwarder.forwardDue(Instant.now().plus(Duration.ofHours(1))))
					.as("after the claim lapses the stored batch is sent again and counts as stored")
					.isEqualTo(new Forwarder.Run(10, 0, 0));

				Map<UUID, byte[]> held = lrs.stored();
				assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(ids);
				for (UUID id : ids) {
					String body = jdbc.sql("select body from xapi_outbox where statement_id = ? and status = 'SENT'")
						.param(id)
						.query(String.class)
						.single();
					assertThat(held.get(id)).as("byte-identical: " + id).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
				}
				ids.subList(0, 10).forEach(id -> assertThat(lrs.timesReceived(id)).isGreaterThan(1));
				ids.subList(10, 25).forEach(id -> assertThat(lrs.timesReceived(id)).isEqualTo(1));
			}
		}
	}

	private static int count(JdbcClient jdbc, String status) {
		return jdbc.sql("select count(*) from xapi_outbox where status = ?").param(status).query(Integer.class).single();
	}

}
