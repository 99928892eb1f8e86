package org.opendoor.lms.lrs;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.opendoor.lms.lrs.XapiException;

import tools.jackson.databind.JsonNode;

/**
 * Checks a statement against the xAPI data rules (1.0.3 and 2.0.0) on its JSON tree, so every property,
 * type and format is checked exactly as sent. Each failure is a 400 naming the property's path.
 */
public final class StatementValidator {

	public static final Pattern UUID_PATTERN = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	private static final Pattern IRI = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s]*$");

	private static final Pattern LANGUAGE = Pattern
		.compile("^(([a-zA-Z]{2,3}(-[a-zA-Z]{3}){0,3})|[a-zA-Z]{4,8})(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?"
				+ "(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(-[0-9a-wy-zA-WY-Z](-[a-zA-Z0-9]{2,8})+)*(-x(-[a-zA-Z0-9]{1,8})+)?$"
				+ "|^x(-[a-zA-Z0-9]{1,8})+$|^i-[a-z]+$");

	private static final Pattern TIMESTAMP = Pattern.compile(
			"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$");

	private static final Pattern DURATION = Pattern.compile("^P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?"
			+ "(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$|^P\\d+W$");

	private static final Pattern SHA1 = Pattern.compile("^[0-9a-fA-F]{40}$");

	private static final Pattern MBOX = Pattern.compile("^mailto:[^@\\s]+@[^@\\s]+$");

	private static final Set<String> STATEMENT_KEYS = Set.of("id", "actor", "verb", "object", "result", "context",
			"timestamp", "stored", "authority", "version", "attachments");

	private static final Set<String> SUB_STATEMENT_KEYS = Set.of("objectType", "actor", "verb", "object", "result",
			"context", "timestamp", "attachments");

	private static final Set<String> AGENT_KEYS = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid",
			"account");

	private static final Set<String> GROUP_KEYS = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid",
			"account", "member");

	private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in",
			"matching", "performance", "sequencing", "likert", "numeric", "other");

	private static final Map<String, Set<String>> COMPONENTS_BY_TYPE = Map.of("choice", Set.of("choices"),
			"sequencing", Set.of("choices"), "likert", Set.of("scale"), "matching", Set.of("source", "target"),
			"performance", Set.of("steps"));

	private final boolean version2;

	/**
	 * @param version2 whether the request was made with xAPI 2.0.x, whose rules are stricter
	 */
	public StatementValidator(boolean version2) {
		this.version2 = version2;
	}

	/** Checks one statement; throws a 400 {@link XapiException} naming what is wrong. */
	public void validate(JsonNode statement) {
		requireObject(statement, "statement");
		allowOnly(statement, STATEMENT_KEYS, "statement");
		if (statement.has("id")) {
			uuid(statement.get("id"), "id");
		}
		require(statement, "actor", "statement");
		require(statement, "verb", "statement");
		require(statement, "object", "statement");
		actor(statement.get("actor"), "actor");
		verb(statement.get("verb"), "verb");
		JsonNode object = statement.get("object");
		statementObject(object, "object", false);
		if (statement.has("result")) {
			result(statement.get("result"), "result");
		}
		if (statement.has("context")) {
			context(statement.get("context"), object, "context");
		}
		if (statement.has("timestamp")) {
			timestamp(statement.get("timestamp"), "timestamp");
		}
		if (statement.has("stored")) {
			timestamp(statement.get("stored"), "stored");
		}
		if (statement.has("authority")) {
			authority(statement.get("authority"));
		}
		if (statement.has("version")) {
			JsonNode v = statement.get("version");
			if (!v.isString() || !(v.asString().matches("^1\\.0(\\.\\d+)?$") || v.asString().matches("^2\\.0(\\.\\d+)?$"))) {
				throw bad("version must be 1.0.x or 2.0.x");
			}
		}
		if (statement.has("attachments")) {
			attachments(statement.get("attachments"), "attachments");
		}
		if (isVoiding(statement)) {
			JsonNode type = object.get("objectType");
			if (type == null || !"StatementRef".equals(type.asString())) {
				throw bad("a voiding statement's object must be a StatementRef");
			}
		}
	}

	/** Whether a (valid) statement voids another. */
	public static boolean isVoiding(JsonNode statement) {
		JsonNode verb = statement.path("verb").path("id");
		return verb.isString() && "http://adlnet.gov/expapi/verbs/voided".equals(verb.asString());
	}

	private void actor(JsonNode actor, String path) {
		requireObject(actor, path);
		String type = objectType(actor, path, "Agent");
		if ("Agent".equals(type)) {
			agent(actor, path);
		}
		else if ("Group".equals(type)) {
			group(actor, path);
		}
		else {
			throw bad(path + ".objectType must be Agent or Group");
		}
	}

	public void agent(JsonNode agent, String path) {
		requireObject(agent, path);
		allowOnly(agent, AGENT_KEYS, path);
		if (agent.has("objectType") && !"Agent".equals(text(agent.get("objectType"), path + ".objectType"))) {
			throw bad(path + ".objectType must be Agent");
		}
		if (agent.has("name")) {
			text(agent.get("name"), path + ".name");
		}
		if (identifiers(agent, path) != 1) {
			throw bad(path + " must have exactly one identifier (mbox, mbox_sha1sum, openid or account)");
		}
	}

	private void group(JsonNode group, String path) {
		allowOnly(group, GROUP_KEYS, path);
		if (group.has("name")) {
			text(group.get("name"), path + ".name");
		}
		int ids = identifiers(group, path);
		if (ids > 1) {
			throw bad(path + " must not have more than one identifier");
		}
		if (group.has("member")) {
			JsonNode members = group.get("member");
			if (!members.isArray()) {
				throw bad(path + ".member must be an array");
			}
			int i = 0;
			for (JsonNode m : members) {
				String p = path + ".member[" + i++ + "]";
				requireObject(m, p);
				if (m.has("objectType") && "Group".equals(m.get("objectType").asString())) {
					throw bad(p + " must be an Agent: groups cannot contain groups");
				}
				agent(m, p);
			}
		}
		if (ids == 0 && (!group.has("member") || group.get("member").isEmpty())) {
			throw bad(path + ": an anonymous group must list its members");
		}
	}

	private int identifiers(JsonNode actor, String path) {
		int n = 0;
		if (actor.has("mbox")) {
			n++;
			String mbox = text(actor.get("mbox"), path + ".mbox");
			if (!MBOX.matcher(mbox).matches()) {
				throw bad(path + ".mbox must be a mailto: address");
			}
		}
		if (actor.has("mbox_sha1sum")) {
			n++;
			if (!SHA1.matcher(text(actor.get("mbox_sha1sum"), path + ".mbox_sha1sum")).matches()) {
				throw bad(path + ".mbox_sha1sum must be a SHA-1 hex digest");
			}
		}
		if (actor.has("openid")) {
			n++;
			iri(actor.get("openid"), path + ".openid");
		}
		if (actor.has("account")) {
			n++;
			JsonNode account = actor.get("account");
			requireObject(account, path + ".account");
			allowOnly(account, Set.of("homePage", "name"), path + ".account");
			require(account, "homePage", path + ".account");
			require(account, "name", path + ".account");
			iri(account.get("homePage"), path + ".account.homePage");
			text(account.get("name"), path + ".account.name");
		}
		return n;
	}

	private void authority(JsonNode authority) {
		requireObject(authority, "authority");
		String type = objectType(authority, "authority", "Agent");
		if ("Agent".equals(type)) {
			agent(authority, "authority");
		}
		else if ("Group".equals(type)) {
			group(authority, "authority");
			if (identifiers(authority, "authority") != 0 || !authority.has("member") || authority.get("member").size() != 2) {
				throw bad("authority: a group authority must be an anonymous group of two agents (an OAuth consumer and user)");
			}
			boolean consumer = false;
			for (JsonNode m : authority.get("member")) {
				consumer |= m.has("account");
			}
			if (!consumer) {
				throw bad("authority: one member of a group authority must be the OAuth consumer's account");
			}
		}
		else {
			throw bad("authority.objectType must be Agent or Group");
		}
	}

	private void verb(JsonNode verb, String path) {
		requireObject(verb, path);
		allowOnly(verb, Set.of("id", "display"), path);
		require(verb, "id", path);
		iri(verb.get("id"), path + ".id");
		if (verb.has("display")) {
			languageMap(verb.get("display"), path + ".display");
		}
	}

	private void statementObject(JsonNode object, String path, boolean inSubStatement) {
		requireObject(object, path);
		String type = objectType(object, path, "Activity");
		switch (type) {
			case "Activity" -> activity(object, path);
			case "Agent" -> {
				if (!object.has("objectType")) {
					throw bad(path + ".objectType is required for an Agent");
				}
				agent(object, path);
			}
			case "Group" -> group(object, path);
			case "StatementRef" -> statementRef(object, path);
			case "SubStatement" -> {
				if (inSubStatement) {
					throw bad(path + ": a SubStatement cannot contain a SubStatement");
				}
				subStatement(object, path);
			}
			default -> throw bad(path + ".objectType must be Activity, Agent, Group, StatementRef or SubStatement");
		}
	}

	private void statementRef(JsonNode ref, String path) {
		allowOnly(ref, Set.of("objectType", "id"), path);
		require(ref, "id", path);
		uuid(ref.get("id"), path + ".id");
	}

	private void subStatement(JsonNode sub, String path) {
		allowOnly(sub, SUB_STATEMENT_KEYS, path);
		require(sub, "actor", path);
		require(sub, "verb", path);
		require(sub, "object", path);
		actor(sub.get("actor"), path + ".actor");
		verb(sub.get("verb"), path + ".verb");
		statementObject(sub.get("object"), path + ".object", true);
		if (sub.has("result")) {
			result(sub.get("result"), path + ".result");
		}
		if (sub.has("context")) {
			context(sub.get("context"), sub.get("object"), path + ".context");
		}
		if (sub.has("timestamp")) {
			timestamp(sub.get("timestamp"), path + ".timestamp");
		}
		if (sub.has("attachments")) {
			attachments(sub.get("attachments"), path + ".attachments");
		}
	}

	void activity(JsonNode activity, String path) {
		requireObject(activity, path);
		allowOnly(activity, Set.of("objectType", "id", "definition"), path);
		if (activity.has("objectType") && !"Activity".equals(text(activity.get("objectType"), path + ".objectType"))) {
			throw bad(path + ".objectType must be Activity");
		}
		require(activity, "id", path);
		iri(activity.get("id"), path + ".id");
		if (activity.has("definition")) {
			definition(activity.get("definition"), path + ".definition");
		}
	}

	private void definition(JsonNode d, String path) {
		requireObject(d, path);
		allowOnly(d, Set.of("name", "description", "type", "moreInfo", "extensions", "interactionType",
				"correctResponsesPattern", "choices", "scale", "source", "target", "steps"), path);
		if (d.has("name")) {
			languageMap(d.get("name"), path + ".name");
		}
		if (d.has("description")) {
			languageMap(d.get("description"), path + ".description");
		}
		if (d.has("type")) {
			iri(d.get("type"), path + ".type");
		}
		if (d.has("moreInfo")) {
			iri(d.get("moreInfo"), path + ".moreInfo");
		}
		if (d.has("extensions")) {
			extensions(d.get("extensions"), path + ".extensions");
		}
		String interaction = null;
		if (d.has("interactionType")) {
			interaction = text(d.get("interactionType"), path + ".interactionType");
			if (!INTERACTION_TYPES.contains(interaction)) {
				throw bad(path + ".interactionType is not an xAPI interaction type");
			}
		}
		if (d.has("correctResponsesPattern")) {
			if (interaction == null) {
				throw bad(path + ".correctResponsesPattern needs an interactionType");
			}
			JsonNode p = d.get("correctResponsesPattern");
			if (!p.isArray()) {
				throw bad(path + ".correctResponsesPattern must be an array of strings");
			}
			for (JsonNode s : p) {
				if (!s.isString()) {
					throw bad(path + ".correctResponsesPattern must be an array of strings");
				}
			}
		}
		for (String list : Set.of("choices", "scale", "source", "target", "steps")) {
			if (d.has(list)) {
				if (interaction == null || !COMPONENTS_BY_TYPE.getOrDefault(interaction, Set.of()).contains(list)) {
					throw bad(path + "." + list + " is not allowed for interactionType " + interaction);
				}
				components(d.get(list), path + "." + list);
			}
		}
	}

	private void components(JsonNode list, String path) {
		if (!list.isArray()) {
			throw bad(path + " must be an array");
		}
		Set<String> ids = new HashSet<>();
		int i = 0;
		for (JsonNode c : list) {
			String p = path + "[" + i++ + "]";
			requireObject(c, p);
			allowOnly(c, Set.of("id", "description"), p);
			require(c, "id", p);
			if (!ids.add(text(c.get("id"), p + ".id"))) {
				throw bad(p + ".id is repeated");
			}
			if (c.has("description")) {
				languageMap(c.get("description"), p + ".description");
			}
		}
	}

	private void result(JsonNode result, String path) {
		requireObject(result, path);
		allowOnly(result, Set.of("score", "success", "completion", "response", "duration", "extensions"), path);
		if (result.has("score")) {
			score(result.get("score"), path + ".score");
		}
		for (String flag : new String[] { "success", "completion" }) {
			if (result.has(flag) && !result.get(flag).isBoolean()) {
				throw bad(path + "." + flag + " must be true or false");
			}
		}
		if (result.has("response")) {
			text(result.get("response"), path + ".response");
		}
		if (result.has("duration")) {
			if (!DURATION.matcher(text(result.get("duration"), path + ".duration")).matches()) {
				throw bad(path + ".duration must be an ISO 8601 duration");
			}
		}
		if (result.has("extensions")) {
			extensions(result.get("extensions"), path + ".extensions");
		}
	}

	private void score(JsonNode score, String path) {
		requireObject(score, path);
		allowOnly(score, Set.of("scaled", "raw", "min", "max"), path);
		for (String n : new String[] { "scaled", "raw", "min", "max" }) {
			if (score.has(n) && !score.get(n).isNumber()) {
				throw bad(path + "." + n + " must be a number");
			}
		}
		if (score.has("scaled")) {
			double s = finite(score.get("scaled"), path + ".scaled");
			if (s < -1 || s > 1) {
				throw bad(path + ".scaled must be between -1 and 1");
			}
		}
		Double min = score.has("min") ? finite(score.get("min"), path + ".min") : null;
		Double max = score.has("max") ? finite(score.get("max"), path + ".max") : null;
		if (min != null && max != null && min >= max) {
			throw bad(path + ".min must be less than max");
		}
		if (score.has("raw")) {
			double raw = finite(score.get("raw"), path + ".raw");
			if ((min != null && raw < min) || (max != null && raw > max)) {
				throw bad(path + ".raw must be between min and max");
			}
		}
	}

	/** A score as a double, or 400 if it is beyond what a double holds (1e400): no LRS or report could use it. */
	private static double finite(JsonNode number, String path) {
		double value = number.isIntegralNumber() ? number.bigIntegerValue().doubleValue()
				: number.decimalValue().doubleValue();
		if (!Double.isFinite(value)) {
			throw bad(path + " is too large a number");
		}
		return value;
	}

	private void context(JsonNode context, JsonNode object, String path) {
		requireObject(context, path);
		allowOnly(context, version2
				? Set.of("registration", "instructor", "team", "contextActivities", "contextAgents", "contextGroups",
						"revision", "platform", "language", "statement", "extensions")
				: Set.of("registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
						"statement", "extensions"),
				path);
		if (context.has("registration")) {
			uuid(context.get("registration"), path + ".registration");
		}
		if (context.has("instructor")) {
			actor(context.get("instructor"), path + ".instructor");
		}
		if (context.has("team")) {
			JsonNode team = context.get("team");
			requireObject(team, path + ".team");
			if (!"Group".equals(objectType(team, path + ".team", "Agent"))) {
				throw bad(path + ".team must be a Group");
			}
			group(team, path + ".team");
		}
		if (context.has("contextActivities")) {
			JsonNode ca = context.get("contextActivities");
			requireObject(ca, path + ".contextActivities");
			allowOnly(ca, Set.of("parent", "grouping", "category", "other"), path + ".contextActivities");
			for (Iterator<Map.Entry<String, JsonNode>> it = ca.properties().iterator(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				String p = path + ".contextActivities." + e.getKey();
				if (e.getValue().isArray()) {
					int i = 0;
					for (JsonNode a : e.getValue()) {
						activity(a, p + "[" + i++ + "]");
					}
				}
				else {
					activity(e.getValue(), p);
				}
			}
		}
		if (context.has("contextAgents")) {
			contextActors(context.get("contextAgents"), "agent", path + ".contextAgents");
		}
		if (context.has("contextGroups")) {
			contextActors(context.get("contextGroups"), "group", path + ".contextGroups");
		}
		boolean activityObject = "Activity".equals(object.path("objectType").asString("Activity"));
		for (String p : new String[] { "revision", "platform" }) {
			if (context.has(p)) {
				text(context.get(p), path + "." + p);
				if (!activityObject) {
					throw bad(path + "." + p + " is only allowed when the object is an Activity");
				}
			}
		}
		if (context.has("language")) {
			language(context.get("language"), path + ".language");
		}
		if (context.has("statement")) {
			JsonNode ref = context.get("statement");
			requireObject(ref, path + ".statement");
			if (!"StatementRef".equals(objectType(ref, path + ".statement", ""))) {
				throw bad(path + ".statement must be a StatementRef");
			}
			statementRef(ref, path + ".statement");
		}
		if (context.has("extensions")) {
			extensions(context.get("extensions"), path + ".extensions");
		}
	}

	private void contextActors(JsonNode list, String field, String path) {
		if (!list.isArray()) {
			throw bad(path + " must be an array");
		}
		int i = 0;
		for (JsonNode item : list) {
			String p = path + "[" + i++ + "]";
			requireObject(item, p);
			allowOnly(item, Set.of("objectType", field, "relevantTypes"), p);
			String type = "agent".equals(field) ? "contextAgent" : "contextGroup";
			if (!type.equals(text(item.path("objectType"), p + ".objectType"))) {
				throw bad(p + ".objectType must be " + type);
			}
			require(item, field, p);
			if ("agent".equals(field)) {
				agent(item.get(field), p + ".agent");
			}
			else {
				requireObject(item.get(field), p + ".group");
				group(item.get(field), p + ".group");
			}
			if (item.has("relevantTypes")) {
				JsonNode types = item.get("relevantTypes");
				if (!types.isArray() || types.isEmpty()) {
					throw bad(p + ".relevantTypes must be a non-empty array of IRIs");
				}
				for (JsonNode t : types) {
					iri(t, p + ".relevantTypes");
				}
			}
		}
	}

	private void attachments(JsonNode list, String path) {
		if (!list.isArray()) {
			throw bad(path + " must be an array");
		}
		int i = 0;
		for (JsonNode a : list) {
			String p = path + "[" + i++ + "]";
			requireObject(a, p);
			allowOnly(a, Set.of("usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"), p);
			for (String r : new String[] { "usageType", "display", "contentType", "length", "sha2" }) {
				require(a, r, p);
			}
			iri(a.get("usageType"), p + ".usageType");
			languageMap(a.get("display"), p + ".display");
			if (a.has("description")) {
				languageMap(a.get("description"), p + ".description");
			}
			if (!text(a.get("contentType"), p + ".contentType").matches("^[\\w.+-]+/[\\w.+-]+.*$")) {
				throw bad(p + ".contentType must be an Internet Media Type");
			}
			if (!a.get("length").isIntegralNumber() || !a.get("length").canConvertToLong() || a.get("length").asLong() < 0) {
				throw bad(p + ".length must be a whole number");
			}
			if (!text(a.get("sha2"), p + ".sha2").matches("^[0-9a-fA-F]{56,128}$")) {
				throw bad(p + ".sha2 must be a SHA-2 hex digest");
			}
			if (a.has("fileUrl")) {
				iri(a.get("fileUrl"), p + ".fileUrl");
			}
		}
	}

	private void extensions(JsonNode ext, String path) {
		requireObject(ext, path);
		for (String key : ext.propertyNames()) {
			if (!IRI.matcher(key).matches()) {
				throw bad(path + ": the key " + key + " is not an IRI");
			}
		}
	}

	private void languageMap(JsonNode map, String path) {
		requireObject(map, path);
		for (Map.Entry<String, JsonNode> e : map.properties()) {
			if (!LANGUAGE.matcher(e.getKey()).matches()) {
				throw bad(path + ": " + e.getKey() + " is not a language tag");
			}
			if (!e.getValue().isString()) {
				throw bad(path + "." + e.getKey() + " must be a string");
			}
		}
	}

	private void language(JsonNode node, String path) {
		if (!LANGUAGE.matcher(text(node, path)).matches()) {
			throw bad(path + " is not a language tag");
		}
	}

	private void timestamp(JsonNode node, String path) {
		String value = text(node, path);
		if (!TIMESTAMP.matcher(value).matches()) {
			throw bad(path + " must be an ISO 8601 date and time");
		}
		if (value.endsWith("-00:00") || value.endsWith("-0000") || value.endsWith("-00")) {
			throw bad(path + ": the offset -00:00 is not allowed");
		}
		try {
			Timestamps.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw bad(path + " is not a real date and time");
		}
		if (version2 && !Timestamps.hasZone(value)) {
			throw bad(path + " must include a time zone");
		}
	}

	private void uuid(JsonNode node, String path) {
		if (!UUID_PATTERN.matcher(text(node, path)).matches()) {
			throw bad(path + " must be a UUID");
		}
	}

	private void iri(JsonNode node, String path) {
		if (!IRI.matcher(text(node, path)).matches()) {
			throw bad(path + " must be an absolute IRI");
		}
	}

	private static String objectType(JsonNode node, String path, String defaultType) {
		if (!node.has("objectType")) {
			return defaultType;
		}
		JsonNode t = node.get("objectType");
		if (!t.isString()) {
			throw bad(path + ".objectType must be a string");
		}
		return t.asString();
	}

	private static String text(JsonNode node, String path) {
		if (node == null || !node.isString()) {
			throw bad(path + " must be a string");
		}
		return node.asString();
	}

	private static void requireObject(JsonNode node, String path) {
		if (node == null || !node.isObject()) {
			throw bad(path + " must be a JSON object");
		}
	}

	private static void require(JsonNode node, String key, String path) {
		if (!node.has(key) || node.get(key).isNull()) {
			throw bad(path + "." + key + " is required");
		}
	}

	private static void allowOnly(JsonNode node, Set<String> keys, String path) {
		for (Map.Entry<String, JsonNode> e : node.properties()) {
			if (!keys.contains(e.getKey())) {
				throw bad(path + ": unknown property " + e.getKey());
			}
			if (e.getValue().isNull()) {
				throw bad(path + "." + e.getKey() + " must not be null");
			}
		}
	}

	private static XapiException bad(String message) {
		return XapiException.badRequest(message);
	}

	/** Parses xAPI timestamps. */
	public static final class Timestamps {

		private Timestamps() {
		}

		static boolean hasZone(String value) {
			int t = value.indexOf('T');
			String time = value.substring(t);
			return time.endsWith("Z") || time.contains("+") || time.contains("-");
		}

		/** Parses a timestamp; one without a zone is taken as UTC. */
		public static OffsetDateTime parse(String value) {
			String v = value;
			if (!hasZone(v)) {
				v = v + "Z";
			}
			else if (v.matches(".*[+-]\\d{2}$")) {
				v = v + ":00";
			}
			else if (v.matches(".*[+-]\\d{4}$")) {
				v = v.substring(0, v.length() - 2) + ":" + v.substring(v.length() - 2);
			}
			if (v.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(Z|[+-].*)$")) {
				v = v.substring(0, 16) + ":00" + v.substring(16);
			}
			return OffsetDateTime.parse(v);
		}

	}

}
