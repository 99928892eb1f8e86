package org.opendoor.lms.lrs.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.opendoor.lms.lrs.XapiException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what POST /xapi/statements does with a body before it touches the database: the same parsing
 * (JSON or multipart/mixed with attachments), validation, attachment and signature checks as
 * {@link StatementBodies}, then for an accepted statement the shaping the store and the GET formats apply.
 * The only acceptable failure is the LRS's clean 400 ({@link XapiException} with a message); any other
 * exception is a crash. Without {@code JAZZER_FUZZ} this runs the seed inputs under
 * {@code StatementFuzzTestsInputs/} (regression mode); docs/fuzzing.md tells how to fuzz for longer.
 */
class StatementFuzzTests {

	private static final String BOUNDARY = "fuzz-boundary";

	private static final JsonNode AUTHORITY = StatementJson.JSON.readTree(
			"{\"objectType\":\"Agent\",\"name\":\"fuzz\",\"account\":{\"homePage\":\"https://lrs.example.org\",\"name\":\"fuzz\"}}");

	/** Raw bytes as a JSON body (xAPI 1.0.3 and 2.0.0) and as a multipart/mixed body. */
	@FuzzTest
	void statementBodies(byte[] body) {
		post("application/json", body, false);
		post("application/json; charset=utf-8", body, true);
		post("multipart/mixed; boundary=" + BOUNDARY, body, false);
	}

	/** Statements built from the fuzzer's data, so most inputs are well-formed JSON that gets deep into the rules. */
	@FuzzTest
	void generatedStatements(FuzzedDataProvider data) {
		boolean version2 = data.consumeBoolean();
		JsonNode body = data.consumeBoolean() ? new StatementGenerator(data).statement(0)
				: new StatementGenerator(data).batch();
		post("application/json", StatementJson.JSON.writeValueAsBytes(body), version2);
	}

	static void post(String contentType, byte[] body, boolean version2) {
		StatementBodies.Parsed parsed;
		try {
			parsed = StatementBodies.parseStatements(contentType, body);
			StatementBodies.check(parsed, version2);
		}
		catch (XapiException refused) {
			assertThat(refused.status()).as("a refused statement is a 400").isEqualTo(400);
			assertThat(refused.getMessage()).as("a refused statement says why").isNotBlank();
			return;
		}
		String stored = StatementJson.timestamp(Instant.now());
		for (ObjectNode s : parsed.statements()) {
			UUID id = s.has("id") ? UUID.fromString(s.get("id").asString()) : UUID.randomUUID();
			ObjectNode full = StatementStore.complete(id, s.deepCopy(), stored, AUTHORITY, version2 ? "2.0.0" : "1.0.0");
			assertThat(full.get("verb").get("id").asString()).isNotBlank();
			JsonNode object = full.get("object");
			if ("StatementRef".equals(object.path("objectType").asString())) {
				UUID.fromString(object.get("id").asString());
			}
			if (full.path("context").has("registration")) {
				UUID.fromString(full.get("context").get("registration").asString());
			}
			StatementJson.agents(full, k -> assertThat(k).isNotBlank(), k -> assertThat(k).isNotBlank());
			StatementJson.activities(full, a -> assertThat(a.get("id").asString()).isNotBlank(),
					a -> assertThat(a.get("id").asString()).isNotBlank());
			for (JsonNode a : full.path("attachments")) {
				assertThat(a.get("sha2").asString()).isNotBlank();
			}
			String text = StatementJson.JSON.writeValueAsString(full);
			ObjectNode read = (ObjectNode) StatementJson.JSON.readTree(text);
			assertThat(StatementJson.sameStatement(read, s)).as("a stored statement matches what was sent: %s stored as %s", s, read).isTrue();
			StatementJson.idsFormat(read.deepCopy());
			StatementJson.canonicalFormat(read.deepCopy(), Locale.LanguageRange.parse("cy, en;q=0.5"));
			StatementJson.normalisedDuration(read.deepCopy());
		}
	}

	/** Builds random-ish statements: mostly the right shapes and vocabulary, sometimes not. */
	static final class StatementGenerator {

