package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementValidator;
import org.opendoor.lms.lrs.XapiException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** Reads and checks the body of a statements request: JSON or multipart with attachments, within the limits. */
final class StatementBodies {

	private static final String SIGNATURE = "http://adlnet.gov/expapi/attachments/signature";

	/** Reads one value of a stream of them (a statement of a batch): what follows is read next. */
	private static final tools.jackson.databind.ObjectReader ONE_VALUE = StatementJson.JSON.reader()
		.without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private StatementBodies() {
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

	/** Reads a request's statements: {@code one} statement (PUT) or a batch (POST), within {@code limits}. */
	static Parsed parseStatements(HttpServletRequest request, boolean one, LrsLimits limits) throws IOException {
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

}
