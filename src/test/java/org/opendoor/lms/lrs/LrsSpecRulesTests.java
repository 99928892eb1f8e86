package org.opendoor.lms.lrs;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.lrs.internal.Attachments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More of the xAPI requirements the ADL conformance suite checks, kept as the project's own tests because
 * CI cannot download the suite: signed statements, since/until, related agents, version differences,
 * unknown parameters, 2.0 state concurrency, paging that never shows later statements.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class LrsSpecRulesTests {

	@LocalServerPort
	int port;

	LrsClient lrs;

	String activity;

	@BeforeEach
	void client() {
		lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		activity = "http://example.org/activities/" + UUID.randomUUID();
	}

	private String statement(String extra) {
		return "{\"actor\":{\"mbox\":\"mailto:signer@example.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
				+ "\"object\":{\"id\":\"" + activity + "\"}" + extra + "}";
	}

	@Test
	void signedStatementsMustCarryAJwsWhosePayloadIsTheStatement() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
		String id = UUID.randomUUID().toString();
		String unsigned = statement(",\"id\":\"" + id + "\"");
		assertThat(send(unsigned, sign(unsigned, key), id).status()).isEqualTo(204);
		String otherId = UUID.randomUUID().toString();
		String tampered = statement(",\"id\":\"" + otherId + "\"");
		String signedSomethingElse = sign(tampered.replace("completed", "passed"), key);
		LrsClient.Reply refused = send(tampered, signedSomethingElse, otherId);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("does not match");
	}

	private static String sign(String statement, RSAPrivateKey key) throws Exception {
		JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(statement));
		jws.sign(new RSASSASigner(key));
		return jws.serialize();
	}

	private LrsClient.Reply send(String statement, String jws, String id) {
		byte[] signature = jws.getBytes(StandardCharsets.UTF_8);
		String sha2 = Attachments.sha(signature, 64);
		String withAttachment = statement.substring(0, statement.length() - 1)
				+ ",\"attachments\":[{\"usageType\":\"http://adlnet.gov/expapi/attachments/signature\","
				+ "\"display\":{\"en-US\":\"Signature\"},\"contentType\":\"application/octet-stream\",\"length\":"
				+ signature.length + ",\"sha2\":\"" + sha2 + "\"}]}";
		String body = "--b\r\nContent-Type: application/json\r\n\r\n" + withAttachment
				+ "\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
				+ "X-Experience-API-Hash: " + sha2 + "\r\n\r\n" + jws + "\r\n--b--\r\n";
		return lrs.send("PUT", "/xapi/statements?statementId=" + id, "multipart/mixed; boundary=b",
				body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void sinceAndUntilSelectByStoredTime() throws Exception {
		lrs.postJson("/xapi/statements", statement(""));
		Thread.sleep(20);
		Instant between = Instant.now();
		Thread.sleep(20);
		lrs.postJson("/xapi/statements", statement(""));
		String filter = "/xapi/statements?activity=" + LrsClient.enc(activity);
		assertThat(lrs.get(filter + "&since=" + LrsClient.enc(between.toString())).json().get("statements").size())
			.isEqualTo(1);
		assertThat(lrs.get(filter + "&until=" + LrsClient.enc(between.toString())).json().get("statements").size())
			.isEqualTo(1);
		assertThat(lrs.get(filter + "&since=yesterday").status()).isEqualTo(400);
	}

	@Test
	void relatedAgentsFindInstructorsAndTeams() {
		String instructor = "mailto:facilitator-" + UUID.randomUUID() + "@example.org";
		lrs.postJson("/xapi/statements", statement(",\"context\":{\"instructor\":{\"mbox\":\"" + instructor + "\"}}"));
		String agent = LrsClient.enc("{\"mbox\":\"" + instructor + "\"}");
		assertThat(lrs.get("/xapi/statements?agent=" + agent).json().get("statements").size()).isZero();
		assertThat(lrs.get("/xapi/statements?related_agents=true&agent=" + agent).json().get("statements").size())
			.isEqualTo(1);
	}

	@Test
	void version2IsStricterAboutTimestampsAndProfileDocuments() {
		LrsClient v2 = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "2.0.0");
		String noZone = statement(",\"timestamp\":\"2026-11-23T10:00:00\"");
		assertThat(lrs.postJson("/xapi/statements", noZone).status()).isEqualTo(200);
		assertThat(v2.postJson("/xapi/statements", noZone).status()).isEqualTo(400);
		String id = v2.postJson("/xapi/statements", statement("")).json().get(0).asString();
		assertThat(v2.get("/xapi/statements?statementId=" + id).json().get("version").asString()).isEqualTo("2.0.0");
		String state = "/xapi/activities/state?activityId=" + LrsClient.enc(activity) + "&agent="
				+ LrsClient.enc("{\"mbox\":\"mailto:signer@example.org\"}") + "&stateId=s";
		assertThat(v2.putJson(state, "{\"a\":1}").status()).isEqualTo(204);
		assertThat(v2.putJson(state, "{\"a\":2}").status()).as("2.0: an existing state needs a precondition")
			.isEqualTo(409);
		assertThat(lrs.putJson(state, "{\"a\":2}").status()).as("1.0.3: state has no concurrency rule").isEqualTo(204);
	}

	@Test
	void unknownParametersAndMixedIdParametersAreRefused() {
		assertThat(lrs.get("/xapi/statements?colour=blue").status()).isEqualTo(400);
		LrsClient.Reply mixed = lrs.get("/xapi/statements?statementId=" + UUID.randomUUID() + "&verb=" + LrsClient
			.enc("http://adlnet.gov/expapi/verbs/completed"));
		assertThat(mixed.status()).isEqualTo(400);
		assertThat(mixed.header("X-Experience-API-Consistent-Through")).isNotBlank();
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void resultsFollowStoredTimeEvenWhenBatchesCommitOutOfOrder() {
		String first = lrs.postJson("/xapi/statements", statement("")).json().get(0).asString();
		String second = lrs.postJson("/xapi/statements", statement("")).json().get(0).asString();
		// as if the first batch had been stored (timestamped) later but committed earlier
		jdbc.sql("update xapi_statement set stored_at = ? where id = ?")
			.params(java.sql.Timestamp.from(Instant.now().plusSeconds(5)), UUID.fromString(first))
			.update();
		String filter = "/xapi/statements?activity=" + LrsClient.enc(activity);
		var ascending = lrs.get(filter + "&ascending=true").json().get("statements");
		assertThat(ascending.get(0).get("id").asString()).isEqualTo(second);
		assertThat(ascending.get(1).get("id").asString()).isEqualTo(first);
		var paged = lrs.get(filter + "&limit=1");
		assertThat(paged.json().get("statements").get(0).get("id").asString()).isEqualTo(first);
		var next = lrs.get(paged.json().get("more").asString()).json().get("statements");
		assertThat(next.get(0).get("id").asString()).isEqualTo(second);
		assertThat(lrs.get(filter + "&cursor=nonsense").status()).isEqualTo(400);
	}

	@Test
	void laterPagesNeverShowStatementsStoredAfterTheFirst() {
		for (int i = 0; i < 3; i++) {
			lrs.postJson("/xapi/statements", statement(""));
		}
		String filter = "/xapi/statements?limit=2&activity=" + LrsClient.enc(activity);
		String more = lrs.get(filter).json().get("more").asString();
		lrs.postJson("/xapi/statements", statement(""));
		assertThat(lrs.get(more).json().get("statements").size()).isEqualTo(1);
	}

}
