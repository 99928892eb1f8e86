package org.opendoor.lms.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cmi5 LMS and its LRS on loopback, strict where the cmi5 specification is: it serves an unzipped AU,
 * launches it (launch data, the launched statement, a one-time token, a new session that abandons an
 * unfinished one) and REJECTS every statement or document request that breaks a cmi5 rule, with 400
 * (403 for a closed session) and the rule's section, as ADL's cmi5 test suite (CATAPULT's player
 * LRS proxy) does. The LRS can be made slow to answer or to fail with 503 for a while. Section numbers
 * are those of the cmi5 specification ("cmi5_spec.md", AICC/CMI-5_Spec_Current).
 */
final class Cmi5Lms implements AutoCloseable {

	static final String CMI5 = "https://w3id.org/xapi/cmi5/context/";

	static final String SESSION = CMI5 + "extensions/sessionid";

	static final String MASTERY = CMI5 + "extensions/masteryscore";

	static final String CATEGORY = CMI5 + "categories/cmi5";

	static final String MOVEON = CMI5 + "categories/moveon";

	static final String VERBS = "http://adlnet.gov/expapi/verbs/";

	static final Set<String> CMI5_VERBS = Set.of("initialized", "completed", "passed", "failed", "terminated");

	private static final Pattern DURATION = Pattern.compile("^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$");

	private static final Pattern UUID_FORMAT = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A statement request the LRS received: the verbs and ids it carried, and the status it answered. */
	record Attempt(String session, List<String> verbs, List<String> ids, int status) {
	}

	/** One launch of the AU. */
	static final class Session {

		final String id = UUID.randomUUID().toString();

		final String token = Base64.getEncoder().encodeToString((UUID.randomUUID() + ":secret").getBytes(StandardCharsets.UTF_8));

		final String mode;

		boolean tokenFetched;

		boolean preferencesRead;

		Instant initialized;

		Instant latest;

		boolean terminated;

		boolean abandoned;

		final Set<String> verbs = new HashSet<>();

		Session(String mode) {
			this.mode = mode;
		}

	}

	private final Map<String, byte[]> files;

	private final HttpServer site;

	private final HttpServer lrs;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	final String registration = UUID.randomUUID().toString();

	final String activityId = "https://lms.example.org/activities/" + UUID.randomUUID();

	final String actor = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://lms.example.org\",\"name\":\"" + UUID.randomUUID()
			+ "\"}}";

	final String publisherId;

	final double masteryScore = 0.8;

	/** Every statement the LRS holds, in the order it stored them (the LMS's own included). */
	final Map<String, JsonNode> stored = new LinkedHashMap<>();

	final List<Attempt> attempts = new ArrayList<>();

	/** Every rule broken by a request from the AU, with its section; a strict LMS rejected each. */
	final List<String> violations = new ArrayList<>();

	final List<Session> sessions = new ArrayList<>();

	private final Map<String, String> documents = new HashMap<>();

	private boolean returnUrl = true;

	private volatile long slowMillis;

	private final AtomicInteger failures = new AtomicInteger();

	private volatile String failingVerb;

	int statePuts;

	Cmi5Lms(Map<String, byte[]> files) throws IOException {
		this.files = files;
		Matcher au = Pattern.compile("<au id=\"([^\"]+)\"").matcher(new String(files.get("cmi5.xml"), StandardCharsets.UTF_8));
		if (!au.find()) {
			throw new IllegalArgumentException("cmi5.xml has no AU");
		}
		this.publisherId = au.group(1);
		site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		site.setExecutor(threads);
		site.createContext("/", this::serveSite);
		site.start();
		lrs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		lrs.setExecutor(threads);
		lrs.createContext("/xapi/", this::serveLrs);
		lrs.start();
	}

	String site() {
		return "http://127.0.0.1:" + site.getAddress().getPort();
	}

	String returned() {
		return site() + "/returned.html";
	}

	/** The LRS keeps answering, but only after this long (having stored what it was sent). */
	void slow(long millis) {
		slowMillis = millis;
	}

	/** The next {@code times} statement requests carrying this verb get 503 and store nothing. */
	void failStatementsWith(String verb, int times) {
		failingVerb = verb;
		failures.set(times);
	}

