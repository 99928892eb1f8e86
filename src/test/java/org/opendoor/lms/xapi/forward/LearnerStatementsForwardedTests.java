package org.opendoor.lms.xapi.forward;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a learner takes a course, the engine records it in the built-in LRS, and every one of
 * those statements reaches the charity's own LRS exactly once, byte for byte, even though that LRS
 * failed the first attempt.
 */
@SpringBootTest(properties = { "lms.xapi.forward-interval=PT1H", "lms.xapi.forward-timeout=PT2S" })
@ActiveProfiles({ "demo", "test" })
class LearnerStatementsForwardedTests {

	static final FakeLrs LRS = new FakeLrs();

	@DynamicPropertySource
	static void destination(DynamicPropertyRegistry registry) {
		ForwardingContractTests.forwardTo(LRS, registry);
	}

	@AfterAll
	static void stop() {
		LRS.close();
	}

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Forwarder forwarder;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aLearnersWholeCourseReachesTheExternalLrsExactlyOnceAndUnaltered() {
		Account learner = Learners.register(accounts, "Forwarded", Nation.ENGLAND, "en");
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Map<UUID, String> inBuiltIn = new java.util.HashMap<>();
		jdbc.sql("select id, body from xapi_statement where body like ?")
			.param("%" + learner.learnerRef() + "%")
			.query((rs, n) -> inBuiltIn.put(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		assertThat(inBuiltIn).hasSizeGreaterThan(10);

		LRS.failNext(1, 503);
		Instant now = Instant.now();
		for (int i = 0; i < 20; i++) {
			now = now.plusSeconds(700);
			forwarder.forwardDue(now);
		}
		Map<UUID, byte[]> received = LRS.stored();
		for (Map.Entry<UUID, String> e : inBuiltIn.entrySet()) {
			assertThat(received).containsKey(e.getKey());
			assertThat(new String(received.get(e.getKey()), StandardCharsets.UTF_8)).isEqualTo(e.getValue());
			assertThat(LRS.timesReceived(e.getKey())).isGreaterThanOrEqualTo(1);
		}
		List<String> pending = jdbc.sql("select status from xapi_outbox where status <> 'SENT'").query(String.class).list();
		assertThat(pending).isEmpty();
	}

}