		private static final List<String> IRIS = List.of("http://adlnet.gov/expapi/verbs/answered",
				"http://adlnet.gov/expapi/verbs/voided", "https://opendoor.example.org/course/first-steps",
				"http://adlnet.gov/expapi/activities/cmi.interaction", "mailto:a@example.org", "urn:x", "not an iri",
				"", "https://example.org/ext");

		private static final List<String> KEYS = List.of("id", "actor", "verb", "object", "result", "context",
				"timestamp", "stored", "authority", "version", "attachments", "objectType", "name", "mbox",
				"mbox_sha1sum", "openid", "account", "member", "display", "definition", "type", "extensions", "score",
				"success", "completion", "response", "duration", "registration", "instructor", "team",
				"contextActivities", "parent", "grouping", "category", "other", "revision", "platform", "language",
				"statement", "usageType", "contentType", "length", "sha2", "fileUrl", "description",
				"interactionType", "correctResponsesPattern", "choices", "scale", "source", "target", "steps",
				"moreInfo", "scaled", "raw", "min", "max", "homePage", "contextAgents", "contextGroups",
				"relevantTypes");

		private static final List<String> STRINGS = List.of("Agent", "Group", "Activity", "StatementRef",
				"SubStatement", "mailto:learner@example.org", "mailto:bad", "0123456789abcdef0123456789abcdef01234567",
				"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123+01:00", "2026-13-45T99:99Z", "PT1H30M", "P1W",
				"PT", "P1DT", "PT1.5S", "en-GB", "cy", "x-private", "i-klingon", "1.0.3", "2.0.0", "3.0",
				"choice", "likert", "matching", "performance", "sequencing", "true-false", "fill-in", "numeric",
				"other", "application/octet-stream", "http://adlnet.gov/expapi/attachments/signature",
				"00000000-0000-4000-8000-000000000000", "e2a4a3f4-4b7a-4f8b-9d1c-2c7f1c9e5a10", "ZZZ");

		private final FuzzedDataProvider data;

		StatementGenerator(FuzzedDataProvider data) {
			this.data = data;
		}

		JsonNode batch() {
			ArrayNode batch = StatementJson.JSON.createArrayNode();
			int n = data.consumeInt(0, 3);
			for (int i = 0; i < n; i++) {
				batch.add(data.consumeInt(0, 9) == 0 ? any(2) : statement(0));
			}
			return batch;
		}

		ObjectNode statement(int depth) {
			ObjectNode s = StatementJson.JSON.createObjectNode();
			if (data.consumeBoolean()) {
				s.set("id", uuidish());
			}
			if (depth > 0) {
				s.put("objectType", "SubStatement");
			}
			s.set("actor", agentOrGroup(depth));
			s.set("verb", verb());
			s.set("object", object(depth));
			int extra = data.consumeInt(0, 4);
			for (int i = 0; i < extra; i++) {
				String key = data.pickValue(KEYS);
				s.set(key, valueFor(key, depth + 1));
			}
			return s;
		}

		private JsonNode valueFor(String key, int depth) {
			if (depth > 5 || data.consumeInt(0, 7) == 0) {
				return any(depth);
			}
			switch (key) {
				case "actor", "instructor", "authority", "team", "member":
					return "member".equals(key) ? array(() -> agentOrGroup(depth)) : agentOrGroup(depth);
				case "verb":
					return verb();
				case "object", "statement":
					return object(depth);
				case "result":
					return result(depth);
				case "context":
					return context(depth);
				case "attachments":
					return array(this::attachment);
				case "definition":
					return definition(depth);
				case "id", "registration":
					return data.consumeBoolean() ? uuidish() : iri();
				case "display", "name", "description":
					return languageMap();
				case "extensions":
					ObjectNode ext = StatementJson.JSON.createObjectNode();
					ext.set(data.pickValue(IRIS), any(depth + 1));
					return ext;
				case "contextActivities":
					ObjectNode ca = StatementJson.JSON.createObjectNode();
					for (String k : List.of("parent", "grouping", "category", "other")) {
						if (data.consumeBoolean()) {
							ca.set(k, data.consumeBoolean() ? activity(depth + 1) : array(() -> activity(depth + 1)));
						}
					}
					return ca;
				default:
					return data.consumeBoolean() ? StatementJson.JSON.getNodeFactory().stringNode(string())
							: any(depth);
			}
		}

