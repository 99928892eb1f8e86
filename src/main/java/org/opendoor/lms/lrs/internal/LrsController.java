package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.lrs.DocumentStore;
import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.opendoor.lms.lrs.StatementValidator;
import org.opendoor.lms.lrs.XapiClients;
import org.opendoor.lms.lrs.XapiException;
import org.opendoor.lms.xapi.XapiProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in Learning Record Store: statements, documents, agents, activities and about, as xAPI 1.0.3
 * and 2.0.0 define them.
 */
@RestController
@RequestMapping("/xapi")
class LrsController {

	private static final String SIGNATURE = "http://adlnet.gov/expapi/attachments/signature";

	private static final Set<String> QUERY_PARAMS = Set.of("statementId", "voidedStatementId", "agent", "verb",
			"activity", "registration", "related_activities", "related_agents", "since", "until", "limit", "format",
			"attachments", "ascending", "cursor", "ceiling");

	private static final int MAX_LIMIT = 500;

	/** Reads one value of a stream of them (a statement of a batch): what follows is read next. */
	private static final tools.jackson.databind.ObjectReader ONE_VALUE = StatementJson.JSON.reader()
		.without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern
		.compile("Duplicate (?:Object )?property \"(.{0,200}?)\"");

	private final StatementStore statements;

	private final DocumentStore documents;

	private final XapiProperties properties;

	private final LrsLimits limits;

	LrsController(StatementStore statements, DocumentStore documents, XapiProperties properties, LrsLimits limits) {
		this.statements = statements;
		this.documents = documents;
		this.properties = properties;
		this.limits = limits;
	}

	@ExceptionHandler(XapiException.class)
	ResponseEntity<String> refused(XapiException ex) {
		if (ex instanceof LrsLimits.XapiTooLarge tooLarge) {
			return ResponseEntity.status(413)
				.header(HttpHeaders.CONNECTION, "close")
				.contentType(MediaType.APPLICATION_JSON)
				.body(XapiRequestFilter.errorJson(tooLarge));
		}
		return ResponseEntity.status(ex.status()).contentType(MediaType.TEXT_PLAIN).body(ex.getMessage());
	}

	@RequestMapping(path = "/about", method = RequestMethod.GET)
	ResponseEntity<byte[]> about() {
		ObjectNode about = StatementJson.JSON.createObjectNode();
		about.putArray("version").add("1.0.3").add("2.0.0");
		about.putObject("extensions");
		return json(HttpStatus.OK, about);
	}

	// ---- statements ----

	@RequestMapping(path = "/statements", method = RequestMethod.PUT)
	ResponseEntity<byte[]> putStatement(HttpServletRequest request, @AuthenticationPrincipal XapiClients.Client client)
			throws IOException {
		String statementId = single(request, "statementId");
		if (statementId == null) {
			throw XapiException.badRequest("PUT needs a statementId parameter");
		}
		onlyParams(request, Set.of("statementId"));
		uuid(statementId, "statementId");
		Parsed parsed = parseStatements(request, true);
		if (parsed.statements().size() != 1 || parsed.array()) {
			throw XapiException.badRequest("PUT takes one statement");
		}
		ObjectNode s = parsed.statements().get(0);
		if (s.has("id") && !s.get("id").asString().equalsIgnoreCase(statementId)) {
			throw XapiException.badRequest("the statement's id does not match statementId");
		}
		s.put("id", statementId.toLowerCase(Locale.ROOT));
		store(parsed, client, version(request));
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = "/statements", method = RequestMethod.POST)
	ResponseEntity<byte[]> postStatements(HttpServletRequest request,
			@AuthenticationPrincipal XapiClients.Client client) throws IOException {
		onlyParams(request, Set.of());
		Parsed parsed = parseStatements(request, false);
		List<UUID> ids = store(parsed, client, version(request));
		ArrayNode out = StatementJson.JSON.createArrayNode();
		ids.forEach(id -> out.add(id.toString()));
		return json(HttpStatus.OK, out);
	}

	private List<UUID> store(Parsed parsed, XapiClients.Client client, String version) {
		check(parsed, "2.0.0".equals(version));
		return statements.store(parsed.statements(), authority(client), "2.0.0".equals(version) ? "2.0.0" : "1.0.0",
				parsed.parts());
	}

