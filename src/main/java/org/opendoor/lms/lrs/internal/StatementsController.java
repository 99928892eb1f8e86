package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.opendoor.lms.lrs.XapiClients;
import org.opendoor.lms.lrs.XapiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** {@code /xapi/statements}: storing statements (PUT one, POST a batch) and finding them (GET). */
@RestController
@RequestMapping("/xapi")
class StatementsController extends XapiResource {

	private static final Set<String> QUERY_PARAMS = Set.of("statementId", "voidedStatementId", "agent", "verb",
			"activity", "registration", "related_activities", "related_agents", "since", "until", "limit", "format",
			"attachments", "ascending", "cursor", "ceiling");

	private static final int MAX_LIMIT = 500;

	private final StatementStore statements;

	private final LrsLimits limits;

	/** The site's public address, without a trailing slash: the home page of client authorities. */
	private final String siteUrl;

	StatementsController(StatementStore statements, LrsLimits limits,
			@Value("${lms.xapi.site-url:http://localhost:8080}") String siteUrl) {
		this.statements = statements;
		this.limits = limits;
		this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
	}

	@RequestMapping(path = "/statements", method = RequestMethod.PUT)
	ResponseEntity<byte[]> putStatement(HttpServletRequest request, @AuthenticationPrincipal XapiClients.Client client)
			throws IOException {
		String statementId = single(request, "statementId");
		if (statementId == null) {
			throw XapiException.badRequest("PUT needs a statementId parameter");
		}
		onlyParams(request, Set.of("statementId"));
		uuid(statementId, "statementId");
		StatementBodies.Parsed parsed = StatementBodies.parseStatements(request, true, limits);
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
		StatementBodies.Parsed parsed = StatementBodies.parseStatements(request, false, limits);
		List<UUID> ids = store(parsed, client, version(request));
		ArrayNode out = StatementJson.JSON.createArrayNode();
		ids.forEach(id -> out.add(id.toString()));
		return json(HttpStatus.OK, out);
	}

	private List<UUID> store(StatementBodies.Parsed parsed, XapiClients.Client client, String version) {
		StatementBodies.check(parsed, "2.0.0".equals(version));
		return statements.store(parsed.statements(), authority(client), "2.0.0".equals(version) ? "2.0.0" : "1.0.0",
				parsed.parts());
	}

	private JsonNode authority(XapiClients.Client client) {
		ObjectNode agent = StatementJson.JSON.createObjectNode();
		agent.put("objectType", "Agent");
		agent.put("name", client.name());
		ObjectNode account = agent.putObject("account");
		account.put("homePage", siteUrl + "/xapi/clients");
		account.put("name", client.key());
		return agent;
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

}
