package org.opendoor.lms.xapi.forward;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Statements queued in the outbox reach a charity's own LRS (a fake one on loopback) exactly once and
 * byte for byte, whatever the LRS does on the way: errors before or after storing, time-outs, going
 * away and coming back, refusing one statement. After every scenario the queue is drained and the LRS
 * is compared with the outbox.
 */
@SpringBootTest(properties = { "lms.xapi.forward-batch-size=10", "lms.xapi.forward-timeout=PT0.5S",
		"lms.xapi.forward-interval=PT1H" })
@AutoConfigureMockMvc
abstract class ForwardingContractTests {

	static final String DESTINATION = "charity-lrs";

	/** The forwarder's idea of now: moves ahead of real time so backoff waits pass without sleeping. */
	private static Instant now = Instant.now();

	/** Points the application's one forwarding destination at a fake lrs(). */
	static void forwardTo(FakeLrs lrs, DynamicPropertyRegistry registry) {
		registry.add("lms.xapi.forward[0].name", () -> DESTINATION);
		registry.add("lms.xapi.forward[0].endpoint", lrs::endpoint);
		registry.add("lms.xapi.forward[0].key", () -> FakeLrs.KEY);
		registry.add("lms.xapi.forward[0].secret", () -> FakeLrs.SECRET);
		registry.add("lms.xapi.forward[0].version", () -> "1.0.3");
	}

	/** This database's own fake LRS (each test class has one, as each has its own database). */
	abstract FakeLrs lrs();

	@Autowired
	Outbox outbox;

	@Autowired
	Forwarder forwarder;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@BeforeEach
	void resetLrs() {
		lrs().resetScript();
		drain();
	}

	// ---- the scenarios ----

	@Test
	void deliversEveryStatementOnceInBatchesWithTheRightHeaders() {
		List<UUID> ids = enqueue(25);
		int requestsBefore = lrs().batchSizes().size();
		Forwarder.Run run = forwarder.forwardDue(tick());
		assertThat(run).isEqualTo(new Forwarder.Run(25, 0, 0));
		assertThat(lrs().batchSizes().subList(requestsBefore, lrs().batchSizes().size())).containsExactly(10, 10, 5);
		assertThat(lrs().lastVersionHeader()).isEqualTo("1.0.3");
		assertThat(lrs().lastContentType()).isEqualTo("application/json");
		ids.forEach(id -> assertThat(lrs().timesReceived(id)).as("sent once, no needless resend").isEqualTo(1));
		assertLrsMatchesOutbox(ids);
		assertThat(forwarder.forwardDue(tick())).as("nothing left to send").isEqualTo(new Forwarder.Run(0, 0, 0));
	}