	void withoutReturnUrl() {
		returnUrl = false;
	}

	/**
	 * What the LMS does for a launch (cmi5 8.1, 9.3.1, 9.3.6, 10.0): abandons an unfinished session,
	 * writes the launch data and the launched statement, makes a token; returns the AU's URL.
	 */
	synchronized String launch(String mode) {
		for (Session s : sessions) {
			if (!s.terminated && !s.abandoned) {
				s.abandoned = true;
				store(lmsStatement("https://w3id.org/xapi/adl/verbs/abandoned", s, true));
			}
		}
		Session session = new Session(mode);
		sessions.add(session);
		ObjectNode data = JSON.createObjectNode();
		data.set("contextTemplate", template(session));
		data.put("launchMode", mode).put("launchMethod", "AnyWindow").put("moveOn", "CompletedAndPassed").put("masteryScore", masteryScore);
		if (returnUrl) {
			data.put("returnURL", returned());
		}
		documents.put("LMS.LaunchData", data.toString());
		store(lmsStatement(VERBS + "launched", session, false));
		return site() + "/pkg/index.html?endpoint=" + enc("http://127.0.0.1:" + lrs.getAddress().getPort() + "/xapi/") + "&fetch="
				+ enc(site() + "/fetch/" + session.id) + "&actor=" + enc(actor) + "&registration=" + registration + "&activityId="
				+ enc(activityId);
	}

	Session current() {
		return sessions.get(sessions.size() - 1);
	}

	private ObjectNode template(Session session) {
		ObjectNode template = JSON.createObjectNode();
		template.putObject("contextActivities").putArray("grouping").addObject().put("id", publisherId);
		template.putObject("extensions").put(SESSION, session.id);
		return template;
	}

	private ObjectNode lmsStatement(String verb, Session session, boolean withDuration) {
		ObjectNode st = JSON.createObjectNode();
		st.put("id", UUID.randomUUID().toString()).put("timestamp", Instant.now().toString());
		st.set("actor", JSON.readTree(actor));
		st.putObject("verb").put("id", verb);
		st.putObject("object").put("objectType", "Activity").put("id", activityId);
		ObjectNode context = template(session);
		context.put("registration", registration);
		((ObjectNode) context.get("contextActivities")).putArray("category").addObject().put("id", CATEGORY);
		((ObjectNode) context.get("extensions")).put(CMI5 + "extensions/launchmode", session.mode)
			.put(CMI5 + "extensions/moveon", "CompletedAndPassed")
			.put(MASTERY, masteryScore);
		st.set("context", context);
		if (withDuration) {
			st.putObject("result").put("duration", "PT0S");
		}
		return st;
	}

	private void store(JsonNode statement) {
		stored.put(statement.get("id").asString(), statement);
	}

	/** Loses a State API document, as when the AU's last write never arrived. */
	synchronized void forget(String stateId) {
		documents.remove(stateId);
	}

	/** A State API document as the AU last wrote it, or null. */
	synchronized String document(String stateId) {
		return documents.get(stateId);
	}

	/** The statements stored for the AU, oldest first, as verbs ("launched", "passed", "abandoned"...). */
	synchronized List<String> verbs() {
		return stored.values().stream().map(Cmi5Lms::verb).toList();
	}

	synchronized List<JsonNode> statements(String verb) {
		return stored.values().stream().filter(s -> verb(s).equals(verb)).toList();
	}

	static String verb(JsonNode statement) {
		String id = statement.get("verb").get("id").asString();
		return id.substring(id.lastIndexOf('/') + 1);
	}

	static String session(JsonNode statement) {
		return statement.path("context").path("extensions").path(SESSION).asString("");
	}

