package org.opendoor.lms.xapi.forward;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.opendoor.lms.xapi.XapiProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a batch of statements to an external LRS's statements resource and reports its answer. The body
 * is built from the stored statement texts as they are: {@code [} + the texts joined by {@code ,} +
 * {@code ]}, encoded as UTF-8, so the LRS receives each statement byte for byte as it was queued.
 */
final class LrsClient {

	/** Longest LRS message kept as a row's last error. */
	static final int MESSAGE_LIMIT = 300;

	private static final int READ_LIMIT = 16 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What the LRS answered.
	 *
	 * @param status the HTTP status, or 0 if there was no answer (refused connection, time-out)
	 * @param message why, in a few words, without any secret or statement body; empty after a 2xx
	 */
	record Answer(int status, String message) {

		boolean stored() {
			return status >= 200 && status < 300;
		}

		/** 409: a statement with one of these ids is already stored. */
		boolean conflict() {
			return status == 409;
		}

		/** 400, 413 or 422: the LRS will not take (at least one of) these statements as they are. */
		boolean refused() {
			return status == 400 || status == 413 || status == 422;
		}

		/** "HTTP 400: message", or just the message when there was no answer. */
		String describe() {
			return status == 0 ? message : message.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + message;
		}

	}

	private final HttpClient http;

	private final Duration timeout;

	LrsClient(Duration timeout) {
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	Answer post(XapiProperties.Destination destination, List<String> statements) {
		byte[] body = ("[" + String.join(",", statements) + "]").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(statementsUri(destination.endpoint()))
			.timeout(timeout)
			.header("Authorization", basic(destination.key(), destination.secret()))
			.header("X-Experience-API-Version", destination.version())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			String text;
			try (InputStream in = response.body()) {
				text = new String(in.readNBytes(READ_LIMIT), StandardCharsets.UTF_8);
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Answer(status, "");
			}
			return new Answer(status, clean(message(text), destination, statements));
		}
		catch (HttpTimeoutException ex) {
			return new Answer(0, "no answer within " + timeout.toMillis() + " ms");
		}
		catch (ConnectException ex) {
			return new Answer(0, "could not connect");
		}
		catch (IOException ex) {
			return new Answer(0, "network error (" + ex.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "interrupted");
		}
	}

	/** {@code {endpoint}/statements}, whether or not the endpoint ends with a slash. */
	static URI statementsUri(URI endpoint) {
		String base = endpoint.toString();
		return URI.create((base.endsWith("/") ? base : base + "/") + "statements");
	}

	private static String basic(String key, String secret) {
		String pair = (key == null ? "" : key) + ":" + (secret == null ? "" : secret);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/** An LRS's error body: the {@code message} of a JSON error object, or the text itself. */
	private static String message(String text) {
		String trimmed = text.strip();
		if (trimmed.startsWith("{")) {
			try {
				JsonNode node = JSON.readTree(trimmed);
				JsonNode message = node.get("message");
				if (message != null && message.isString()) {
					return message.asString();
				}
			}
			catch (RuntimeException ex) {
				// not JSON after all: keep the text
			}
		}
		return trimmed;
	}

	/**
	 * The message as it may be stored and shown to admins: no statement body the LRS echoed back, no key
	 * or secret, no control characters, at most {@link #MESSAGE_LIMIT} characters.
	 */
	static String clean(String message, XapiProperties.Destination destination, List<String> statements) {
		String m = message;
		for (String statement : statements) {
			m = m.replace(statement, "[statement]");
		}
		if (destination.secret() != null && !destination.secret().isEmpty()) {
			m = m.replace(destination.secret(), "[secret]");
		}
		if (destination.key() != null && destination.key().length() > 3) {
			m = m.replace(destination.key(), "[key]");
		}
		m = m.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
		if (m.length() > MESSAGE_LIMIT) {
			m = m.substring(0, MESSAGE_LIMIT - 1) + "…";
		}
		return m;
	}

}
