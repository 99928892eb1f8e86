package org.opendoor.lms.lrs.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.opendoor.lms.lrs.XapiException;

import tools.jackson.databind.JsonNode;

/** Statements with attachments: {@code multipart/mixed} bodies in and out, checked by SHA-2 hash. */
public final class Attachments {

	private Attachments() {
	}

	/**
	 * One attachment's content.
	 *
	 * @param sha2 its hash as the statement names it
	 * @param contentType its media type
	 * @param content its bytes
	 */
	public record Part(String sha2, String contentType, byte[] content) {
	}

	/**
	 * A parsed multipart request.
	 *
	 * @param json the first part: the statement or statements
	 * @param parts the attachments by hash
	 */
	public record Multipart(byte[] json, Map<String, Part> parts) {
	}

	/** The boundary of a {@code multipart/mixed} content type, or 400. */
	public static String boundary(String contentType) {
		for (String param : contentType.split(";")) {
			String p = param.strip();
			if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
				String b = p.substring("boundary=".length());
				if (b.startsWith("\"") && b.endsWith("\"") && b.length() > 1) {
					b = b.substring(1, b.length() - 1);
				}
				return b;
			}
		}
		throw XapiException.badRequest("multipart/mixed needs a boundary");
	}

	/** Splits a {@code multipart/mixed} body; the first part must be JSON, the others attachments with hashes. */
	public static Multipart parse(byte[] body, String boundary) {
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		List<byte[]> raw = new ArrayList<>();
		int pos = indexOf(body, delimiter, 0);
		if (pos < 0) {
			throw XapiException.badRequest("the multipart body has no parts");
		}
		while (true) {
			int start = pos + delimiter.length;
			if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
				break;
			}
			start = skipLineEnd(body, start);
			int next = indexOf(body, delimiter, start);
			if (next < 0) {
				throw XapiException.badRequest("the multipart body is not closed");
			}
			int end = next;
			if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
				end -= 2;
			}
			else if (end >= 1 && body[end - 1] == '\n') {
				end -= 1;
			}
			byte[] part = new byte[Math.max(0, end - start)];
			System.arraycopy(body, start, part, 0, part.length);
			raw.add(part);
			pos = next;
		}
		if (raw.isEmpty()) {
			throw XapiException.badRequest("the multipart body has no parts");
		}
		byte[] json = null;
		Map<String, Part> parts = new LinkedHashMap<>();
		for (int i = 0; i < raw.size(); i++) {
			byte[] part = raw.get(i);
			int split = headerEnd(part);
			if (split < 0) {
				throw XapiException.badRequest("a multipart part has no headers");
			}
			Map<String, String> headers = headers(new String(part, 0, split, StandardCharsets.ISO_8859_1));
			int bodyStart = skipLineEnd(part, skipLineEnd(part, split));
			byte[] content = new byte[part.length - bodyStart];
			System.arraycopy(part, bodyStart, content, 0, content.length);
			String type = headers.getOrDefault("content-type", "");
			if (i == 0) {
				if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
					throw XapiException.badRequest("the first part must be application/json");
				}
				json = content;
				continue;
			}
			String hash = headers.get("x-experience-api-hash");
			if (hash == null) {
				throw XapiException.badRequest("each attachment part needs an X-Experience-API-Hash header");
			}
			String encoding = headers.get("content-transfer-encoding");
			if (encoding == null || !"binary".equalsIgnoreCase(encoding.strip())) {
				throw XapiException.badRequest("each attachment part needs Content-Transfer-Encoding: binary");
			}
			if (!hash.equalsIgnoreCase(sha(content, hash.length()))) {
				throw XapiException.badRequest("an attachment's content does not match its hash");
			}
			parts.put(hash, new Part(hash, type, content));
		}
		return new Multipart(json, parts);
	}

	/** A hex SHA-2 digest of the length of {@code like} (SHA-224, 256, 384 or 512). */
	public static String sha(byte[] content, int hexLength) {
		String algorithm = switch (hexLength) {
			case 56 -> "SHA-224";
			case 96 -> "SHA-384";
			case 128 -> "SHA-512";
			default -> "SHA-256";
		};
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Checks that every attachment without a {@code fileUrl} came in the request, and no part is left over. */
	public static void check(List<? extends JsonNode> statements, Map<String, Part> parts) {
		java.util.Set<String> used = new java.util.HashSet<>();
		for (JsonNode s : statements) {
			for (JsonNode a : s.path("attachments")) {
				String hash = a.get("sha2").asString();
				if (parts.containsKey(hash)) {
					used.add(hash);
				}
				else if (!a.has("fileUrl")) {
					throw XapiException.badRequest("the attachment " + hash + " has no fileUrl and was not sent");
				}
			}
			JsonNode object = s.path("object");
			if ("SubStatement".equals(object.path("objectType").asString())) {
				for (JsonNode a : object.path("attachments")) {
					String hash = a.get("sha2").asString();
					if (parts.containsKey(hash)) {
						used.add(hash);
					}
					else if (!a.has("fileUrl")) {
						throw XapiException.badRequest("the attachment " + hash + " has no fileUrl and was not sent");
					}
				}
			}
		}
		for (String hash : parts.keySet()) {
			if (!used.contains(hash)) {
				throw XapiException.badRequest("the attachment part " + hash + " is not named by any statement");
			}
		}
	}

	/** Writes statements JSON and attachments as {@code multipart/mixed}; returns the boundary and body. */
	public static Map.Entry<String, byte[]> write(byte[] json, Iterable<Part> parts) {
		String boundary = "xapi-" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n");
		out.writeBytes(json);
		for (Part p : parts) {
			write(out, "\r\n--" + boundary + "\r\nContent-Type: " + p.contentType()
					+ "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + p.sha2() + "\r\n\r\n");
			out.writeBytes(p.content());
		}
		write(out, "\r\n--" + boundary + "--\r\n");
		return Map.entry(boundary, out.toByteArray());
	}

	private static void write(ByteArrayOutputStream out, String s) {
		out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static Map<String, String> headers(String block) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line : block.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
			}
		}
		return headers;
	}

	private static int headerEnd(byte[] part) {
		for (int i = 0; i < part.length; i++) {
			if (part[i] == '\n' && (i + 1 < part.length && part[i + 1] == '\n')) {
				return i;
			}
			if (part[i] == '\r' && i + 3 < part.length && part[i + 1] == '\n' && part[i + 2] == '\r' && part[i + 3] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private static int skipLineEnd(byte[] b, int i) {
		if (i < b.length && b[i] == '\r') {
			i++;
		}
		if (i < b.length && b[i] == '\n') {
			i++;
		}
		return i;
	}

	static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = from; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