	private JsonNode authority(XapiClients.Client client) {
		ObjectNode agent = StatementJson.JSON.createObjectNode();
		agent.put("objectType", "Agent");
		agent.put("name", client.name());
		ObjectNode account = agent.putObject("account");
		account.put("homePage", properties.siteUrl() + "/xapi/clients");
		account.put("name", client.key());
		return agent;
	}

	/** Every check a statement request passes before anything is stored (a 400 {@link XapiException} if not). */
	static void check(Parsed parsed, boolean version2) {
		StatementValidator validator = new StatementValidator(version2);
		for (ObjectNode s : parsed.statements()) {
			validator.validate(s);
		}
		Attachments.check(parsed.statements(), parsed.parts());
		for (ObjectNode s : parsed.statements()) {
			checkSignature(s, parsed.parts());
		}
	}

	record Parsed(List<ObjectNode> statements, boolean array, Map<String, Attachments.Part> parts) {
	}

	private Parsed parseStatements(HttpServletRequest request, boolean one) throws IOException {
		return parseStatements(request.getContentType(), request.getInputStream().readAllBytes(), one, limits);
	}

	/** Reads a statements request body as sent with this content type, with the default limits. */
	static Parsed parseStatements(String contentType, byte[] body) {
		return parseStatements(contentType, body, false, LrsLimits.DEFAULTS);
	}

	/**
	 * Reads a statements request body as sent with this content type (JSON, or multipart with attachments):
	 * {@code one} statement (PUT) or a batch (POST), each statement, the batch and each attachment within
	 * {@code limits} (413 if not).
	 */
	static Parsed parseStatements(String contentType, byte[] body, boolean one, LrsLimits limits) {
		String type = Optional.ofNullable(contentType).orElse("").toLowerCase(Locale.ROOT);
		Map<String, Attachments.Part> parts = Map.of();
		if (type.startsWith("multipart/mixed")) {
			Attachments.Multipart multipart = Attachments.parse(body, Attachments.boundary(contentType));
			body = multipart.json();
			parts = multipart.parts();
			LrsLimits.Body json = one ? new LrsLimits.Body(limits.statement().toBytes(), "a statement")
					: new LrsLimits.Body(limits.batch().toBytes(), "a batch of statements");
			if (body.length > json.bytes()) {
				throw json.refusal();
			}
			for (Attachments.Part part : parts.values()) {
				if (part.content().length > limits.attachment().toBytes()) {
					throw new LrsLimits.Body(limits.attachment().toBytes(), "an attachment").refusal();
				}
			}
		}
		else if (!type.startsWith("application/json")) {
			throw XapiException.badRequest("statements must be sent as application/json or multipart/mixed");
		}
		return readStatements(body, parts, limits);
	}

	/**
	 * Reads a statement or an array of them one by one, so a batch with too many statements or one too
	 * large is refused as soon as it is seen.
	 */
	private static Parsed readStatements(byte[] body, Map<String, Attachments.Part> parts, LrsLimits limits) {
		LrsLimits.Body statement = new LrsLimits.Body(limits.statement().toBytes(), "a statement");
		List<ObjectNode> list = new ArrayList<>();
		boolean array;
		try (tools.jackson.core.JsonParser parser = StatementJson.JSON.createParser(body)) {
			tools.jackson.core.JsonToken first = parser.nextToken();
			if (first == null) {
				throw XapiException.badRequest("the body is empty");
			}
			array = first == tools.jackson.core.JsonToken.START_ARRAY;
			if (!array && first != tools.jackson.core.JsonToken.START_OBJECT) {
				throw XapiException.badRequest("the body must be a statement or an array of statements");
			}
			tools.jackson.core.JsonToken token = array ? parser.nextToken() : first;
			while (token != null && token != tools.jackson.core.JsonToken.END_ARRAY) {
				if (token != tools.jackson.core.JsonToken.START_OBJECT) {
					throw XapiException.badRequest("each statement must be a JSON object");
				}
				if (list.size() == limits.batchStatements()) {
					throw new LrsLimits.XapiTooLarge("a batch", limits.batchStatements(), "statements");
				}
				long start = parser.currentTokenLocation().getByteOffset();
				ObjectNode read = (ObjectNode) ONE_VALUE.readTree(parser);
				if (parser.currentLocation().getByteOffset() - start > statement.bytes()) {
					throw statement.refusal();
				}
				list.add(read);
				token = array ? parser.nextToken() : null;
			}
			if (token == null && array) {
				throw XapiException.badRequest("the body is not valid JSON");
			}
			if (parser.nextToken() != null) {
				throw XapiException.badRequest("the body is not valid JSON: more follows the statements");
			}
		}
		catch (JacksonException ex) {
			throw notJson(ex);
		}
		return new Parsed(list, array, parts);
	}

