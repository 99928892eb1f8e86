package org.opendoor.lms.lrs;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.lrs.internal.Attachments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements resource of the built-in LRS as an xAPI client sees it: storing, reading, conflicts,
 * voiding, paging, formats, attachments, validation errors, versions and credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class LrsStatementsTests {

	@LocalServerPort
	int port;

	@Autowired
	XapiClients clients;

	LrsClient lrs;

	String activity;

	@BeforeEach
	void client() {
		lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		activity = "http://example.org/activities/" + UUID.randomUUID();
	}

	private String statement(String id, String verb) {
		return "{" + (id == null ? "" : "\"id\":\"" + id + "\",")
				+ "\"actor\":{\"mbox\":\"mailto:volunteer@example.org\",\"name\":\"Vol\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/" + verb + "\",\"display\":{\"en-GB\":\"" + verb + "\"}},"
				+ "\"object\":{\"id\":\"" + activity + "\",\"definition\":{\"name\":{\"en-GB\":\"Lesson\",\"cy-GB\":\"Gwers\"}}}}";
	}

	@Test
	void putThenGetReturnsTheStatementWithWhatTheLrsAdds() {
		String id = UUID.randomUUID().toString();
		assertThat(lrs.putJson("/xapi/statements?statementId=" + id, statement(null, "experienced")).status()).isEqualTo(204);
		LrsClient.Reply reply = lrs.get("/xapi/statements?statementId=" + id);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("X-Experience-API-Version")).isEqualTo("1.0.3");
		assertThat(reply.header("X-Experience-API-Consistent-Through")).isNotBlank();
		assertThat(reply.header("Last-Modified")).isNotBlank();
		JsonNode s = reply.json();
		assertThat(s.get("id").asString()).isEqualTo(id);
		assertThat(s.get("stored").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(s.get("timestamp").asString()).isEqualTo(s.get("stored").asString());
		assertThat(s.get("version").asString()).isEqualTo("1.0.0");
		assertThat(s.get("authority").get("account").get("name").asString()).isEqualTo("demo-lrs-key");
		assertThat(lrs.send("HEAD", "/xapi/statements?statementId=" + id, null, null).status()).isEqualTo(200);
	}

	@Test
	void theSameIdWithTheSameStatementIsAcceptedAndWithAnotherIsAConflict() {
		String id = UUID.randomUUID().toString();
		assertThat(lrs.putJson("/xapi/statements?statementId=" + id, statement(id, "experienced")).status()).isEqualTo(204);
		assertThat(lrs.putJson("/xapi/statements?statementId=" + id, statement(id, "experienced")).status()).isEqualTo(204);
		assertThat(lrs.postJson("/xapi/statements", "[" + statement(id, "experienced") + "]").status()).isEqualTo(200);
		LrsClient.Reply conflict = lrs.putJson("/xapi/statements?statementId=" + id, statement(id, "completed"));
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(lrs.get("/xapi/statements?statementId=" + id).json().get("verb").get("id").asString())
			.endsWith("/experienced");
	}

	@Test
	void aBatchIsStoredWholeOrNotAtAll() {
		String good = UUID.randomUUID().toString();
		String bad = statement(UUID.randomUUID().toString(), "experienced").replace("mailto:volunteer@example.org",
				"volunteer@example.org");
		LrsClient.Reply reply = lrs.postJson("/xapi/statements", "[" + statement(good, "experienced") + "," + bad + "]");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.text()).contains("actor.mbox");
		assertThat(lrs.get("/xapi/statements?statementId=" + good).status()).isEqualTo(404);
	}

	@Test
	void postReturnsTheIdsInOrderAndQueriesFilterAndPage() {
		StringBuilder batch = new StringBuilder("[");
		for (int i = 0; i < 5; i++) {
			batch.append(i == 0 ? "" : ",").append(statement(null, i % 2 == 0 ? "experienced" : "answered"));
		}
		LrsClient.Reply posted = lrs.postJson("/xapi/statements", batch.append("]").toString());
		assertThat(posted.status()).isEqualTo(200);
		assertThat(posted.json().size()).isEqualTo(5);
		String filter = "activity=" + LrsClient.enc(activity);
		LrsClient.Reply page1 = lrs.get("/xapi/statements?limit=2&" + filter);
		assertThat(page1.json().get("statements").size()).isEqualTo(2);
		String more = page1.json().get("more").asString();
		assertThat(more).startsWith("/xapi/statements?");
		LrsClient.Reply page2 = lrs.get(more);
		LrsClient.Reply page3 = lrs.get(page2.json().get("more").asString());
		assertThat(page3.json().get("statements").size()).isEqualTo(1);
		assertThat(page3.json().get("more").asString()).isEmpty();
		// newest first by default; the last id posted comes first
		assertThat(page1.json().get("statements").get(0).get("id").asString())
			.isEqualTo(posted.json().get(4).asString());
		LrsClient.Reply answered = lrs
			.get("/xapi/statements?" + filter + "&verb=" + LrsClient.enc("http://adlnet.gov/expapi/verbs/answered"));
		assertThat(answered.json().get("statements").size()).isEqualTo(2);
		LrsClient.Reply ascending = lrs.get("/xapi/statements?ascending=true&" + filter);
		assertThat(ascending.json().get("statements").get(0).get("id").asString())
			.isEqualTo(posted.json().get(0).asString());
		String agent = LrsClient.enc("{\"mbox\":\"mailto:volunteer@example.org\"}");
		assertThat(lrs.get("/xapi/statements?" + filter + "&agent=" + agent).json().get("statements").size()).isEqualTo(5);
		String other = LrsClient.enc("{\"mbox\":\"mailto:someone.else@example.org\"}");
		assertThat(lrs.get("/xapi/statements?" + filter + "&agent=" + other).json().get("statements").size()).isZero();
	}

	@Test
	void relatedActivitiesReachIntoContext() {
		String parent = activity;
		String child = "http://example.org/activities/" + UUID.randomUUID();
		String s = "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
				+ "\"object\":{\"id\":\"" + child + "\"},\"context\":{\"contextActivities\":{\"parent\":{\"id\":\"" + parent
				+ "\"}}}}";
		assertThat(lrs.postJson("/xapi/statements", s).status()).isEqualTo(200);
		assertThat(lrs.get("/xapi/statements?activity=" + LrsClient.enc(parent)).json().get("statements").size()).isZero();
		assertThat(lrs.get("/xapi/statements?related_activities=true&activity=" + LrsClient.enc(parent))
			.json()
			.get("statements")
			.size()).isEqualTo(1);
	}

	@Test
	void voidingHidesAStatementFromQueriesButNotFromVoidedStatementId() {
		String id = UUID.randomUUID().toString();
		lrs.putJson("/xapi/statements?statementId=" + id, statement(null, "experienced"));
		String voiding = "{\"actor\":{\"mbox\":\"mailto:admin@example.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},"
				+ "\"object\":{\"objectType\":\"StatementRef\",\"id\":\"" + id + "\"}}";
		LrsClient.Reply voided = lrs.postJson("/xapi/statements", voiding);
		assertThat(voided.status()).isEqualTo(200);
		String voidingId = voided.json().get(0).asString();
		assertThat(lrs.get("/xapi/statements?statementId=" + id).status()).isEqualTo(404);
		assertThat(lrs.get("/xapi/statements?voidedStatementId=" + id).status()).isEqualTo(200);
		JsonNode listed = lrs.get("/xapi/statements?activity=" + LrsClient.enc(activity)).json().get("statements");
		// the voided statement is gone; the voiding statement refers to it, so it matches the filter
		assertThat(listed.size()).isEqualTo(1);
		assertThat(listed.get(0).get("id").asString()).isEqualTo(voidingId);
		String voidTheVoid = voiding.replace(id, voidingId);
		assertThat(lrs.postJson("/xapi/statements", voidTheVoid).status()).isEqualTo(400);
	}

	@Test
	void idsFormatKeepsOnlyIdentifiersAndCanonicalOneLanguage() {
		String id = UUID.randomUUID().toString();
		lrs.putJson("/xapi/statements?statementId=" + id, statement(null, "experienced"));
		JsonNode ids = lrs.get("/xapi/statements?format=ids&statementId=" + id).json();
		assertThat(ids.get("actor").has("name")).isFalse();
		assertThat(ids.get("verb").has("display")).isFalse();
		assertThat(ids.get("object").has("definition")).isFalse();
		JsonNode canonical = lrs.get("/xapi/statements?format=canonical&statementId=" + id, "Accept-Language", "cy-GB")
			.json();
		assertThat(canonical.get("object").get("definition").get("name").properties()).hasSize(1);
		assertThat(canonical.get("object").get("definition").get("name").get("cy-GB").asString()).isEqualTo("Gwers");
	}

	@Test
	void attachmentsTravelAsMultipartAndMustMatchTheirHash() {
		byte[] content = "A certificate of attendance".getBytes(StandardCharsets.UTF_8);
		String sha2 = Attachments.sha(content, 64);
		String s = statement(null, "completed").replace("}}}}",
				"}}},\"attachments\":[{\"usageType\":\"http://id.tincanapi.com/attachment/certificate-of-completion\","
						+ "\"display\":{\"en-GB\":\"Certificate\"},\"contentType\":\"text/plain\",\"length\":" + content.length
						+ ",\"sha2\":\"" + sha2 + "\"}]}");
		byte[] body = multipart(s, content, sha2);
		LrsClient.Reply stored = lrs.send("POST", "/xapi/statements", "multipart/mixed; boundary=abc", body);
		assertThat(stored.status()).as(stored.text()).isEqualTo(200);
		String id = stored.json().get(0).asString();
		LrsClient.Reply back = lrs.get("/xapi/statements?attachments=true&statementId=" + id);
		assertThat(back.header("Content-Type")).startsWith("multipart/mixed; boundary=");
		assertThat(back.text()).contains("A certificate of attendance").contains("X-Experience-API-Hash: " + sha2);

		byte[] tampered = multipart(s, "Something else".getBytes(StandardCharsets.UTF_8), sha2);
		assertThat(lrs.send("POST", "/xapi/statements", "multipart/mixed; boundary=abc", tampered).status()).isEqualTo(400);
		assertThat(lrs.postJson("/xapi/statements", s).status()).as("attachment missing").isEqualTo(400);
	}

	private static byte[] multipart(String json, byte[] content, String sha2) {
		String head = "--abc\r\nContent-Type: application/json\r\n\r\n" + json + "\r\n--abc\r\nContent-Type: text/plain\r\n"
				+ "Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + sha2 + "\r\n\r\n";
		byte[] tail = "\r\n--abc--\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] h = head.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[h.length + content.length + tail.length];
		System.arraycopy(h, 0, all, 0, h.length);
		System.arraycopy(content, 0, all, h.length, content.length);
		System.arraycopy(tail, 0, all, h.length + content.length, tail.length);
		return all;
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/x\"},\"object\":{\"id\":\"http://e.org/a\"}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"not an iri\"},\"object\":{\"id\":\"http://e.org/a\"}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\",\"openid\":\"http://e.org/me\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"},\"result\":{\"score\":{\"scaled\":1.5}}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"},\"result\":{\"duration\":\"five minutes\"}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"},\"timestamp\":\"2026-13-45T10:00:00Z\"}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\",\"display\":{\"not a tag\":\"x\"}},\"object\":{\"id\":\"http://e.org/a\"}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"},\"extra\":true}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:b@e.org\"},\"context\":{\"platform\":\"x\"}}",
			"{\"actor\":{\"objectType\":\"Group\",\"member\":[{\"objectType\":\"Group\",\"mbox\":\"mailto:g@e.org\"}]},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"}}",
			"{\"actor\":{\"mbox\":\"mailto:a@e.org\"},\"verb\":{\"id\":\"http://e.org/v\"},\"object\":{\"id\":\"http://e.org/a\"},\"result\":{\"success\":null}}",
			"not json" })
	void invalidStatementsAreRefusedWithAMessage(String body) {
		LrsClient.Reply reply = lrs.postJson("/xapi/statements", body);
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.text()).isNotBlank();
	}

	@Test
	void theVersionHeaderAndCredentialsAreRequired() {
		LrsClient noVersion = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", null);
		assertThat(noVersion.get("/xapi/statements").status()).isEqualTo(400);
		assertThat(noVersion.get("/xapi/about").status()).isEqualTo(200);
		LrsClient unsupported = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "0.95");
		assertThat(unsupported.get("/xapi/statements").status()).isEqualTo(400);
		LrsClient v2 = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "2.0.0");
		assertThat(v2.get("/xapi/statements?limit=1").header("X-Experience-API-Version")).isEqualTo("2.0.0");
		assertThat(new LrsClient(port, null, null, "1.0.3").get("/xapi/statements").status()).isEqualTo(401);
		assertThat(new LrsClient(port, "demo-lrs-key", "wrong", "1.0.3").get("/xapi/statements").status()).isEqualTo(401);
	}

	@Test
	void readOnlyClientsCannotWriteAndRevokedClientsCannotDoAnything() {
		XapiClients.Created reader = clients.create("Dashboard", XapiClients.Scope.READ);
		LrsClient read = new LrsClient(port, reader.client().key(), reader.secret(), "1.0.3");
		assertThat(read.get("/xapi/statements?limit=1").status()).isEqualTo(200);
		assertThat(read.postJson("/xapi/statements", statement(null, "experienced")).status()).isEqualTo(403);
		clients.revoke(reader.client().id());
		assertThat(read.get("/xapi/statements?limit=1").status()).isEqualTo(401);
	}

	@Test
	void theAlternateRequestSyntaxCarriesMethodHeadersAndContent() {
		String id = UUID.randomUUID().toString();
		String form = "statementId=" + id + "&content=" + LrsClient.enc(statement(null, "experienced"))
				+ "&X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson&Authorization="
				+ LrsClient.enc("Basic " + java.util.Base64.getEncoder().encodeToString("demo-lrs-key:demo-lrs-secret".getBytes()));
		LrsClient anonymous = new LrsClient(port, null, null, null);
		LrsClient.Reply reply = anonymous.send("POST", "/xapi/statements?method=PUT", "application/x-www-form-urlencoded",
				form.getBytes(StandardCharsets.UTF_8));
		assertThat(reply.status()).as(reply.text()).isEqualTo(204);
		assertThat(lrs.get("/xapi/statements?statementId=" + id).status()).isEqualTo(200);
	}

	@Test
	void aboutAndActivitiesAndAgents() {
		assertThat(lrs.get("/xapi/about").json().get("version").toString()).contains("1.0.3", "2.0.0");
		lrs.postJson("/xapi/statements", statement(null, "experienced"));
		JsonNode a = lrs.get("/xapi/activities?activityId=" + LrsClient.enc(activity)).json();
		assertThat(a.get("definition").get("name").get("en-GB").asString()).isEqualTo("Lesson");
		JsonNode person = lrs.get("/xapi/agents?agent=" + LrsClient.enc("{\"mbox\":\"mailto:volunteer@example.org\"}"))
			.json();
		assertThat(person.get("objectType").asString()).isEqualTo("Person");
		assertThat(person.get("mbox").get(0).asString()).isEqualTo("mailto:volunteer@example.org");
		assertThat(person.get("name").toString()).contains("Vol");
	}

}
