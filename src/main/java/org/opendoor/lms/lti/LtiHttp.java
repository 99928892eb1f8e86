package org.opendoor.lms.lti;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/** Calls to a platform (its configuration, token, grade and roster endpoints), with short time-outs. */
@Component
class LtiHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The most of a platform's answer that is read. */
	private static final int MAX_BODY = 2_000_000;

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/** A platform's answer. */
	record Answer(int status, String body, HttpResponse<?> response) {

		boolean ok() {
			return status >= 200 && status < 300;
		}

		JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (RuntimeException ex) {
				throw new PlatformCallException("not JSON");
			}
		}

	}

	/** A call that got no usable answer (no connection, time-out, a body too large). */
	static final class PlatformCallException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PlatformCallException(String message) {
			super(message);
		}

	}

	Answer get(String url, String accept, String bearer) {
		HttpRequest.Builder request = request(url).header("Accept", accept).GET();
		if (bearer != null && !bearer.isBlank()) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request.build());
	}

	Answer post(String url, String contentType, String body, String accept, String bearer) {
		HttpRequest.Builder request = request(url).header("Content-Type", contentType)
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (bearer != null && !bearer.isBlank()) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request.build());
	}

	Answer postForm(String url, Map<String, String> form) {
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
				.append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
		});
		return post(url, "application/x-www-form-urlencoded", body.toString(), "application/json", null);
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private static HttpRequest.Builder request(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new PlatformCallException("bad address");
		}
		if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
			throw new PlatformCallException("bad address");
		}
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			byte[] body = response.body();
			if (body.length > MAX_BODY) {
				throw new PlatformCallException("answer too large");
			}
			return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8), response);
		}
		catch (IOException ex) {
			throw new PlatformCallException("no answer: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PlatformCallException("interrupted");
		}
	}

}
