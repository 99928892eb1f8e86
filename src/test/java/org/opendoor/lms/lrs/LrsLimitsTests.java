package org.opendoor.lms.lrs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.lrs.internal.Attachments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LRS's size limits as a client meets them, on every route that takes a body: over the limit is a
 * 413 with a JSON error (before credentials are looked at, so an anonymous client gets it too), whether
 * the body declares its length or is sent chunked, and the LRS goes on serving. Also the statements a
 * lenient parser would let through: a key given twice, a score beyond any double.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lms.xapi.limits.statement=8KB", "lms.xapi.limits.batch=32KB",
				"lms.xapi.limits.batch-statements=10", "lms.xapi.limits.document=8KB",
				"lms.xapi.limits.attachment=16KB" })
@ActiveProfiles({ "demo", "test" })
class LrsLimitsTests {

	private static final String AUTH = "Basic "
			+ Base64.getEncoder().encodeToString("demo-lrs-key:demo-lrs-secret".getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	int port;

	LrsClient lrs;

	LrsClient anonymous;

	String activity;

	@BeforeEach
	void clients() {
		lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		anonymous = new LrsClient(port, null, null, "1.0.3");
		activity = "http://example.org/activities/" + UUID.randomUUID();
	}

	@AfterEach
	void stillServing() {
		LrsClient.Reply stored = lrs.postJson("/xapi/statements", statement(""));
		assertThat(stored.status()).as("the LRS still stores a statement of ordinary size").isEqualTo(200);
	}

	private String statement(String response) {
		return "{\"actor\":{\"mbox\":\"mailto:volunteer@example.org\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},\"object\":{\"id\":\"" + activity
				+ "\"}" + (response.isEmpty() ? "" : ",\"result\":{\"response\":\"" + response + "\"}") + "}";
	}

	private static String text(int bytes) {
		return "x".repeat(bytes);
	}

	private static void assertTooLarge(LrsClient.Reply reply, long limit) {
		assertThat(reply.status()).as(reply.text()).isEqualTo(413);
		assertThat(reply.header("Content-Type")).startsWith("application/json");
		JsonNode error = reply.json();
		assertThat(error.get("status").asInt()).isEqualTo(413);
		assertThat(error.get("limit").asLong()).isEqualTo(limit);
		assertThat(error.get("message").asString()).contains("at most");
	}

	@Test
	void aStatementOverItsLimitIsRefusedWithOrWithoutCredentials() {
		String id = UUID.randomUUID().toString();
		String big = statement(text(9 * 1024));
		assertTooLarge(lrs.putJson("/xapi/statements?statementId=" + id, big), 8 * 1024);
		assertTooLarge(anonymous.putJson("/xapi/statements?statementId=" + id, big), 8 * 1024);
		assertThat(lrs.get("/xapi/statements?statementId=" + id).status()).isEqualTo(404);
		assertThat(lrs.putJson("/xapi/statements?statementId=" + id, statement(text(6 * 1024))).status())
			.as("just under the limit").isEqualTo(204);
	}

	@Test
	void aBatchOverItsSizeOrCountOrWithOneStatementTooLargeIsRefused() {
		StringBuilder large = new StringBuilder("[");
		for (int i = 0; i < 6; i++) {
			large.append(i == 0 ? "" : ",").append(statement(text(6 * 1024)));
		}
		assertTooLarge(lrs.postJson("/xapi/statements", large.append(']').toString()), 32 * 1024);
		assertTooLarge(anonymous.postJson("/xapi/statements", large.toString()), 32 * 1024);

		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i < 11; i++) {
			many.append(i == 0 ? "" : ",").append(statement(""));
		}
		LrsClient.Reply tooMany = lrs.postJson("/xapi/statements", many.append(']').toString());
		assertTooLarge(tooMany, 10);
		assertThat(tooMany.json().get("message").asString()).contains("10 statements");

		String oneTooLarge = "[" + statement("") + "," + statement(text(9 * 1024)) + "]";
		assertTooLarge(lrs.postJson("/xapi/statements", oneTooLarge), 8 * 1024);
		assertTooLarge(lrs.postJson("/xapi/statements", statement(text(9 * 1024))), 8 * 1024);
		assertThat(lrs.get("/xapi/statements?activity=" + LrsClient.enc(activity)).json().get("statements").size())
			.as("nothing of a refused batch is stored")
			.isZero();
	}

	@Test
	void everyDocumentResourceRefusesADocumentOverItsLimit() {
		String agent = LrsClient.enc("{\"mbox\":\"mailto:volunteer@example.org\"}");
		String document = "{\"notes\":\"" + text(9 * 1024) + "\"}";
		for (String path : new String[] {
				"/xapi/activities/state?activityId=" + LrsClient.enc(activity) + "&agent=" + agent + "&stateId=s",
				"/xapi/activities/profile?activityId=" + LrsClient.enc(activity) + "&profileId=p",
				"/xapi/agents/profile?agent=" + agent + "&profileId=p" }) {
			assertTooLarge(lrs.putJson(path, document, "If-None-Match", "*"), 8 * 1024);
			assertTooLarge(lrs.postJson(path, document), 8 * 1024);
			assertTooLarge(anonymous.postJson(path, document), 8 * 1024);
			assertThat(lrs.get(path).status()).as(path + " stored nothing").isEqualTo(404);
		}
	}

