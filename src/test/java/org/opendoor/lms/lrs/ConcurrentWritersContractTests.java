package org.opendoor.lms.lrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.LrsClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight clients store the same statement ids at the same moment, over HTTP, as a busy LRS sees them
 * (several LMSs retrying, a package that sends twice): each id is stored once, identical statements are
 * all accepted (204 for PUT, 200 for POST), and of different statements one is accepted and the others
 * are answered 409. Never a 500, never the database's own words. Run on each database the app supports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConcurrentWritersContractTests {

	private static final int CLIENTS = 8;

	private static final int IDS = 20;

	private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);

	@LocalServerPort
	int port;

	@Autowired
	XapiClients clients;

	@Autowired
	JdbcClient jdbc;

	final List<LrsClient> lrs = new ArrayList<>();

	String activity;

	@BeforeEach
	void eightClients() {
		activity = "http://example.org/activities/" + UUID.randomUUID();
		lrs.clear();
		for (int i = 0; i < CLIENTS; i++) {
			XapiClients.Created client = clients.create("racer " + i, XapiClients.Scope.WRITE);
			lrs.add(new LrsClient(port, client.client().key(), client.secret(), "1.0.3"));
		}
	}

	@AfterEach
	void stopPool() {
		pool.shutdownNow();
	}

	private String statement(UUID id, String response) {
		return "{\"id\":\"" + id + "\",\"actor\":{\"mbox\":\"mailto:volunteer@example.org\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":\"" + activity
				+ "\"},\"result\":{\"response\":\"" + response + "\"}}";
	}

	@Test
	void identicalStatementsRacingOnOneIdAreAllAcceptedAndStoredOnce() throws Exception {
		for (int n = 0; n < IDS; n++) {
			UUID id = UUID.randomUUID();
			String same = statement(id, "the same");
			List<LrsClient.Reply> replies = race(i -> i % 2 == 0
					? lrs.get(i).putJson("/xapi/statements?statementId=" + id, same)
					: lrs.get(i).postJson("/xapi/statements", "[" + same + "]"));
			for (int i = 0; i < CLIENTS; i++) {
				assertThat(replies.get(i).status()).as(replies.get(i).text()).isEqualTo(i % 2 == 0 ? 204 : 200);
			}
			assertStoredOnce(id);
		}
	}

	@Test
	void differentStatementsRacingOnOneIdGetOneAcceptedAndTheRestConflict() throws Exception {
		for (int n = 0; n < IDS; n++) {
			UUID id = UUID.randomUUID();
			List<LrsClient.Reply> replies = race(i -> i % 2 == 0
					? lrs.get(i).putJson("/xapi/statements?statementId=" + id, statement(id, "client " + i))
					: lrs.get(i).postJson("/xapi/statements", "[" + statement(id, "client " + i) + "]"));
			Map<Integer, Integer> statuses = new TreeMap<>();
			int winner = -1;
			for (int i = 0; i < CLIENTS; i++) {
				LrsClient.Reply reply = replies.get(i);
				statuses.merge(reply.status(), 1, Integer::sum);
				assertThat(reply.status()).as(reply.text()).isIn(200, 204, 409);
				assertThat(reply.text()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("sql");
				if (reply.status() != 409) {
					winner = i;
				}
			}
			assertThat(statuses.getOrDefault(409, 0)).as("statuses %s", statuses).isEqualTo(CLIENTS - 1);
			assertStoredOnce(id);
			String stored = lrs.get(0).get("/xapi/statements?statementId=" + id).json().get("result").get("response")
				.asString();
			assertThat(stored).as("the accepted statement is the one stored").isEqualTo("client " + winner);
		}
	}

	@Test
	void aDocumentCreatedByEveryClientAtOnceIsStoredOnce() throws Exception {
		String agent = LrsClient.enc("{\"mbox\":\"mailto:volunteer@example.org\"}");
		for (int n = 0; n < IDS; n++) {
			String state = "/xapi/activities/state?activityId=" + LrsClient.enc(activity) + "&agent=" + agent
					+ "&stateId=bookmark-" + n;
			List<LrsClient.Reply> replies = race(i -> i % 2 == 0 ? lrs.get(i).putJson(state, "{\"page\":" + i + "}")
					: lrs.get(i).postJson(state, "{\"client" + i + "\":true}"));
			for (LrsClient.Reply reply : replies) {
				assertThat(reply.status()).as(reply.text()).isEqualTo(204);
			}
			assertThat(jdbc.sql("select count(*) from xapi_document where doc_id = ? and activity_id = ?")
				.params("bookmark-" + n, activity)
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
	}

	/** Sends one request from each client, all released at once; returns the replies in client order. */
	private List<LrsClient.Reply> race(IntFunction<LrsClient.Reply> request) throws Exception {
		CyclicBarrier start = new CyclicBarrier(CLIENTS);
		List<Future<LrsClient.Reply>> sent = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			int client = i;
			sent.add(pool.submit(() -> {
				start.await();
				return request.apply(client);
			}));
		}
		List<LrsClient.Reply> replies = new ArrayList<>();
		for (Future<LrsClient.Reply> f : sent) {
			replies.add(f.get());
		}
		return replies;
	}

	private void assertStoredOnce(UUID id) {
		assertThat(jdbc.sql("select count(*) from xapi_statement where id = ?").param(id).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from xapi_outbox where statement_id = ?").param(id).query(Integer.class)
			.single()).as("queued for forwarding at most once per destination").isLessThanOrEqualTo(1);
	}

}