		private JsonNode agentOrGroup(int depth) {
			ObjectNode a = StatementJson.JSON.createObjectNode();
			int kind = data.consumeInt(0, 5);
			if (kind == 0 || kind == 1) {
				a.put("objectType", kind == 0 ? "Group" : "Agent");
			}
			switch (data.consumeInt(0, 4)) {
				case 0 -> a.put("mbox", data.consumeBoolean() ? "mailto:learner@example.org" : string());
				case 1 -> a.put("mbox_sha1sum", string());
				case 2 -> a.put("openid", iri().asString());
				case 3 -> {
					ObjectNode acc = a.putObject("account");
					acc.put("homePage", iri().asString());
					acc.put("name", string());
				}
				default -> {
					// anonymous
				}
			}
			if (kind == 0 && depth < 4 && data.consumeBoolean()) {
				a.set("member", array(() -> agentOrGroup(depth + 1)));
			}
			if (data.consumeBoolean()) {
				a.put("name", string());
			}
			return a;
		}

		private JsonNode verb() {
			ObjectNode v = StatementJson.JSON.createObjectNode();
			v.set("id", iri());
			if (data.consumeBoolean()) {
				v.set("display", languageMap());
			}
			return v;
		}

		private JsonNode object(int depth) {
			switch (data.consumeInt(0, 4)) {
				case 0:
					return agentOrGroup(depth + 1);
				case 1:
					ObjectNode ref = StatementJson.JSON.createObjectNode();
					ref.put("objectType", "StatementRef");
					ref.set("id", uuidish());
					return ref;
				case 2:
					return depth < 3 ? statement(depth + 1) : activity(depth);
				default:
					return activity(depth);
			}
		}

		private JsonNode activity(int depth) {
			ObjectNode a = StatementJson.JSON.createObjectNode();
			if (data.consumeBoolean()) {
				a.put("objectType", "Activity");
			}
			a.set("id", iri());
			if (data.consumeBoolean()) {
				a.set("definition", definition(depth + 1));
			}
			return a;
		}

		private JsonNode definition(int depth) {
			ObjectNode d = StatementJson.JSON.createObjectNode();
			int n = data.consumeInt(0, 5);
			for (int i = 0; i < n; i++) {
				String key = data.pickValue(List.of("name", "description", "type", "moreInfo", "interactionType",
						"correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions"));
				switch (key) {
					case "name", "description" -> d.set(key, languageMap());
					case "type", "moreInfo" -> d.set(key, iri());
					case "interactionType" -> d.put(key, string());
					case "correctResponsesPattern" -> d.set(key,
							array(() -> StatementJson.JSON.getNodeFactory().stringNode(string())));
					case "extensions" -> d.set(key, valueFor(key, depth + 1));
					default -> d.set(key, array(() -> {
						ObjectNode c = StatementJson.JSON.createObjectNode();
						c.put("id", string());
						c.set("description", languageMap());
						return c;
					}));
				}
			}
			return d;
		}

		private JsonNode result(int depth) {
			ObjectNode r = StatementJson.JSON.createObjectNode();
			if (data.consumeBoolean()) {
				ObjectNode score = r.putObject("score");
				for (String k : List.of("scaled", "raw", "min", "max")) {
					if (data.consumeBoolean()) {
						score.set(k, number());
					}
				}
			}
			if (data.consumeBoolean()) {
				r.put("success", data.consumeBoolean());
			}
			if (data.consumeBoolean()) {
				r.put("completion", data.consumeBoolean());
			}
			if (data.consumeBoolean()) {
				r.put("response", string());
			}
			if (data.consumeBoolean()) {
				r.put("duration", string());
			}
			if (data.consumeBoolean()) {
				r.set("extensions", valueFor("extensions", depth + 1));
			}
			return r;
		}