	@Test
	void anAttachmentOverItsLimitIsRefused() {
		byte[] content = text(20 * 1024).getBytes(StandardCharsets.US_ASCII);
		String sha2 = Attachments.sha(content, 64);
		String withAttachment = statement("").substring(0, statement("").length() - 1)
				+ ",\"attachments\":[{\"usageType\":\"http://example.org/usage/notes\",\"display\":{\"en-GB\":\"Notes\"},"
				+ "\"contentType\":\"text/plain\",\"length\":" + content.length + ",\"sha2\":\"" + sha2 + "\"}]}";
		String body = "--b\r\nContent-Type: application/json\r\n\r\n" + withAttachment
				+ "\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: "
				+ sha2 + "\r\n\r\n" + new String(content, StandardCharsets.US_ASCII) + "\r\n--b--\r\n";
		assertTooLarge(lrs.send("POST", "/xapi/statements", "multipart/mixed; boundary=b",
				body.getBytes(StandardCharsets.US_ASCII)), 16 * 1024);
		String doubled = body.replace(new String(content, StandardCharsets.US_ASCII),
				new String(content, StandardCharsets.US_ASCII).repeat(3));
		assertTooLarge(anonymous.send("POST", "/xapi/statements", "multipart/mixed; boundary=b",
				doubled.getBytes(StandardCharsets.US_ASCII)), 48 * 1024);
	}

	/** Without a length the size is known only by reading, which happens only once the client is known. */
	@Test
	void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
		byte[] big = statement(text(200 * 1024)).getBytes(StandardCharsets.UTF_8);
		String path = "/xapi/statements?statementId=" + UUID.randomUUID();
		LrsClient.Reply signedIn = chunked(path, big, AUTH);
		assertTooLarge(signedIn, 8 * 1024);
		assertThat(chunked(path, big, null).status()).as("no credentials: refused unread").isEqualTo(401);
		String form = "content=" + LrsClient.enc(statement(text(200 * 1024))) + "&Authorization=" + LrsClient.enc(AUTH);
		HttpResponse<byte[]> alternate = send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/xapi/statements?method=POST"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8))))
			.build());
		assertTooLarge(new LrsClient.Reply(alternate.statusCode(), alternate.headers().map(), alternate.body()),
				3 * 32 * 1024 + 16 * 1024);
		assertThat(lrs.get(path).status()).isEqualTo(404);
	}

	private LrsClient.Reply chunked(String path, byte[] body, String auth) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-Experience-API-Version", "1.0.3")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		if (auth != null) {
			request.header("Authorization", auth);
		}
		HttpRequest built = request.build();
		assertThat(built.bodyPublisher().orElseThrow().contentLength()).as("sent chunked, without a length").isNegative();
		HttpResponse<byte[]> reply = send(built);
		return new LrsClient.Reply(reply.statusCode(), reply.headers().map(), reply.body());
	}

	private static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void theAlternateRequestSyntaxIsLimitedBeforeCredentialsAreRead() {
		String form = "X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson&content="
				+ LrsClient.enc(statement(text(9 * 1024)));
		LrsClient.Reply signedIn = lrs.send("POST", "/xapi/statements?method=PUT", "application/x-www-form-urlencoded",
				("statementId=" + UUID.randomUUID() + "&Authorization=" + LrsClient.enc(AUTH) + "&" + form)
					.getBytes(StandardCharsets.UTF_8));
		assertTooLarge(signedIn, 8 * 1024);
		// percent-encoded content takes up to three bytes a byte: a form over that is refused unread
		String huge = "content=" + "%41".repeat(40 * 1024);
		LrsClient.Reply noCredentials = new LrsClient(port, null, null, null).send("POST",
				"/xapi/statements?method=PUT", "application/x-www-form-urlencoded", huge.getBytes(StandardCharsets.UTF_8));
		assertTooLarge(noCredentials, 3 * 8 * 1024 + 16 * 1024);
	}

	@Test
	void aKeyGivenTwiceInOneObjectIsRefused() {
		String twice = "{\"actor\":{\"mbox\":\"mailto:volunteer@example.org\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\",\"id\":\"http://adlnet.gov/expapi/verbs/failed\"},"
				+ "\"object\":{\"id\":\"" + activity + "\"}}";
		LrsClient.Reply reply = lrs.postJson("/xapi/statements", twice);
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.text()).contains("\"id\" appears twice");
		assertThat(lrs.postJson("/xapi/statements", "[" + statement("") + "," + twice + "]").status()).isEqualTo(400);
	}

	@Test
	void scoresBeyondWhatADoubleHoldsAreRefused() {
		for (String score : new String[] { "{\"raw\":1e400}", "{\"raw\":-1E400,\"min\":0}", "{\"max\":1" + "0".repeat(400) + "}",
				"{\"scaled\":1e400}" }) {
			String s = statement("").substring(0, statement("").length() - 1) + ",\"result\":{\"score\":" + score + "}}";
			LrsClient.Reply reply = lrs.postJson("/xapi/statements", s);
			assertThat(reply.status()).as(score + ": " + reply.text()).isEqualTo(400);
		}
		String length = statement("").substring(0, statement("").length() - 1)
				+ ",\"attachments\":[{\"usageType\":\"http://example.org/u\",\"display\":{\"en-GB\":\"N\"},"
				+ "\"contentType\":\"text/plain\",\"length\":1" + "0".repeat(30) + ",\"sha2\":\"" + "a".repeat(64)
				+ "\",\"fileUrl\":\"http://example.org/n.txt\"}]}";
		assertThat(lrs.postJson("/xapi/statements", length).status()).isEqualTo(400);
	}

}
