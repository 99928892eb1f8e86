package org.opendoor.lms.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server does with requests an attacker writes by hand, over real HTTP: Tomcat's own error pages
 * carry the security headers, and forwarded headers from a visitor (no proxy is configured) choose neither
 * the host name in redirects nor the address the rate limits count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class ServerEdgeTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	/** A response as read off the socket: status line, headers (lower-case names, first value) and body. */
	record Raw(int status, Map<String, String> headers, String body) {
	}

	private Raw send(String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			for (int n; (n = in.read(buffer)) > 0;) {
				all.write(buffer, 0, n);
				if (all.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && !request.contains("keep")) {
					String text = all.toString(StandardCharsets.ISO_8859_1);
					String head = text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
					if (head.contains("connection: close")) {
						continue;
					}
					if (head.contains("content-length:")) {
						int length = Integer.parseInt(head.replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
						if (text.length() - text.indexOf("\r\n\r\n") - 4 >= length) {
							break;
						}
					}
				}
			}
			String text = all.toString(StandardCharsets.ISO_8859_1);
			String[] parts = text.split("\r\n\r\n", 2);
			String[] lines = parts[0].split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
			}
			return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, parts.length > 1 ? parts[1] : "");
		}
	}

	@Test
	void tomcatsOwnErrorPagesCarryTheSecurityHeaders() throws IOException {
		List<String> malformed = List.of("GET /courses/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /a b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /{x}|<y> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /login HTTP/1.1\r\nHost: local host\r\nConnection: close\r\n\r\n",
				"GET /xapi/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		for (String request : malformed) {
			Raw raw = send(request);
			assertThat(raw.status()).as(request).isEqualTo(400);
			assertThat(raw.headers()).as(request)
				.containsKeys("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy",
						"permissions-policy")
				.containsEntry("x-frame-options", "DENY")
				.containsEntry("x-content-type-options", "nosniff")
				.containsEntry("cache-control", "no-store");
			assertThat(raw.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
			assertThat(raw.body()).as("no server version").doesNotContainIgnoringCase("Apache Tomcat");
		}
	}

	@Test
	void pagesAndTheLrsCarryEachSecurityHeaderOnceWithTheirOwnValues() throws Exception {
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		for (String path : List.of("/login", "/courses", "/xapi/about", "/no-such-page")) {
			java.net.http.HttpResponse<String> r = client.send(
					java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			for (String header : List.of("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
					"Referrer-Policy", "Permissions-Policy")) {
				assertThat(r.headers().allValues(header)).as(path + " " + header).hasSize(1);
			}
			assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
				.isEqualTo(path.startsWith("/xapi") ? SecurityHeaders.LRS_CSP : SecurityConfiguration.CSP);
		}
	}

	@Test
	void anAnswerWrittenBeforeSpringSecurityCarriesTheHeadersToo() throws IOException {
		// the LRS's version check answers before Spring Security's filters run
		Raw raw = send("GET /xapi/statements HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(raw.status()).isEqualTo(400);
		assertThat(raw.headers()).containsEntry("content-security-policy", "default-src 'none'; frame-ancestors 'none'")
			.containsEntry("x-frame-options", "DENY")
			.containsEntry("x-content-type-options", "nosniff")
			.containsEntry("referrer-policy", "no-referrer");
	}

	@Test
	void aForwardedHostFromAVisitorDoesNotChooseWhereARedirectGoes() throws IOException {
		Raw raw = send("GET /courses HTTP/1.1\r\nHost: localhost:" + port + "\r\nX-Forwarded-Host: evil.example\r\n"
				+ "X-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\nConnection: close\r\n\r\n");
		assertThat(raw.status()).isEqualTo(302);
		assertThat(raw.headers().get("location")).doesNotContain("evil.example").startsWith("http://localhost:" + port + "/login");
		assertThat(raw.headers()).as("not taken for HTTPS either").doesNotContainKey("strict-transport-security");
	}

	@Test
	void aForwardedForFromAVisitorDoesNotChooseTheAddressTheLimitsCount() throws IOException {
		Account victim = Learners.register(accounts, "Forwarded", Nation.ENGLAND, "en");
		Raw form = send("GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		String session = form.headers().get("set-cookie").split(";")[0];
		String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		int status = 0;
		for (int i = 0; i < 6; i++) {
			String body = "username=" + victim.email().replace("@", "%40") + "&password=wrong+guess+" + i + "&_csrf=" + csrf;
			status = send("POST /login HTTP/1.1\r\nHost: localhost\r\nCookie: " + session + "\r\nX-Forwarded-For: 198.51.100."
					+ i + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
					+ "\r\nConnection: close\r\n\r\n" + body).status();
		}
		assertThat(status).as("the sixth guess from this address is slowed, whatever it claims to forward").isEqualTo(429);
	}

}