	private static void checkSignature(ObjectNode statement, Map<String, Attachments.Part> parts) {
		for (JsonNode a : statement.path("attachments")) {
			if (!SIGNATURE.equals(a.path("usageType").asString())) {
				continue;
			}
			if (!"application/octet-stream".equals(a.path("contentType").asString())) {
				throw XapiException.badRequest("a signature attachment must be application/octet-stream");
			}
			Attachments.Part part = parts.get(a.path("sha2").asString());
			if (part == null) {
				throw XapiException.badRequest("the signature attachment was not sent");
			}
			JWSObject jws;
			try {
				jws = JWSObject.parse(new String(part.content(), StandardCharsets.UTF_8).strip());
			}
			catch (java.text.ParseException ex) {
				throw XapiException.badRequest("the signature is not a JWS");
			}
			JWSAlgorithm alg = jws.getHeader().getAlgorithm();
			if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.RS384.equals(alg) && !JWSAlgorithm.RS512.equals(alg)) {
				throw XapiException.badRequest("the signature must use RS256, RS384 or RS512");
			}
			JsonNode payload;
			try {
				payload = StatementJson.JSON.readTree(jws.getPayload().toString());
			}
			catch (JacksonException ex) {
				throw XapiException.badRequest("the signature's payload is not a statement");
			}
			if (!payload.isObject() || !signedMatches(StatementJson.normalisedDuration((ObjectNode) payload),
					StatementJson.normalisedDuration(statement))) {
				throw XapiException.badRequest("the signature's payload does not match the statement");
			}
		}
	}

	private static boolean signedMatches(ObjectNode payload, ObjectNode statement) {
		ObjectNode p = payload.deepCopy();
		ObjectNode s = statement.deepCopy();
		for (ObjectNode n : List.of(p, s)) {
			n.remove(List.of("attachments", "authority", "stored", "version"));
			if (!p.has("id") || !statement.has("id")) {
				n.remove("id");
			}
			if (!payload.has("timestamp")) {
				n.remove("timestamp");
			}
		}
		return p.equals(s);
	}

	@RequestMapping(path = "/statements", method = RequestMethod.GET)
	ResponseEntity<byte[]> getStatements(HttpServletRequest request) {
		onlyParams(request, QUERY_PARAMS);
		String format = Optional.ofNullable(single(request, "format")).orElse("exact");
		if (!Set.of("exact", "ids", "canonical").contains(format)) {
			throw XapiException.badRequest("format must be exact, ids or canonical");
		}
		boolean withAttachments = bool(request, "attachments", false);
		String statementId = single(request, "statementId");
		String voidedId = single(request, "voidedStatementId");
		String consistent = StatementJson.timestamp(Instant.now());
		if (statementId != null || voidedId != null) {
			if (statementId != null && voidedId != null) {
				throw XapiException.badRequest("use statementId or voidedStatementId, not both");
			}
			for (String p : request.getParameterMap().keySet()) {
				if (!Set.of("statementId", "voidedStatementId", "format", "attachments").contains(p)) {
					throw XapiException.badRequest(p + " cannot be used with statementId or voidedStatementId");
				}
			}
			String id = statementId != null ? statementId : voidedId;
			uuid(id, statementId != null ? "statementId" : "voidedStatementId");
			String body = statements.find(UUID.fromString(id), voidedId != null)
				.orElseThrow(() -> new XapiException(404, "no such statement"));
			ObjectNode statement = (ObjectNode) StatementJson.JSON.readTree(body);
			ObjectNode shaped = shape(statement, format, request);
			Instant stored = Instant.parse(statement.get("stored").asString());
			return respond(StatementJson.JSON.writeValueAsBytes(shaped), List.of(statement), withAttachments, consistent,
					stored);
		}
		StatementStore.Query query = query(request);
		StatementStore.Page page = statements.query(query);
		ArrayNode list = StatementJson.JSON.createArrayNode();
		List<ObjectNode> originals = new ArrayList<>();
		for (String body : page.bodies()) {
			ObjectNode statement = (ObjectNode) StatementJson.JSON.readTree(body);
			originals.add(statement);
			list.add(shape(statement, format, request));
		}
		ObjectNode result = StatementJson.JSON.createObjectNode();
		result.set("statements", list);
		result.put("more", page.more() ? moreLink(request, page) : "");
		return respond(StatementJson.JSON.writeValueAsBytes(result), originals, withAttachments, consistent, null);
	}

	private ResponseEntity<byte[]> respond(byte[] json, List<ObjectNode> statementsShown, boolean withAttachments,
			String consistent, Instant lastModified) {
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header("X-Experience-API-Consistent-Through", consistent);
		if (lastModified != null) {
			ok.header(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME
				.format(lastModified.atZone(java.time.ZoneOffset.UTC)));
		}
		if (!withAttachments) {
			return ok.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		Set<String> hashes = new HashSet<>();
		for (ObjectNode s : statementsShown) {
			s.path("attachments").forEach(a -> hashes.add(a.path("sha2").asString()));
			s.path("object").path("attachments").forEach(a -> hashes.add(a.path("sha2").asString()));
		}
		Map.Entry<String, byte[]> multipart = Attachments.write(json, statements.attachments(hashes).values());
		return ok.header(HttpHeaders.CONTENT_TYPE, "multipart/mixed; boundary=" + multipart.getKey())
			.body(multipart.getValue());
	}

	private static ObjectNode shape(ObjectNode statement, String format, HttpServletRequest request) {
		return switch (format) {
			case "ids" -> StatementJson.idsFormat(statement);
			case "canonical" -> StatementJson.canonicalFormat(statement, languages(request));
			default -> statement;
		};
	}

	private static List<Locale.LanguageRange> languages(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
		if (header == null || header.isBlank()) {
			return List.of();
		}
		try {
			return Locale.LanguageRange.parse(header);
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	private StatementStore.Query query(HttpServletRequest request) {
		String agent = null;
		String agentParam = single(request, "agent");
		if (agentParam != null) {
			agent = agentKeyParam(agentParam);
		}
		String verb = single(request, "verb");
		if (verb != null && !verb.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:\\S*$")) {
			throw XapiException.badRequest("verb must be an IRI");
		}
		String activity = single(request, "activity");
		if (activity != null && !activity.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:\\S*$")) {
			throw XapiException.badRequest("activity must be an IRI");
		}
		String registration = single(request, "registration");
		if (registration != null) {
			uuid(registration, "registration");
		}
		int limit = 0;
		String limitParam = single(request, "limit");
		if (limitParam != null) {
			try {
				limit = Integer.parseInt(limitParam);
			}
			catch (NumberFormatException ex) {
				throw XapiException.badRequest("limit must be a whole number");
			}
			if (limit < 0) {
				throw XapiException.badRequest("limit must not be negative");
			}
		}
		if (limit == 0 || limit > MAX_LIMIT) {
			limit = MAX_LIMIT;
		}
		String cursor = single(request, "cursor");
		Long ceiling = longParam(request, "ceiling");
		return new StatementStore.Query(agent, verb, activity, registration == null ? null : UUID.fromString(registration),
				bool(request, "related_activities", false), bool(request, "related_agents", false),
				instant(request, "since"), instant(request, "until"), limit, bool(request, "ascending", false), cursor,
				ceiling);
	}

	private static String moreLink(HttpServletRequest request, StatementStore.Page page) {
		StringBuilder link = new StringBuilder(request.getContextPath()).append("/xapi/statements?");
		Map<String, String[]> params = new LinkedHashMap<>(request.getParameterMap());
		params.remove("cursor");
		params.remove("ceiling");
		params.forEach((k, vs) -> {
			for (String v : vs) {
				link.append(enc(k)).append('=').append(enc(v)).append('&');
			}
		});
		link.append("cursor=").append(page.last()).append("&ceiling=").append(page.ceiling());
		return link.toString();
	}

	private static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	// ---- documents ----

	@RequestMapping(path = "/activities/state", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST,
			RequestMethod.DELETE })
	ResponseEntity<byte[]> state(HttpServletRequest request) throws IOException {
		onlyParams(request, Set.of("activityId", "agent", "registration", "stateId", "since"));
		String activityId = iriParam(request, "activityId");
		String agent = agentKeyParam(requireParam(request, "agent"));
		String registration = single(request, "registration");
		if (registration != null) {
			uuid(registration, "registration");
			registration = registration.toLowerCase(Locale.ROOT);
		}
		DocumentStore.Key key = new DocumentStore.Key("state", activityId, agent, registration == null ? "" : registration,
				Optional.ofNullable(single(request, "stateId")).orElse(""));
		return document(request, key, "stateId", false, true);
	}

	@RequestMapping(path = "/activities/profile", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST,
			RequestMethod.DELETE })
	ResponseEntity<byte[]> activityProfile(HttpServletRequest request) throws IOException {
		onlyParams(request, Set.of("activityId", "profileId", "since"));
		String activityId = iriParam(request, "activityId");
		DocumentStore.Key key = new DocumentStore.Key("activity-profile", activityId, "", "",
				Optional.ofNullable(single(request, "profileId")).orElse(""));
		return document(request, key, "profileId", true, false);
	}

	@RequestMapping(path = "/agents/profile", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST,
			RequestMethod.DELETE })
	ResponseEntity<byte[]> agentProfile(HttpServletRequest request) throws IOException {
		onlyParams(request, Set.of("agent", "profileId", "since"));
		String agent = agentKeyParam(requireParam(request, "agent"));
		DocumentStore.Key key = new DocumentStore.Key("agent-profile", "", agent, "",
				Optional.ofNullable(single(request, "profileId")).orElse(""));
		return document(request, key, "profileId", true, false);
	}

	private ResponseEntity<byte[]> document(HttpServletRequest request, DocumentStore.Key key, String idParam,
			boolean concurrency, boolean deleteMany) throws IOException {
		String method = request.getMethod();
		boolean hasId = single(request, idParam) != null;
		if ("GET".equals(method) || "HEAD".equals(method)) {
			if (!hasId) {
				Instant since = instant(request, "since");
				ArrayNode ids = StatementJson.JSON.createArrayNode();
				documents.ids(key, since).forEach(ids::add);
				return json(HttpStatus.OK, ids);
			}
			if (single(request, "since") != null) {
				throw XapiException.badRequest("since is only for lists of ids");
			}
			DocumentStore.Document doc = documents.find(key).orElseThrow(() -> new XapiException(404, "no such document"));
			return ResponseEntity.ok()
				.eTag("\"" + doc.etag() + "\"")
				.lastModified(doc.updated())
				.header(HttpHeaders.CONTENT_TYPE, doc.contentType())
				.body(doc.content());
		}
		if (single(request, "since") != null) {
			throw XapiException.badRequest("since is only for GET");
		}
		if ("DELETE".equals(method)) {
			if (!hasId) {
				if (!deleteMany) {
					throw XapiException.badRequest(idParam + " is required");
				}
				documents.deleteAll(key);
				return ResponseEntity.noContent().build();
			}
			Optional<DocumentStore.Document> existing = documents.find(key);
			preconditions(request, existing);
			documents.delete(key);
			return ResponseEntity.noContent().build();
		}
		if (!hasId) {
			throw XapiException.badRequest(idParam + " is required");
		}
		byte[] body = request.getInputStream().readAllBytes();
		try {
			return write(request, key, body, concurrency);
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			// another request created this document at the same moment: decide again against what it stored
			return write(request, key, body, concurrency);
		}
	}

	/** A document PUT (replace) or POST (merge), with its preconditions against what is stored now. */
	private ResponseEntity<byte[]> write(HttpServletRequest request, DocumentStore.Key key, byte[] body,
			boolean concurrency) {
		String method = request.getMethod();
		String type = Optional.ofNullable(request.getContentType()).orElse("application/octet-stream");
		Optional<DocumentStore.Document> existing = documents.find(key);
		boolean conditional = request.getHeader(HttpHeaders.IF_MATCH) != null
				|| request.getHeader(HttpHeaders.IF_NONE_MATCH) != null;
		preconditions(request, existing);
		if ("PUT".equals(method)) {
			boolean guarded = concurrency || "2.0.0".equals(version(request));
			if (guarded && existing.isPresent() && !conditional) {
				throw new XapiException(409, "this document exists: send If-Match with its ETag to replace it");
			}
			if (concurrency && existing.isEmpty() && !conditional) {
				throw XapiException.badRequest("send If-None-Match: * to create this document, or If-Match to replace it");
			}
			documents.save(key, type, body);
			return ResponseEntity.noContent().eTag("\"" + DocumentStore.etag(body) + "\"").build();
		}
		// POST: merge JSON objects, or create
		boolean isJson = type.toLowerCase(Locale.ROOT).startsWith("application/json");
		if (existing.isEmpty()) {
			if (isJson) {
				JsonNode node = readJson(body);
				if (!node.isObject()) {
					throw XapiException.badRequest("a JSON document sent with POST must be an object");
				}
			}
			documents.save(key, type, body);
			return ResponseEntity.noContent().eTag("\"" + DocumentStore.etag(body) + "\"").build();
		}
		DocumentStore.Document doc = existing.get();
		if (!isJson || !doc.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
			throw XapiException.badRequest("POST merges JSON documents only; use PUT to replace this one");
		}
		JsonNode incoming = readJson(body);
		JsonNode stored = readJson(doc.content());
		if (!incoming.isObject() || !stored.isObject()) {
			throw XapiException.badRequest("POST merges JSON objects only");
		}
		ObjectNode merged = ((ObjectNode) stored).deepCopy();
		incoming.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
		byte[] mergedBytes = StatementJson.JSON.writeValueAsBytes(merged);
		documents.save(key, "application/json", mergedBytes);
		return ResponseEntity.noContent().eTag("\"" + DocumentStore.etag(mergedBytes) + "\"").build();
	}

	private static void preconditions(HttpServletRequest request, Optional<DocumentStore.Document> existing) {
		String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifMatch != null) {
			if (existing.isEmpty() || !etagMatches(ifMatch, existing.get().etag())) {
				throw new XapiException(412, "the document has changed (If-Match does not match)");
			}
		}
		if (ifNoneMatch != null && existing.isPresent()
				&& ("*".equals(ifNoneMatch.strip()) || etagMatches(ifNoneMatch, existing.get().etag()))) {
			throw new XapiException(412, "the document exists (If-None-Match)");
		}
	}

	private static boolean etagMatches(String header, String etag) {
		for (String part : header.split(",")) {
			String p = part.strip();
			if (p.startsWith("W/")) {
				p = p.substring(2);
			}
			if (p.equals("*") || p.replace("\"", "").equalsIgnoreCase(etag)) {
				return true;
			}
		}
		return false;
	}

	// ---- agents and activities ----

	@RequestMapping(path = "/agents", method = RequestMethod.GET)
	ResponseEntity<byte[]> agents(HttpServletRequest request) {
		onlyParams(request, Set.of("agent"));
		String param = requireParam(request, "agent");
		JsonNode agent = agentParam(param);
		ObjectNode person = StatementJson.JSON.createObjectNode();
		person.put("objectType", "Person");
		Set<String> names = new java.util.TreeSet<>();
		if (agent.has("name")) {
			names.add(agent.get("name").asString());
		}
		String key = StatementJson.agentKey(agent);
		for (String body : statements.agentBodies(key, 50)) {
			JsonNode s = StatementJson.JSON.readTree(body);
			JsonNode actor = s.get("actor");
			if (key.equals(StatementJson.agentKey(actor)) && actor.has("name")) {
				names.add(actor.get("name").asString());
			}
		}
		if (!names.isEmpty()) {
			ArrayNode n = person.putArray("name");
			names.forEach(n::add);
		}
		for (String ifi : new String[] { "mbox", "mbox_sha1sum", "openid", "account" }) {
			if (agent.has(ifi)) {
				person.putArray(ifi).add(agent.get(ifi));
			}
		}
		return json(HttpStatus.OK, person);
	}

	@RequestMapping(path = "/activities", method = RequestMethod.GET)
	ResponseEntity<byte[]> activities(HttpServletRequest request) {
		onlyParams(request, Set.of("activityId"));
		String id = iriParam(request, "activityId");
		ObjectNode activity = StatementJson.JSON.createObjectNode();
		activity.put("objectType", "Activity");
		activity.put("id", id);
		Optional<String> definition = statements.activityDefinition(id);
		definition.ifPresent(d -> activity.set("definition", StatementJson.JSON.readTree(d)));
		return json(HttpStatus.OK, activity);
	}

	// ---- helpers ----

	private static String version(HttpServletRequest request) {
		Object v = request.getAttribute(XapiRequestFilter.VERSION_ATTRIBUTE);
		return v == null ? "1.0.3" : v.toString();
	}

	private static ResponseEntity<byte[]> json(HttpStatus status, JsonNode body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
			.body(StatementJson.JSON.writeValueAsBytes(body));
	}

	private static JsonNode readJson(byte[] body) {
		try {
			JsonNode node = StatementJson.JSON.readTree(body);
			if (node == null || node.isMissingNode()) {
				throw XapiException.badRequest("the body is empty");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw notJson(ex);
		}
	}

	/** A 400 for a body Jackson could not read; a repeated key is named, since it is easy to miss. */
	private static XapiException notJson(JacksonException ex) {
		java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
		if (duplicate.lookingAt()) {
			return XapiException.badRequest("the key \"" + duplicate.group(1) + "\" appears twice in one object");
		}
		return XapiException.badRequest("the body is not valid JSON");
	}

	private String agentKeyParam(String json) {
		JsonNode agent = agentParam(json);
		String key = StatementJson.agentKey(agent);
		if (key == null) {
			throw XapiException.badRequest("agent must have an identifier");
		}
		return key;
	}

	private static JsonNode agentParam(String json) {
		JsonNode agent = readJson(json.getBytes(StandardCharsets.UTF_8));
		if (!agent.isObject()) {
			throw XapiException.badRequest("agent must be a JSON object");
		}
		StatementValidator v = new StatementValidator(false);
		if ("Group".equals(agent.path("objectType").asString())) {
			if (StatementJson.agentKey(agent) == null) {
				throw XapiException.badRequest("agent must be an identified Agent or Group");
			}
			// a Group is checked as a statement object
			ObjectNode probe = StatementJson.JSON.createObjectNode();
			probe.set("actor", agent);
			probe.putObject("verb").put("id", "http://example.com/verb");
			probe.putObject("object").put("id", "http://example.com/activity");
			v.validate(probe);
		}
		else {
			v.agent(agent, "agent");
		}
		return agent;
	}

	private static String iriParam(HttpServletRequest request, String name) {
		String value = requireParam(request, name);
		if (!value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:\\S*$")) {
			throw XapiException.badRequest(name + " must be an IRI");
		}
		return value;
	}

	private static String requireParam(HttpServletRequest request, String name) {
		String v = single(request, name);
		if (v == null) {
			throw XapiException.badRequest(name + " is required");
		}
		return v;
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw XapiException.badRequest(name + " must be given once");
		}
		return values[0];
	}

	private static void onlyParams(HttpServletRequest request, Set<String> allowed) {
		for (String name : request.getParameterMap().keySet()) {
			if (!allowed.contains(name)) {
				throw XapiException.badRequest("unknown parameter " + name);
			}
		}
	}

	private static void uuid(String value, String name) {
		if (!StatementValidator.UUID_PATTERN.matcher(value).matches()) {
			throw XapiException.badRequest(name + " must be a UUID");
		}
	}

	private static boolean bool(HttpServletRequest request, String name, boolean fallback) {
		String v = single(request, name);
		if (v == null) {
			return fallback;
		}
		if (!"true".equals(v) && !"false".equals(v)) {
			throw XapiException.badRequest(name + " must be true or false");
		}
		return Boolean.parseBoolean(v);
	}

	private static Long longParam(HttpServletRequest request, String name) {
		String v = single(request, name);
		if (v == null) {
			return null;
		}
		try {
			return Long.parseLong(v);
		}
		catch (NumberFormatException ex) {
			throw XapiException.badRequest(name + " is not valid");
		}
	}

	private static Instant instant(HttpServletRequest request, String name) {
		String v = single(request, name);
		if (v == null) {
			return null;
		}
		if (!v.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$")) {
			throw XapiException.badRequest(name + " must be an ISO 8601 timestamp");
		}
		try {
			return StatementValidator.Timestamps.parse(v).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw XapiException.badRequest(name + " must be an ISO 8601 timestamp");
		}
	}

}
