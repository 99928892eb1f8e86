package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.opendoor.lms.lrs.DocumentStore;
import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.XapiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/**
 * The document resources' shared rules (state, activity profile, agent profile): list ids, read, replace,
 * merge JSON, delete, with ETag preconditions.
 */
@Component
class DocumentRequests {

	private final DocumentStore documents;

	DocumentRequests(DocumentStore documents) {
		this.documents = documents;
	}

	ResponseEntity<byte[]> document(HttpServletRequest request, DocumentStore.Key key, String idParam,
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

}