	private void serveSite(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.startsWith("/fetch/")) {
			// cmi5 8.2: the fetch URL gives the token once; a second request gets an error, not a token.
			Session session;
			synchronized (this) {
				session = sessions.stream().filter(s -> path.equals("/fetch/" + s.id)).findFirst().orElse(null);
				if (session != null && session.tokenFetched) {
					session = null;
				}
				if (session != null) {
					session.tokenFetched = true;
				}
			}
			respond(exchange, 200, session != null ? "{\"auth-token\":\"" + session.token + "\"}"
					: "{\"error-code\":\"1\",\"error-text\":\"This launch has already been used\"}");
			return;
		}
		if (path.equals("/returned.html")) {
			respond(exchange, 200, "<!DOCTYPE html><title>LMS</title><h1>Back in the LMS</h1>", "text/html; charset=utf-8");
			return;
		}
		byte[] body = path.startsWith("/pkg/") ? files.get(path.substring("/pkg/".length())) : null;
		if (body == null) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		String type = path.endsWith(".html") ? "text/html; charset=utf-8"
				: path.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css";
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void serveLrs(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
		if ("OPTIONS".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, PUT, POST");
			exchange.getResponseHeaders()
				.set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Experience-API-Version");
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
			return;
		}
		String method = exchange.getRequestMethod();
		String resource = exchange.getRequestURI().getPath().substring("/xapi/".length());
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		byte[] body = exchange.getRequestBody().readAllBytes();
		int[] status = { 0 };
		String answer;
		boolean statementsPost = resource.equals("statements") && !method.equals("GET");
		String failing = failingVerb;
		if (statementsPost && failing != null && new String(body, StandardCharsets.UTF_8).contains(VERBS + failing + "\"")
				&& failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			synchronized (this) {
				attempts.add(new Attempt("", verbsOf(body), idsOf(body), 503));
			}
			respond(exchange, 503, "{\"error\":\"The LRS is busy\"}");
			return;
		}
		synchronized (this) {
			answer = handle(method, resource, query, body, exchange.getRequestHeaders().getFirst("Authorization"), status);
		}
		if (statementsPost && slowMillis > 0) {
			try {
				Thread.sleep(slowMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			respond(exchange, status[0], answer);
		}
		catch (IOException ex) {
			// The AU's window closed while the LRS was answering: what it stored stays stored.
		}
	}

	private String handle(String method, String resource, Map<String, String> query, byte[] body, String authorization, int[] status) {
		Session session = sessions.stream().filter(s -> ("Basic " + s.token).equals(authorization) && s.tokenFetched).findFirst().orElse(null);
		if (session == null) {
			status[0] = 401;
			return "{\"error\":\"unknown credentials\"}";
		}
		// CATAPULT 8.1.2.0-2 and cmi5 9.3.8: after terminated the LMS rejects requests of the session (no
		// statement, no State API PUT); 9.3.6: nothing is recorded for an abandoned session.
		if (session.terminated || session.abandoned) {
			return violation(status, 403, (session.terminated ? "9.3.8 request after terminated: " : "9.3.6 request in an abandoned session: ")
					+ method + " " + resource);
		}
		switch (resource) {
			case "agents/profile" -> {
				// cmi5 11.0: the AU reads the learner preferences document on startup.
				if (method.equals("GET") && "cmi5LearnerPreferences".equals(query.get("profileId"))) {
					session.preferencesRead = true;
					status[0] = 404;
					return "";
				}
				status[0] = 403;
				return "";
			}
			case "activities/state" -> {
				// cmi5 10.1: the State API document is about this AU, learner and registration.
				if (!activityId.equals(query.get("activityId")) || !registration.equals(query.get("registration"))
						|| !JSON.readTree(actor).equals(JSON.readTree(query.getOrDefault("agent", "{}")))) {
					return violation(status, 400, "10.1 state document of another activity, agent or registration");
				}
				String stateId = query.get("stateId");
				if (method.equals("GET")) {
					String doc = documents.get(stateId);
					status[0] = doc == null ? 404 : 200;
					return doc == null ? "" : doc;
				}
				if ("LMS.LaunchData".equals(stateId)) {
					// cmi5 10.2.1: the AU MUST NOT modify or delete the LMS.LaunchData document.
					return violation(status, 403, "10.2.1 the AU changed LMS.LaunchData");
				}
				statePuts++;
				documents.put(stateId, new String(body, StandardCharsets.UTF_8));
				status[0] = 204;
				return "";
			}
			case "statements" -> {
				if (method.equals("GET") && query.containsKey("statementId")) {
					JsonNode st = stored.get(query.get("statementId"));
					status[0] = st == null ? 404 : 200;
					return st == null ? "" : st.toString();
				}
				if (method.equals("GET")) {
					// xAPI statement query by agent, verb, activity and registration (newest first, limit).
					ArrayNode found = JSON.createArrayNode();
					List<JsonNode> all = new ArrayList<>(stored.values());
					java.util.Collections.reverse(all);
					all.stream()
						.filter(st -> !query.containsKey("verb") || query.get("verb").equals(st.path("verb").path("id").asString("")))
						.filter(st -> !query.containsKey("activity") || query.get("activity").equals(st.path("object").path("id").asString("")))
						.filter(st -> !query.containsKey("registration")
								|| query.get("registration").equals(st.path("context").path("registration").asString("")))
						.filter(st -> !query.containsKey("agent") || JSON.readTree(query.get("agent")).equals(st.get("actor")))
						.limit(Long.parseLong(query.getOrDefault("limit", "0")) > 0 ? Long.parseLong(query.get("limit")) : Long.MAX_VALUE)
						.forEach(found::add);
					status[0] = 200;
					ObjectNode result = JSON.createObjectNode();
					result.set("statements", found);
					return result.put("more", "").toString();
				}
				return statements(session, method, query, body, status);
			}
			default -> {
				status[0] = 404;
				return "";
			}
		}
	}

	private String statements(Session session, String method, Map<String, String> query, byte[] body, int[] status) {
		JsonNode payload = JSON.readTree(body);
		List<JsonNode> batch = new ArrayList<>();
		if (payload.isArray()) {
			payload.forEach(batch::add);
		}
		else {
			if (method.equals("PUT")) {
				((ObjectNode) payload).put("id", query.getOrDefault("statementId", ""));
			}
			batch.add(payload);
		}
		// The session as it would be once the batch is stored: an LRS takes a batch whole or not at all.
		Instant initialized = session.initialized;
		Instant latest = session.latest;
		Set<String> verbs = new HashSet<>(session.verbs);
		boolean completed = registrationHas("completed");
		boolean passed = registrationHas("passed");
		boolean terminated = false;
		List<JsonNode> fresh = new ArrayList<>();
		String broken = null;
		for (JsonNode st : batch) {
			String id = st.path("id").asString("");
			JsonNode existing = stored.get(id);
			if (existing != null) {
				// xAPI 1.0.3 (Statement Resource): a statement whose id the LRS holds is not stored again;
				// one that differs from the stored one is a 409 Conflict.
				if (!existing.equals(st)) {
					status[0] = 409;
					attempts.add(new Attempt(session.id, verbsOf(body), idsOf(body), 409));
					return "{\"error\":\"statement " + id + " differs from the stored one\"}";
				}
				continue;
			}
			String rule = rule(session, st, initialized, latest, verbs, completed, passed, terminated);
			if (rule != null) {
				broken = rule + " (" + verb(st) + " " + id + ")";
				break;
			}
			String verb = verb(st);
			Instant at = Instant.parse(st.get("timestamp").asString());
			if (verb.equals("initialized")) {
				initialized = at;
			}
			latest = latest == null || at.isAfter(latest) ? at : latest;
			verbs.add(verb);
			completed |= verb.equals("completed");
			passed |= verb.equals("passed");
			terminated |= verb.equals("terminated");
			fresh.add(st);
		}
		if (broken != null) {
			attempts.add(new Attempt(session.id, verbsOf(body), idsOf(body), 400));
			return violation(status, 400, broken);
		}
		fresh.forEach(this::store);
		session.initialized = initialized;
		session.latest = latest;
		session.verbs.addAll(verbs);
		session.terminated |= terminated;
		attempts.add(new Attempt(session.id, verbsOf(body), idsOf(body), 200));
		status[0] = method.equals("PUT") ? 204 : 200;
		ArrayNode ids = JSON.createArrayNode();
		batch.forEach(st -> ids.add(st.get("id").asString()));
		return method.equals("PUT") ? "" : ids.toString();
	}

	private boolean registrationHas(String verb) {
		return stored.values().stream().anyMatch(s -> verb(s).equals(verb) && s.path("context").path("registration").asString("").equals(registration));
	}

	/** The first cmi5 rule the statement breaks, with its section, or null. */
	private String rule(Session s, JsonNode st, Instant initialized, Instant latest, Set<String> verbs, boolean completed, boolean passed,
			boolean terminated) {
		// 9.1: the AU gives every statement an id in UUID format.
		if (!UUID_FORMAT.matcher(st.path("id").asString("")).matches()) {
			return "9.1 statement id is not a UUID";
		}
		if (st.path("actor").isMissingNode() || st.path("verb").path("id").isMissingNode() || st.path("object").isMissingNode()) {
			return "4.1 (xAPI) statement lacks actor, verb or object";
		}
		// 9.7: every statement has a timestamp, in UTC.
		String timestamp = st.path("timestamp").asString("");
		if (!timestamp.matches(".*(Z|\\+00:?(00)?)$")) {
			return "9.7 timestamp missing or not UTC";
		}
		Instant at = Instant.parse(timestamp);
		// 11.0 (CATAPULT 11.0.0.0-3): the AU reads the learner preferences before it sends statements.
		if (!s.preferencesRead) {
			return "11.0 statement before the learner preferences were read";
		}
		// 8.1.3, 9.2: the actor is the launch's, an Agent with an account.
		if (!JSON.readTree(actor).equals(st.get("actor"))) {
			return "9.2 actor differs from the launch's";
		}
		JsonNode context = st.path("context");
		// 9.6.1: the registration is the LMS's.
		if (!registration.equals(context.path("registration").asString(""))) {
			return "9.6.1 registration missing or different";
		}
		// 10.2.1, 9.6.2: everything in the context template is in the context, unchanged.
		JsonNode template = template(s);
		for (Map.Entry<String, JsonNode> list : template.get("contextActivities").properties()) {
			for (int i = 0; i < list.getValue().size(); i++) {
				if (!list.getValue().get(i).get("id").equals(context.path("contextActivities").path(list.getKey()).path(i).path("id"))) {
					return "10.2.1 context does not keep the template's " + list.getKey() + " (9.6.2.3 publisher id)";
				}
			}
		}
		// 9.6.3.1: the session id of this launch, as the template gives it.
		if (!s.id.equals(context.path("extensions").path(SESSION).asString(""))) {
			return "9.6.3.1 session id missing or not this session's";
		}
		String verb = verb(st);
		boolean cmi5Defined = hasCategory(context, CATEGORY);
		// 9.3: initialized is the first statement of the session and terminated the last (order by
		// timestamp), whether cmi5 defined or allowed; 9.3.8: nothing after terminated.
		if (terminated) {
			return "9.3.8 statement after terminated";
		}
		if (initialized == null && !verb.equals("initialized")) {
			return "9.3.2 first statement of the session is not initialized";
		}
		if (initialized != null && at.isBefore(initialized)) {
			return "9.3 statement timestamped before initialized";
		}
		if (verb.equals("terminated") && latest != null && at.isBefore(latest)) {
			return "9.3.8 terminated is not the last statement by timestamp";
		}
		if (!cmi5Defined) {
			if (CMI5_VERBS.contains(verb)) {
				// 9.6.2.1: the AU's initialized, completed, passed, failed and terminated are cmi5 defined.
				return "9.6.2.1 cmi5 category missing";
			}
			return null;
		}
		if (!CMI5_VERBS.contains(verb)) {
			return "9.3 unknown cmi5 defined verb (CATAPULT 9.3.0.0-1)";
		}
		// 9.4: the object is the AU, by the launch's activityId.
		if (!activityId.equals(st.path("object").path("id").asString(""))) {
			return "9.4 object is not the AU's activityId";
		}
		// 9.3: within a session no verb is used twice, and only one of passed and failed.
		if (verbs.contains(verb)) {
			return "9.3 " + verb + " twice in a session";
		}
		if ((verb.equals("passed") || verb.equals("failed")) && (verbs.contains("passed") || verbs.contains("failed"))) {
			return "9.3 both passed and failed in a session";
		}
		// 9.3, 9.3.3, 9.3.4: one completed and one passed per registration, and no failed after passed.
		if (verb.equals("completed") && completed) {
			return "9.3.3 a second completed in the registration";
		}
		if (verb.equals("passed") && passed) {
			return "9.3.4 a second passed in the registration";
		}
		if (verb.equals("failed") && passed) {
			return "9.3 failed after passed in the registration";
		}
		// 10.2.2: in Browse and Review modes the AU sends only initialized and terminated.
		if (!s.mode.equals("Normal") && !verb.equals("initialized") && !verb.equals("terminated")) {
			return "10.2.2 " + verb + " in " + s.mode + " mode";
		}
		JsonNode result = st.path("result");
		// 9.5.3: completion true in completed, absent elsewhere.
		if (verb.equals("completed") != result.has("completion") || (result.has("completion") && !result.get("completion").asBoolean())) {
			return "9.5.3 completion";
		}
		// 9.5.2: success true in passed, false in failed, absent elsewhere.
		boolean judged = verb.equals("passed") || verb.equals("failed");
		if (judged != result.has("success") || (judged && result.get("success").asBoolean() != verb.equals("passed"))) {
			return "9.5.2 success";
		}
		// 9.6.2.2: the moveon category exactly on statements whose result has success or completion.
		if (hasCategory(context, MOVEON) != (result.has("success") || result.has("completion"))) {
			return "9.6.2.2 moveon category";
		}
		// 9.5.4.1: terminated, completed, passed and failed carry an ISO 8601 duration.
		if (!verb.equals("initialized") && !DURATION.matcher(result.path("duration").asString("")).matches()) {
			return "9.5.4.1 duration missing or not ISO 8601";
		}
		JsonNode score = result.path("score");
		if (!score.isMissingNode()) {
			// 9.5.1: a score only in passed and failed; raw comes with min and max.
			if (!judged) {
				return "9.5.1 score in " + verb;
			}
			if (score.has("raw") && (!score.has("min") || !score.has("max"))) {
				return "9.5.1 raw score without min and max";
			}
			if (score.has("scaled") && (score.get("scaled").asDouble() < 0 || score.get("scaled").asDouble() > 1)) {
				return "9.5.1 scaled score outside 0..1";
			}
			double scaled = score.path("scaled").asDouble(Double.NaN);
			// 9.3.4: a passed statement's scaled score is at or above the masteryScore; 9.3.5: a failed
			// statement's is below it.
			if (verb.equals("passed") && scaled < masteryScore) {
				return "9.3.4 passed with a scaled score below the masteryScore";
			}
			if (verb.equals("failed") && scaled >= masteryScore) {
				return "9.3.5 failed with a scaled score at or above the masteryScore";
			}
		}
		// 9.6.3.2: passed and failed made against the launch's masteryScore carry it, unchanged.
		if (judged && context.path("extensions").path(MASTERY).asDouble(-1) != masteryScore) {
			return "9.6.3.2 masteryScore extension missing or different";
		}
		return null;
	}

	private static boolean hasCategory(JsonNode context, String id) {
		for (JsonNode c : context.path("contextActivities").path("category")) {
			if (id.equals(c.path("id").asString(""))) {
				return true;
			}
		}
		return false;
	}

	private String violation(int[] status, int code, String rule) {
		violations.add(rule);
		status[0] = code;
		return "{\"error\":\"" + rule.replace("\"", "'") + "\"}";
	}

	private static List<String> verbsOf(byte[] body) {
		List<String> verbs = new ArrayList<>();
		JsonNode payload = JSON.readTree(body);
		(payload.isArray() ? payload : JSON.createArrayNode().add(payload)).forEach(st -> verbs.add(verb(st)));
		return verbs;
	}

	private static List<String> idsOf(byte[] body) {
		List<String> ids = new ArrayList<>();
		JsonNode payload = JSON.readTree(body);
		(payload.isArray() ? payload : JSON.createArrayNode().add(payload)).forEach(st -> ids.add(st.path("id").asString("")));
		return ids;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new HashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return query;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		respond(exchange, status, body, "application/json");
	}

	private static void respond(HttpExchange exchange, int status, String body, String type) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		site.stop(0);
		lrs.stop(0);
		threads.shutdownNow();
	}

}
