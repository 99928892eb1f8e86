package org.opendoor.lms.lrs;


import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading, keying and reshaping statement JSON. */
public final class StatementJson {

	/**
	 * The mapper for statements: plain JSON, nothing reordered, decimals kept exactly as sent (read as
	 * doubles, 1E400 became Infinity and was stored as the string "Infinity"), and a key given twice in
	 * one object refused (which of the two a reader would see is not defined).
	 */
	public static final JsonMapper JSON = JsonMapper.builder()
		.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.build();

	private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private StatementJson() {
	}

	/** An instant as xAPI timestamps are written here: UTC to the millisecond. */
	public static String timestamp(Instant instant) {
		return STORED.format(instant);
	}

	/**
	 * The key an agent or identified group is found by: its object type and its one identifier. Returns
	 * {@code null} for an anonymous group.
	 */
	public static String agentKey(JsonNode actor) {
		String type = actor.path("objectType").asString("Agent");
		if ("contextAgent".equals(type) || "contextGroup".equals(type)) {
			return null;
		}
		String ifi;
		if (actor.has("mbox")) {
			ifi = "mbox=" + actor.get("mbox").asString();
		}
		else if (actor.has("mbox_sha1sum")) {
			ifi = "sha1=" + actor.get("mbox_sha1sum").asString().toLowerCase(Locale.ROOT);
		}
		else if (actor.has("openid")) {
			ifi = "openid=" + actor.get("openid").asString();
		}
		else if (actor.has("account")) {
			ifi = "account=" + actor.get("account").path("homePage").asString() + " "
					+ actor.get("account").path("name").asString();
		}
		else {
			return null;
		}
		return ("Group".equals(type) ? "G|" : "A|") + ifi;
	}

	/**
	 * The agents a statement mentions, as keys: {@code direct} ones are its actor and object; the others
	 * are in its authority, context or sub-statement, or are members of a group.
	 */
	public static void agents(JsonNode statement, Consumer<String> direct, Consumer<String> related) {
		actor(statement.get("actor"), direct, related);
		JsonNode object = statement.get("object");
		String objectType = object.path("objectType").asString("Activity");
		if ("Agent".equals(objectType) || "Group".equals(objectType)) {
			actor(object, direct, related);
		}
		else if ("SubStatement".equals(objectType)) {
			actor(object.get("actor"), related, related);
			String subType = object.path("object").path("objectType").asString("Activity");
			if ("Agent".equals(subType) || "Group".equals(subType)) {
				actor(object.get("object"), related, related);
			}
			contextAgents(object.get("context"), related);
		}
		if (statement.has("authority")) {
			actor(statement.get("authority"), related, related);
		}
		contextAgents(statement.get("context"), related);
	}

	private static void contextAgents(JsonNode context, Consumer<String> related) {
		if (context == null) {
			return;
		}
		if (context.has("instructor")) {
			actor(context.get("instructor"), related, related);
		}
		if (context.has("team")) {
			actor(context.get("team"), related, related);
		}
		for (JsonNode ca : context.path("contextAgents")) {
			actor(ca.get("agent"), related, related);
		}
		for (JsonNode cg : context.path("contextGroups")) {
			actor(cg.get("group"), related, related);
		}
	}

	private static void actor(JsonNode actor, Consumer<String> self, Consumer<String> members) {
		if (actor == null) {
			return;
		}
		String key = agentKey(actor);
		if (key != null) {
			self.accept(key);
		}
		for (JsonNode m : actor.path("member")) {
			String k = agentKey(m);
			if (k != null) {
				members.accept(k);
			}
		}
	}

	/** The activities a statement mentions: its object directly, the others through context or sub-statement. */
	public static void activities(JsonNode statement, Consumer<JsonNode> direct, Consumer<JsonNode> related) {
		JsonNode object = statement.get("object");
		String type = object.path("objectType").asString("Activity");
		if ("Activity".equals(type)) {
			direct.accept(object);
		}
		else if ("SubStatement".equals(type)) {
			if ("Activity".equals(object.path("object").path("objectType").asString("Activity"))) {
				related.accept(object.get("object"));
			}
			contextActivities(object.get("context"), related);
		}
		contextActivities(statement.get("context"), related);
	}

	private static void contextActivities(JsonNode context, Consumer<JsonNode> related) {
		if (context == null || !context.has("contextActivities")) {
			return;
		}
		for (Map.Entry<String, JsonNode> e : context.get("contextActivities").properties()) {
			if (e.getValue().isArray()) {
				e.getValue().forEach(related);
			}
			else {
				related.accept(e.getValue());
			}
		}
	}

	/**
	 * Whether two statements are the same statement for the purpose of a repeated id: equal once the
	 * properties an LRS sets ({@code stored}, {@code authority}, {@code version}) are set aside.
	 */
	public static boolean sameStatement(JsonNode stored, JsonNode incoming) {
		ObjectNode a = normalisedDuration(strip(stored));
		ObjectNode b = normalisedDuration(strip(incoming));
		contextActivityArrays(a);
		contextActivityArrays(b);
		if (!b.has("timestamp")) {
			a.remove("timestamp");
		}
		return a.equals(b);
	}

	/**
	 * Context activities are always stored (and so returned and compared) as arrays, even when one was sent
	 * alone; this turns each single activity of the statement's context (and a SubStatement's) into one.
	 */
	public static void contextActivityArrays(ObjectNode statement) {
		arrays(statement.get("context"));
		if ("SubStatement".equals(statement.path("object").path("objectType").asString())) {
			arrays(statement.get("object").get("context"));
		}
	}

