package org.opendoor.lms.lrs;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.LrsClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** State, activity profile and agent profile documents: ETags, preconditions, JSON merge and listing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class LrsDocumentsTests {

	@LocalServerPort
	int port;

	LrsClient lrs;

	String activity;

	String agent;

	@BeforeEach
	void client() {
		lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		activity = LrsClient.enc("http://example.org/activities/" + UUID.randomUUID());
		agent = LrsClient.enc("{\"mbox\":\"mailto:volunteer@example.org\"}");
	}

	@Test
	void stateIsStoredMergedListedAndDeleted() {
		String base = "/xapi/activities/state?activityId=" + activity + "&agent=" + agent;
		assertThat(lrs.putJson(base + "&stateId=bookmark", "{\"page\":3}").status()).isEqualTo(204);
		assertThat(lrs.postJson(base + "&stateId=bookmark", "{\"seen\":[1,2]}").status()).isEqualTo(204);
		LrsClient.Reply got = lrs.get(base + "&stateId=bookmark");
		assertThat(got.json().get("page").asInt()).isEqualTo(3);
		assertThat(got.json().get("seen").size()).isEqualTo(2);
		assertThat(got.header("ETag")).matches("\"[0-9a-f]{40}\"");
		lrs.send("PUT", base + "&stateId=notes", "text/plain", "hello".getBytes());
		assertThat(lrs.postJson(base + "&stateId=notes", "{\"a\":1}").status()).as("merge into non-JSON").isEqualTo(400);
		assertThat(lrs.get(base).json().toString()).isEqualTo("[\"bookmark\",\"notes\"]");
		String registration = UUID.randomUUID().toString();
		lrs.putJson(base + "&registration=" + registration + "&stateId=bookmark", "{\"page\":9}");
		assertThat(lrs.get(base + "&stateId=bookmark").json().get("page").asInt()).isEqualTo(3);
		assertThat(lrs.send("DELETE", base, null, null).status()).isEqualTo(204);
		assertThat(lrs.get(base + "&stateId=bookmark").status()).isEqualTo(404);
		assertThat(lrs.get(base + "&registration=" + registration + "&stateId=bookmark").status()).isEqualTo(200);
	}

	@Test
	void profilesNeedPreconditionsToChange() {
		String url = "/xapi/activities/profile?activityId=" + activity + "&profileId=settings";
		assertThat(lrs.putJson(url, "{\"v\":1}", "If-None-Match", "*").status()).isEqualTo(204);
		String etag = lrs.get(url).header("ETag");
		assertThat(lrs.putJson(url, "{\"v\":2}").status()).as("no precondition on an existing document").isEqualTo(409);
		assertThat(lrs.putJson(url, "{\"v\":2}", "If-None-Match", "*").status()).isEqualTo(412);
		assertThat(lrs.putJson(url, "{\"v\":2}", "If-Match", "\"0000\"").status()).isEqualTo(412);
		assertThat(lrs.putJson(url, "{\"v\":2}", "If-Match", etag).status()).isEqualTo(204);
		assertThat(lrs.get(url).json().get("v").asInt()).isEqualTo(2);
		String agentUrl = "/xapi/agents/profile?agent=" + agent + "&profileId=prefs";
		assertThat(lrs.postJson(agentUrl, "{\"lang\":\"cy\"}").status()).isEqualTo(204);
		assertThat(lrs.get("/xapi/agents/profile?agent=" + agent).json().toString()).contains("prefs");
		assertThat(lrs.get("/xapi/agents/profile?agent=" + LrsClient.enc("{\"mbox\":\"nope\"}") + "&profileId=prefs")
			.status()).isEqualTo(400);
	}

}