		private JsonNode context(int depth) {
			ObjectNode c = StatementJson.JSON.createObjectNode();
			int n = data.consumeInt(0, 5);
			for (int i = 0; i < n; i++) {
				String key = data.pickValue(List.of("registration", "instructor", "team", "contextActivities",
						"revision", "platform", "language", "statement", "extensions", "contextAgents",
						"contextGroups"));
				switch (key) {
					case "revision", "platform" -> c.put(key, string());
					case "language" -> c.put(key, data.pickValue(List.of("en-GB", "cy", "not a tag", "")));
					case "statement" -> {
						ObjectNode ref = c.putObject(key);
						ref.put("objectType", "StatementRef");
						ref.set("id", uuidish());
					}
					case "contextAgents", "contextGroups" -> c.set(key, array(() -> {
						ObjectNode ca = StatementJson.JSON.createObjectNode();
						ca.put("objectType", "contextAgents".equals(key) ? "contextAgent" : "contextGroup");
						ca.set("contextAgents".equals(key) ? "agent" : "group", agentOrGroup(depth + 1));
						if (data.consumeBoolean()) {
							ca.set("relevantTypes", array(this::iri));
						}
						return ca;
					}));
					default -> c.set(key, valueFor(key, depth + 1));
				}
			}
			return c;
		}

		private JsonNode attachment() {
			ObjectNode a = StatementJson.JSON.createObjectNode();
			a.set("usageType", iri());
			a.set("display", languageMap());
			a.put("contentType", data.pickValue(List.of("text/plain", "application/octet-stream", "")));
			a.set("length", number());
			a.put("sha2", string());
			if (data.consumeBoolean()) {
				a.set("fileUrl", iri());
			}
			return a;
		}

		private JsonNode languageMap() {
			ObjectNode m = StatementJson.JSON.createObjectNode();
			int n = data.consumeInt(0, 2);
			for (int i = 0; i < n; i++) {
				m.set(data.pickValue(List.of("en-GB", "cy", "en", "und", "!!", "")),
						data.consumeInt(0, 5) == 0 ? number() : StatementJson.JSON.getNodeFactory().stringNode(string()));
			}
			return m;
		}

		private JsonNode uuidish() {
			if (data.consumeInt(0, 3) == 0) {
				return StatementJson.JSON.getNodeFactory().stringNode(string());
			}
			return StatementJson.JSON.getNodeFactory().stringNode(new UUID(data.consumeLong(), data.consumeLong()).toString());
		}

		private JsonNode iri() {
			return StatementJson.JSON.getNodeFactory()
				.stringNode(data.consumeInt(0, 4) == 0 ? string() : data.pickValue(IRIS));
		}

		private JsonNode number() {
			switch (data.consumeInt(0, 3)) {
				case 0:
					return StatementJson.JSON.getNodeFactory().numberNode(data.consumeInt());
				case 1:
					return StatementJson.JSON.getNodeFactory().numberNode(data.consumeDouble());
				case 2:
					return StatementJson.JSON.getNodeFactory().numberNode(new java.math.BigDecimal(
							data.consumeLong() + "E" + data.consumeInt(-400, 400)));
				default:
					return StatementJson.JSON.getNodeFactory().stringNode(string());
			}
		}

		private String string() {
			return data.consumeBoolean() ? data.pickValue(STRINGS) : data.consumeString(40);
		}

		private JsonNode array(java.util.function.Supplier<JsonNode> item) {
			ArrayNode a = StatementJson.JSON.createArrayNode();
			int n = data.consumeInt(0, 3);
			for (int i = 0; i < n; i++) {
				a.add(item.get());
			}
			return a;
		}

		private JsonNode any(int depth) {
			switch (depth > 4 ? data.consumeInt(0, 4) : data.consumeInt(0, 6)) {
				case 0:
					return StatementJson.JSON.getNodeFactory().nullNode();
				case 1:
					return StatementJson.JSON.getNodeFactory().booleanNode(data.consumeBoolean());
				case 2:
					return number();
				case 3:
				case 4:
					return StatementJson.JSON.getNodeFactory().stringNode(string());
				case 5:
					return array(() -> any(depth + 1));
				default:
					ObjectNode o = StatementJson.JSON.createObjectNode();
					int n = data.consumeInt(0, 3);
					for (int i = 0; i < n; i++) {
						o.set(data.pickValue(KEYS), any(depth + 1));
					}
					return o;
			}
		}

	}

}
