package org.opendoor.lms.lrs.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementValidator;
import org.opendoor.lms.lrs.XapiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads an xAPI request's parameters and JSON bodies as the specification allows (a 400 if not). */
final class XapiParameters {

	private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern
		.compile("Duplicate (?:Object )?property \"(.{0,200}?)\"");

	private XapiParameters() {
	}

	static String version(HttpServletRequest request) {
		Object v = request.getAttribute(XapiRequestFilter.VERSION_ATTRIBUTE);
		return v == null ? "1.0.3" : v.toString();
	}

	static ResponseEntity<byte[]> json(HttpStatus status, JsonNode body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
			.body(StatementJson.JSON.writeValueAsBytes(body));
	}

	static JsonNode readJson(byte[] body) {
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
	static XapiException notJson(JacksonException ex) {
		java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
		if (duplicate.lookingAt()) {
			return XapiException.badRequest("the key \"" + duplicate.group(1) + "\" appears twice in one object");
		}
		return XapiException.badRequest("the body is not valid JSON");
	}

	static String agentKeyParam(String json) {
		JsonNode agent = agentParam(json);
		String key = StatementJson.agentKey(agent);
		if (key == null) {
			throw XapiException.badRequest("agent must have an identifier");
		}
		return key;
	}

	static JsonNode agentParam(String json) {
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

	static String iriParam(HttpServletRequest request, String name) {
		String value = requireParam(request, name);
		if (!value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:\\S*$")) {
			throw XapiException.badRequest(name + " must be an IRI");
		}
		return value;
	}

	static String requireParam(HttpServletRequest request, String name) {
		String v = single(request, name);
		if (v == null) {
			throw XapiException.badRequest(name + " is required");
		}
		return v;
	}

	static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw XapiException.badRequest(name + " must be given once");
		}
		return values[0];
	}

	static void onlyParams(HttpServletRequest request, Set<String> allowed) {
		for (String name : request.getParameterMap().keySet()) {
			if (!allowed.contains(name)) {
				throw XapiException.badRequest("unknown parameter " + name);
			}
		}
	}

	static void uuid(String value, String name) {
		if (!StatementValidator.UUID_PATTERN.matcher(value).matches()) {
			throw XapiException.badRequest(name + " must be a UUID");
		}
	}

	static boolean bool(HttpServletRequest request, String name, boolean fallback) {
		String v = single(request, name);
		if (v == null) {
			return fallback;
		}
		if (!"true".equals(v) && !"false".equals(v)) {
			throw XapiException.badRequest(name + " must be true or false");
		}
		return Boolean.parseBoolean(v);
	}

	static Long longParam(HttpServletRequest request, String name) {
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

	static Instant instant(HttpServletRequest request, String name) {
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

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
