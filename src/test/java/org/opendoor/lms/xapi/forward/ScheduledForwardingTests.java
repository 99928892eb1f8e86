package org.opendoor.lms.xapi.forward;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Without anyone calling it, the forwarder runs on its schedule and delivers what was queued. */
@SpringBootTest(properties = "lms.xapi.forward-interval=1s")
@ActiveProfiles({ "demo", "test" })
class ScheduledForwardingTests {

	static final FakeLrs LRS = new FakeLrs();

	@DynamicPropertySource
	static void lrs(DynamicPropertyRegistry registry) {
		ForwardingContractTests.forwardTo(LRS, registry);
	}

	@AfterAll
	static void stopLrs() {
		LRS.close();
	}

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void queuedStatementsReachTheLrsOnTheirOwn() throws InterruptedException {
		List<UUID> ids = new ArrayList<>();
		List<String> bodies = new ArrayList<>();
		transactions.executeWithoutResult(s -> {
			for (int i = 0; i < 3; i++) {
				UUID id = UUID.randomUUID();
				String body = TestStatements.answered(json, id, i);
				outbox.enqueue(id, body);
				ids.add(id);
				bodies.add(body);
			}
		});
		for (int i = 0; i < 600 && queued() > 0; i++) {
			Thread.sleep(100);
		}
		assertThat(queued()).as("delivered by the scheduled forwarder").isZero();
		for (int i = 0; i < ids.size(); i++) {
			assertThat(LRS.stored().get(ids.get(i))).isEqualTo(bodies.get(i).getBytes(StandardCharsets.UTF_8));
		}
	}

	private int queued() {
		return jdbc.sql("select count(*) from xapi_outbox where status = 'QUEUED'").query(Integer.class).single();
	}

}
