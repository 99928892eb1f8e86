package org.opendoor.lms.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in visitor over real HTTP without a browser: keeps cookies, follows nothing by itself and
 * sends the CSRF token from the last page it read, as a browser submitting that page's form would.
 */
public final class BrowserlessSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies;

	private final HttpClient client;

	private String csrf;

	public BrowserlessSession(int port) {
		this(port, new CookieManager());
	}

	private BrowserlessSession(int port, CookieManager cookies) {
		this.base = "http://localhost:" + port;
		this.cookies = cookies;
		this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** The same browser (same cookies) talking to another instance of the app on {@code port}. */
	public BrowserlessSession sameBrowser(int port) {
		return new BrowserlessSession(port, cookies);
	}

	/** A response as a visitor sees it. */
	public record Page(int status, String location, String body) {
	}

	/** The value of a cookie the site set, or {@code null}. */
	public String cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
			.map(java.net.HttpCookie::getValue).findFirst().orElse(null);
	}

	public Page get(String path) {
		Page page = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build());
		Matcher m = CSRF.matcher(page.body());
		if (m.find()) {
			csrf = m.group(1);
		}
		return page;
	}

	/** Follows redirects from a path as a browser would, returning the last page and its path. */
	public Page follow(String path) {
		Page page = get(path);
		int hops = 0;
		while (page.status() / 100 == 3 && hops++ < 10) {
			String next = page.location().startsWith("http") ? URI.create(page.location()).getRawPath()
					+ (URI.create(page.location()).getRawQuery() == null ? "" : "?" + URI.create(page.location()).getRawQuery())
					: page.location();
			lastPath = next;
			page = get(next);
		}
		return page;
	}

	private String lastPath;

	/** The path the last {@link #follow} ended on. */
	public String lastPath() {
		return lastPath;
	}

	public Page post(String path, String... nameValues) {
		List<String> parts = new ArrayList<>();
		if (csrf != null) {
			parts.add("_csrf=" + enc(csrf));
		}
		for (int i = 0; i + 1 < nameValues.length; i += 2) {
			parts.add(enc(nameValues[i]) + "=" + enc(nameValues[i + 1]));
		}
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts)))
			.build());
	}

	/** Uploads one file as a multipart form (with the page's CSRF token), as a browser's file form would. */
	public Page postMultipart(String path, String field, String filename, byte[] content) {
		String boundary = "----opendoor" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		StringBuilder head = new StringBuilder();
		if (csrf != null) {
			head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n")
				.append(csrf).append("\r\n");
		}
		head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field)
			.append("\"; filename=\"").append(filename).append("\"\r\nContent-Type: text/csv\r\n\r\n");
		body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());
	}

	/** The raw bytes of a response body (a stylesheet, script or image), as they cross the wire. */
	public byte[] download(String path) {
		try {
			HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (r.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + r.statusCode());
			}
			return r.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Signs in through the sign-in form; returns where the app sent the visitor. */
	public Page signIn(String email, String password) {
		get("/login");
		return post("/login", "username", email, "password", password);
	}

	private Page send(HttpRequest request) {
		try {
			HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}


}