	private static void arrays(JsonNode context) {
		if (context instanceof ObjectNode c && c.get("contextActivities") instanceof ObjectNode ca) {
			for (String key : new java.util.ArrayList<>(ca.propertyNames())) {
				if (ca.get(key).isObject()) {
					ca.set(key, JSON.createArrayNode().add(ca.get(key)));
				}
			}
		}
	}

	/**
	 * A copy with {@code result.duration} cut to hundredths of a second, as xAPI compares durations (the
	 * spec says precision beyond 0.01 s is not part of a comparison).
	 */
	public static ObjectNode normalisedDuration(ObjectNode statement) {
		ObjectNode copy = statement.deepCopy();
		for (JsonNode holder : List.of(copy, copy.path("object"))) {
			if (holder.path("result") instanceof ObjectNode result && result.get("duration") != null
					&& result.get("duration").isString()) {
				result.put("duration", result.get("duration").asString().replaceAll("(\\.\\d{2})\\d+S$", "$1S"));
			}
		}
		return copy;
	}

	private static ObjectNode strip(JsonNode statement) {
		ObjectNode copy = ((ObjectNode) statement).deepCopy();
		copy.remove(List.of("stored", "authority", "version", "id"));
		return copy;
	}

	/** Reshapes a statement for {@code format=ids}: agents, activities and verbs by identifier only. */
	public static ObjectNode idsFormat(ObjectNode statement) {
		ObjectNode s = statement.deepCopy();
		reduceActor(s, "actor");
		reduceVerb(s);
		reduceObject(s);
		reduceActor(s, "authority");
		if (s.get("context") instanceof ObjectNode context) {
			reduceContext(context);
		}
		return s;
	}

	private static void reduceObject(ObjectNode s) {
		JsonNode object = s.get("object");
		String type = object.path("objectType").asString("Activity");
		if ("Activity".equals(type)) {
			s.set("object", activityId(object));
		}
		else if ("Agent".equals(type) || "Group".equals(type)) {
			reduceActor(s, "object");
		}
		else if ("SubStatement".equals(type)) {
			ObjectNode sub = (ObjectNode) object;
			reduceActor(sub, "actor");
			reduceVerb(sub);
			reduceObject(sub);
			if (sub.get("context") instanceof ObjectNode context) {
				reduceContext(context);
			}
		}
	}

	private static void reduceVerb(ObjectNode s) {
		if (s.get("verb") instanceof ObjectNode verb) {
			verb.remove("display");
		}
	}

	private static void reduceContext(ObjectNode context) {
		reduceActor(context, "instructor");
		reduceActor(context, "team");
		if (context.get("contextActivities") instanceof ObjectNode ca) {
			for (String key : new ArrayList<>(ca.propertyNames())) {
				JsonNode v = ca.get(key);
				if (v.isArray()) {
					ArrayNode ids = JSON.createArrayNode();
					v.forEach(a -> ids.add(activityId(a)));
					ca.set(key, ids);
				}
				else {
					ca.set(key, activityId(v));
				}
			}
		}
	}

	private static ObjectNode activityId(JsonNode activity) {
		ObjectNode a = JSON.createObjectNode();
		a.put("id", activity.get("id").asString());
		return a;
	}

	private static void reduceActor(ObjectNode parent, String field) {
		if (!(parent.get(field) instanceof ObjectNode actor)) {
			return;
		}
		actor.remove("name");
		if (actor.get("member") instanceof ArrayNode members) {
			if (agentKey(actor) != null) {
				actor.remove("member");
			}
			else {
				for (JsonNode m : members) {
					((ObjectNode) m).remove("name");
				}
			}
		}
	}

	/**
	 * Reshapes a statement for {@code format=canonical}: every language map reduced to the one language
	 * that best matches the request's {@code Accept-Language}.
	 */
	public static ObjectNode canonicalFormat(ObjectNode statement, List<Locale.LanguageRange> languages) {
		ObjectNode s = statement.deepCopy();
		canonical(s, languages);
		return s;
	}

	private static void canonical(JsonNode node, List<Locale.LanguageRange> languages) {
		if (node instanceof ObjectNode object) {
			for (String key : new ArrayList<>(object.propertyNames())) {
				JsonNode value = object.get(key);
				if (("display".equals(key) || "name".equals(key) || "description".equals(key)) && value instanceof ObjectNode map
						&& isLanguageMap(map)) {
					object.set(key, pick(map, languages));
				}
				else if (!"extensions".equals(key)) {
					canonical(value, languages);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(n -> canonical(n, languages));
		}
	}

	private static boolean isLanguageMap(ObjectNode map) {
		for (Map.Entry<String, JsonNode> e : map.properties()) {
			if (!e.getValue().isString()) {
				return false;
			}
		}
		return !map.isEmpty();
	}

	private static ObjectNode pick(ObjectNode map, List<Locale.LanguageRange> languages) {
		List<String> tags = new ArrayList<>(map.propertyNames());
		String chosen = null;
		if (!languages.isEmpty()) {
			List<Locale> locales = tags.stream().map(Locale::forLanguageTag).toList();
			Locale best = Locale.lookup(languages, locales);
			if (best != null) {
				for (String t : tags) {
					if (Locale.forLanguageTag(t).equals(best)) {
						chosen = t;
					}
				}
			}
		}
		if (chosen == null) {
			chosen = tags.contains("en-US") ? "en-US" : tags.contains("en-GB") ? "en-GB" : tags.get(0);
		}
		ObjectNode one = JSON.createObjectNode();
		one.put(chosen, map.get(chosen).asString());
		return one;
	}

}
