package org.opendoor.lms.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An xAPI client for tests: Basic auth, the version header, raw requests and JSON answers. */
public final class LrsClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final String auth;

	private final String version;

	public LrsClient(int port, String key, String secret, String version) {
		this.base = "http://127.0.0.1:" + port;
		this.auth = key == null ? null
				: "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
		this.version = version;
	}

	/** A response: status, headers and body. */
	public record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.findFirst()
				.map(e -> e.getValue().get(0))
				.orElse(null);
		}
	}

	public Reply get(String path, String... headers) {
		return send("GET", path, null, null, headers);
	}

	public Reply send(String method, String path, String contentType, byte[] body, String... headers) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
		if (auth != null) {
			b.header("Authorization", auth);
		}
		if (version != null) {
			b.header("X-Experience-API-Version", version);
		}
		if (contentType != null) {
			b.header("Content-Type", contentType);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		try {
			HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Reply(r.statusCode(), r.headers().map(), r.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Reply postJson(String path, String json, String... headers) {
		return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
	}

	public Reply putJson(String path, String json, String... headers) {
		return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
	}

	public static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