	@Test
	void aRolledBackTransactionQueuesNothing() {
		UUID rolledBack = UUID.randomUUID();
		transactions.executeWithoutResult(status -> {
			outbox.enqueue(rolledBack, TestStatements.answered(json, rolledBack, 1));
			status.setRollbackOnly();
		});
		UUID failed = UUID.randomUUID();
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			outbox.enqueue(failed, TestStatements.answered(json, failed, 2));
			throw new IllegalStateException("the learning change failed");
		})).hasMessage("the learning change failed");
		UUID outside = UUID.randomUUID();
		assertThatThrownBy(() -> outbox.enqueue(outside, TestStatements.answered(json, outside, 3)))
			.as("only inside the caller's transaction")
			.isInstanceOf(IllegalTransactionStateException.class);
		for (UUID id : List.of(rolledBack, failed, outside)) {
			assertThat(rowStatus(id)).as("nothing queued for " + id).isNull();
		}
		drain();
		assertThat(lrs().stored()).doesNotContainKeys(rolledBack, failed, outside);
	}

	@Test
	void aStatementIsQueuedOnceAndItsBodyNeverChanges() {
		UUID id = UUID.randomUUID();
		String body = TestStatements.answered(json, id, 4);
		transactions.executeWithoutResult(s -> outbox.enqueue(id, body));
		transactions.executeWithoutResult(s -> outbox.enqueue(id, body));
		assertThat(jdbc.sql("select count(*) from xapi_outbox where statement_id = ?").param(id).query(Integer.class).single())
			.isEqualTo(1);
		assertThatThrownBy(() -> transactions
			.executeWithoutResult(s -> outbox.enqueue(id, body.replace("\"response\":\"a\"", "\"response\":\"b\""))))
			.isInstanceOf(IllegalStateException.class);
		drain();
		assertLrsMatchesOutbox(List.of(id));
	}

	@Test
	void serverErrorsAreRetriedWithExponentialBackoff() {
		List<UUID> ids = enqueue(10);
		lrs().failNext(2, 503);
		Instant first = tick();
		assertThat(forwarder.forwardDue(first)).isEqualTo(new Forwarder.Run(0, 0, 10));
		assertThat(attempts(ids.get(0))).isEqualTo(1);
		assertThat(nextAttempt(ids.get(0))).isEqualTo(first.plusSeconds(2));
		assertThat(lastError(ids.get(0))).isEqualTo("HTTP 503: Service unavailable, try later");
		int requests = lrs().batchSizes().size();
		assertThat(forwarder.forwardDue(first.plusSeconds(1))).as("still waiting").isEqualTo(new Forwarder.Run(0, 0, 0));
		assertThat(lrs().batchSizes()).as("no request while waiting").hasSize(requests);

		assertThat(forwarder.forwardDue(first.plusSeconds(2))).isEqualTo(new Forwarder.Run(0, 0, 10));
		assertThat(attempts(ids.get(0))).isEqualTo(2);
		assertThat(nextAttempt(ids.get(0))).as("twice as long").isEqualTo(first.plusSeconds(2 + 4));
		assertThat(forwarder.forwardDue(first.plusSeconds(6))).isEqualTo(new Forwarder.Run(10, 0, 0));
		assertLrsMatchesOutbox(ids);
		assertThat(Forwarder.backoff(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(Forwarder.backoff(9)).isEqualTo(Duration.ofSeconds(512));
		assertThat(Forwarder.backoff(10)).isEqualTo(Duration.ofMinutes(10));
		assertThat(Forwarder.backoff(60)).isEqualTo(Duration.ofMinutes(10));
	}

	@ParameterizedTest
	@EnumSource(FakeLrs.Duplicate.class)
	void anLrsThatStoresThenFailsGetsEachStatementOnce(FakeLrs.Duplicate duplicateAnswer) {
		lrs().duplicates(duplicateAnswer);
		List<UUID> ids = enqueue(25);
		lrs().storeThenFailNext(500).failNext(1, 502).storeThenFailNext(503);
		drain();
		assertLrsMatchesOutbox(ids);
		assertThat(ids.stream().filter(id -> lrs().timesReceived(id) > 1))
			.as("the batches stored before an error were sent again").isNotEmpty();
	}

	@Test
	void anLrsThatStoresThenTimesOutGetsEachStatementOnce() {
		List<UUID> ids = enqueue(12);
		lrs().storeThenHangNext(Duration.ofMillis(1500)).hangNext(Duration.ofMillis(1500));
		Forwarder.Run first = forwarder.forwardDue(tick());
		assertThat(first).isEqualTo(new Forwarder.Run(0, 0, 10));
		assertThat(lastError(ids.get(0))).isEqualTo("no answer within 500 ms");
		assertThat(lrs().stored()).as("the LRS stored the first batch although we saw no answer").containsKey(ids.get(0));
		drain();
		assertLrsMatchesOutbox(ids);
		assertThat(lrs().timesReceived(ids.get(0))).isGreaterThan(1);
	}

	@Test
	void anLrsThatGoesAwayAndComesBackGetsEverything() {
		List<UUID> ids = enqueue(15);
		lrs().stop();
		try {
			assertThat(forwarder.forwardDue(tick()).deferred()).isEqualTo(10);
			assertThat(lastError(ids.get(0))).isEqualTo("could not connect");
			assertThat(forwarder.forwardDue(tick()).deferred()).as("the oldest batch again, not the rest").isEqualTo(10);
			assertThat(attempts(ids.get(14))).isZero();
		}
		finally {
			lrs().start();
		}
		drain();
		assertLrsMatchesOutbox(ids);
		assertThat(attempts(ids.get(0))).as("attempts are kept for the record").isEqualTo(2);
	}

	@Test
	void wrongCredentialsAreRetriedNotDeadLettered() throws Exception {
		List<UUID> ids = enqueue(3);
		lrs().expectSecret("rotated");
		assertThat(forwarder.forwardDue(tick())).isEqualTo(new Forwarder.Run(0, 0, 3));
		assertThat(rowStatus(ids.get(0))).isEqualTo("QUEUED");
		assertThat(lastError(ids.get(0))).startsWith("HTTP 401").doesNotContain(FakeLrs.SECRET);
		String page = mvc.perform(get("/admin/xapi/outbox").with(user(admin()))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).as("the admin sees why statements wait").containsPattern("<td[^>]*>HTTP 401: Unauthorized: bad key or secret</td>")
			.containsPattern("<td[^>]*>Less than a minute</td>")
			.doesNotContain(FakeLrs.SECRET);
		lrs().expectSecret(FakeLrs.SECRET);
		drain();
		assertLrsMatchesOutbox(ids);
	}

	@Test
	void aStatementTheLrsRefusesIsDeadLetteredAndCanBeRetriedByAnAdmin() throws Exception {
		List<UUID> ids = enqueue(10);
		UUID bad = ids.get(6);
		lrs().reject(bad);
		drain();
		assertThat(rowStatus(bad)).isEqualTo("DEAD");
		assertThat(lrs().stored()).doesNotContainKey(bad);
		assertThat(lastError(bad)).startsWith("HTTP 400: Statement " + bad + " is invalid: result.score.scaled must be")
			.as("no statement body, no control characters in the error").doesNotContain("\"actor\"").doesNotContain("\t");
		List<UUID> good = new ArrayList<>(ids);
		good.remove(bad);
		assertLrsMatchesOutbox(good);
		assertThat(lrs().batchSizes()).as("the batch was split around the bad statement").contains(5, 2, 1);

		SignedInUser admin = admin();
		String page = mvc.perform(get("/admin/xapi/outbox").with(user(admin))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<caption>Records an LRS refused, newest first.")
			.contains("<caption>Learning records for each LRS</caption>")
			.contains(bad.toString())
			.contains("result.score.scaled must be between -1 and 1")
			.contains(lrs().endpoint())
			.doesNotContain(FakeLrs.SECRET);
		long row = jdbc.sql("select id from xapi_outbox where statement_id = ?").param(bad).query(Long.class).single();

		forwarder.forwardDue(tick());
		assertThat(rowStatus(bad)).as("a dead letter is not retried by itself").isEqualTo("DEAD");
		lrs().accept(bad);
		mvc.perform(post("/admin/xapi/outbox/" + row + "/retry").with(user(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/xapi/outbox?retried"));
		assertThat(rowStatus(bad)).isEqualTo("QUEUED");
		assertThat(attempts(bad)).isZero();
		mvc.perform(post("/admin/xapi/outbox/" + row + "/retry").with(user(admin)).with(csrf()))
			.andExpect(status().isNotFound());
		drain();
		assertLrsMatchesOutbox(ids);
		String after = mvc.perform(get("/admin/xapi/outbox").with(user(admin))).andReturn().getResponse().getContentAsString();
		assertThat(after).doesNotContain(bad.toString()).contains("No LRS has refused a record.");
	}

	@Test
	void retryAllQueuesEveryRefusedStatementAgain() throws Exception {
		List<UUID> ids = enqueue(4);
		ids.forEach(lrs()::reject);
		drain();
		ids.forEach(id -> assertThat(rowStatus(id)).isEqualTo("DEAD"));
		ids.forEach(lrs()::accept);
		SignedInUser admin = admin();
		mvc.perform(post("/admin/xapi/outbox/retry-all").with(user(admin)).with(csrf()))
			.andExpect(redirectedUrl("/admin/xapi/outbox?retriedAll=4"));
		drain();
		assertLrsMatchesOutbox(ids);
	}

	@Test
	void onlyAdminsSeeOrRetryTheOutbox() throws Exception {
		SignedInUser learner = Learners.as(Learners.register(accounts, "Rhys", Nation.WALES, "cy"));
		SignedInUser orgAdmin = Learners.as(accounts.create(new Registration("Hub Lead", UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.ENGLAND, "en"), EnumSet.of(Role.LEARNER, Role.ORG_ADMIN)));
		for (SignedInUser notAdmin : List.of(learner, orgAdmin)) {
			mvc.perform(get("/admin/xapi/outbox").with(user(notAdmin))).andExpect(status().isForbidden());
			mvc.perform(post("/admin/xapi/outbox/retry-all").with(user(notAdmin)).with(csrf())).andExpect(status().isForbidden());
			mvc.perform(post("/admin/xapi/outbox/1/retry").with(user(notAdmin)).with(csrf())).andExpect(status().isForbidden());
		}
		mvc.perform(get("/admin/xapi/outbox")).andExpect(status().is3xxRedirection());
		SignedInUser admin = admin();
		mvc.perform(post("/admin/xapi/outbox/retry-all").with(user(admin))).andExpect(status().isForbidden());
	}

	@Test
	void theAdminPageIsInWelshForAWelshAdmin() throws Exception {
		SignedInUser welshAdmin = Learners.as(accounts.create(new Registration("Elin", UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.WALES, "cy"), EnumSet.of(Role.LEARNER, Role.ADMIN)));
		String page = mvc.perform(get("/admin/xapi/outbox").with(user(welshAdmin))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Anfon at LRSs eraill").contains("Cofnodion dysgu ar gyfer pob LRS");
	}

	@Test
	void severalForwardersAtOnceNeverSendTheSameStatementTwice() throws Exception {
		List<UUID> ids = enqueue(120);
		lrs().slowDown(Duration.ofMillis(150));
		Instant at = tick();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Forwarder.Run>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(() -> forwarder.forwardDue(at));
			}
			int sent = 0;
			for (Future<Forwarder.Run> f : pool.invokeAll(runs)) {
				sent += f.get().sent();
			}
			assertThat(sent).isEqualTo(120);
		}
		finally {
			pool.shutdown();
		}
		ids.forEach(id -> assertThat(lrs().timesReceived(id)).as("claimed by one forwarder only").isEqualTo(1));
		assertLrsMatchesOutbox(ids);
	}

	// ---- helpers ----

	private SignedInUser admin() {
		return Learners.as(accounts.create(new Registration("Site Admin", UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.ENGLAND, "en"), EnumSet.of(Role.LEARNER, Role.ADMIN)));
	}

	/** Queues statements, each in its own transaction as the built-in LRS would. */
	private List<UUID> enqueue(int n) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			UUID id = UUID.randomUUID();
			String body = TestStatements.answered(json, id, i);
			transactions.executeWithoutResult(s -> outbox.enqueue(id, body));
			ids.add(id);
		}
		return ids;
	}

	private static synchronized Instant tick() {
		now = now.plus(Forwarder.MAX_BACKOFF).plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		return now;
	}

	/** Runs the forwarder until nothing is queued for the fake lrs(). */
	private void drain() {
		for (int i = 0; i < 100 && queued() > 0; i++) {
			forwarder.forwardDue(tick());
		}
		assertThat(queued()).as("the queue drained").isZero();
	}

	private int queued() {
		return jdbc.sql("select count(*) from xapi_outbox where destination = ? and status = 'QUEUED'")
			.param(DESTINATION)
			.query(Integer.class)
			.single();
	}

	/**
	 * The LRS holds exactly the statements the outbox marked SENT, each byte-identical to the outbox body,
	 * and these statements are among them.
	 */
	private void assertLrsMatchesOutbox(List<UUID> expected) {
		Map<UUID, byte[]> held = lrs().stored();
		List<Map<String, Object>> rows = jdbc
			.sql("select statement_id, body, status from xapi_outbox where destination = ?")
			.param(DESTINATION)
			.query()
			.listOfRows();
		List<UUID> sent = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			UUID id = (UUID) row.get("statement_id");
			String body = String.valueOf(row.get("body"));
			if ("SENT".equals(row.get("status"))) {
				sent.add(id);
				assertThat(held).as("the LRS holds " + id).containsKey(id);
				assertThat(held.get(id)).as("byte-identical: " + id).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
			}
			else {
				assertThat(held).as("the LRS does not hold unsent " + id).doesNotContainKey(id);
			}
		}
		assertThat(held.keySet()).as("nothing in the LRS that the outbox did not send").containsExactlyInAnyOrderElementsOf(sent);
		assertThat(sent).containsAll(expected);
	}

	private String rowStatus(UUID id) {
		return jdbc.sql("select status from xapi_outbox where statement_id = ?").param(id).query(String.class).optional().orElse(null);
	}

	private int attempts(UUID id) {
		return jdbc.sql("select attempts from xapi_outbox where statement_id = ?").param(id).query(Integer.class).single();
	}

	private String lastError(UUID id) {
		return jdbc.sql("select last_error from xapi_outbox where statement_id = ?").param(id).query(String.class).single();
	}

	private Instant nextAttempt(UUID id) {
		return jdbc.sql("select next_attempt_at from xapi_outbox where statement_id = ?")
			.param(id)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
	}

}
