package org.opendoor.lms.lti;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser, between the platform emulator and the tool: posts the platform's login
 * initiation, follows the redirect to the platform's authorisation endpoint and posts its form_post back,
 * as the platform's auto-submitted page would make a browser do. Keeps cookies, follows no redirect itself.
 */
final class LtiBrowser {

	private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

	final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
		.followRedirects(HttpClient.Redirect.NEVER).build();

	final String base;

	String language = "en";

	LtiBrowser(int port) {
		this.base = "http://localhost:" + port;
	}

	record Page(int status, String location, String body) {
	}

	Page get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url)).GET());
	}

	Page post(String url, Map<String, String> form) {
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/** Login initiation, authorisation, form_post: the tool's answer to the launch. */
	Page launch(Map<String, String> login) {
		Page started = post("/lti/login", login);
		if (started.status() != 302) {
			return started;
		}
		Page authorised = get(started.location());
		if (authorised.status() != 200) {
			throw new AssertionError("the platform refused the authorisation request: " + authorised.body());
		}
		Map<String, String> form = hidden(authorised.body());
		lastForm = form;
		return post("/lti/launch", form);
	}

	/** The form the platform posted last (to replay it). */
	Map<String, String> lastForm;

	static Map<String, String> hidden(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher m = HIDDEN.matcher(html);
		while (m.find()) {
			fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\""));
		}
		return fields;
	}

	static String attribute(String html, String id, String attribute) {
		Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*" + attribute + "=\"([^\"]+)\"").matcher(html);
		if (!m.find()) {
			m = Pattern.compile(attribute + "=\"([^\"]+)\"[^>]*id=\"" + id + "\"").matcher(html);
			if (!m.find()) {
				throw new AssertionError("no #" + id + " with " + attribute + " in " + html);
			}
		}
		return m.group(1).replace("&amp;", "&");
	}

	private Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.header("Accept", "text/html")
				.header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
			return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
