package org.opendoor.lms.lrs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.support.AppProcess;
import org.opendoor.lms.support.LrsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as it runs in production, its own JVM with a 128 MB heap and the default limits, gets 60 MB
 * bodies on every LRS route that takes one, four at a time, with and without credentials, with a
 * {@code Content-Length} and chunked, the alternate request syntax included. Each is refused (413, or
 * 401 for a chunked body without credentials, which is never read), nothing runs out of memory, and the
 * LRS then stores and serves statements as before.
 */
class OversizedBodiesProcessTests {

	private static final long SIXTY_MB = 60L * 1024 * 1024;

	private static final String AUTH = "Basic "
			+ Base64.getEncoder().encodeToString("demo-lrs-key:demo-lrs-secret".getBytes(StandardCharsets.UTF_8));

	@TempDir
	Path dir;

	/**
	 * One oversized request.
	 *
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param contentType its content type
	 * @param auth whether it carries credentials
	 * @param chunked sent without a length
	 * @param expected the status the LRS must answer
	 */
	record Oversized(String method, String path, String contentType, boolean auth, boolean chunked, int expected) {
	}

	@Test
	void sixtyMegabyteBodiesOnEveryRouteAreRefusedAndTheLrsKeepsServing() throws Exception {
		String agent = LrsClient.enc("{\"mbox\":\"mailto:volunteer@example.org\"}");
		String activity = LrsClient.enc("http://example.org/activities/limits");
		List<String> paths = List.of("/xapi/statements?statementId=" + UUID.randomUUID(), "/xapi/statements",
				"/xapi/activities/state?activityId=" + activity + "&agent=" + agent + "&stateId=s",
				"/xapi/activities/profile?activityId=" + activity + "&profileId=p",
				"/xapi/agents/profile?agent=" + agent + "&profileId=p");
		List<Oversized> requests = new ArrayList<>();
		for (String path : paths) {
			String method = path.contains("statementId") || path.contains("state?") ? "PUT" : "POST";
			for (boolean auth : new boolean[] { true, false }) {
				requests.add(new Oversized(method, path, "application/json", auth, false, 413));
				requests.add(new Oversized(method, path, "application/json", auth, true, auth ? 413 : 401));
			}
		}
		requests.add(new Oversized("POST", "/xapi/statements", "multipart/mixed; boundary=b", true, false, 413));
		requests.add(new Oversized("POST", "/xapi/statements", "multipart/mixed; boundary=b", false, true, 401));
		for (String method : new String[] { "PUT", "POST" }) {
			for (boolean chunked : new boolean[] { true, false }) {
				String path = "/xapi/statements?method=" + method;
				requests.add(new Oversized("POST", path, "application/x-www-form-urlencoded", false, chunked, 413));
			}
		}
		requests.add(new Oversized("POST", "/xapi/activities/state?method=PUT", "application/x-www-form-urlencoded",
				false, true, 413));

		int port = AppProcess.freePort();
		Path log = dir.resolve("app.log");
		Process app = start(port, log);
		try {
			AppProcess.awaitReady(port, app, log, Duration.ofSeconds(300));
			ExecutorService four = Executors.newFixedThreadPool(4);
			try {
				List<Future<Integer>> answers = new ArrayList<>();
				for (Oversized r : requests) {
					answers.add(four.submit(() -> send(port, r)));
				}
				for (int i = 0; i < requests.size(); i++) {
					assertThat(answers.get(i).get()).as(requests.get(i).toString()).isEqualTo(requests.get(i).expected());
				}
			}
			finally {
				four.shutdownNow();
			}
			assertThat(app.isAlive()).isTrue();
			LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
			String id = UUID.randomUUID().toString();
			assertThat(lrs.putJson("/xapi/statements?statementId=" + id,
					"{\"actor\":{\"mbox\":\"mailto:volunteer@example.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
							+ "\"object\":{\"id\":\"http://example.org/activities/limits\"}}")
				.status()).isEqualTo(204);
			assertThat(lrs.get("/xapi/statements?statementId=" + id).status()).isEqualTo(200);
		}
		finally {
			app.destroy();
			app.waitFor();
		}
		assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
	}

	private Process start(int port, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
				OpenDoorApplication.class.getName(), "--spring.profiles.active=demo", "--server.port=" + port,
				"--lms.demo.volunteers=false", "--spring.datasource.url=jdbc:h2:mem:oversized;DB_CLOSE_DELAY=-1",
				"--logging.level.root=WARN")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	/**
	 * Sends the request's head, then streams 60 MB of body while reading the answer, as a client that does
	 * not wait to be told; returns the status, or -1 if the connection ended without one.
	 */
	private static int send(int port, Oversized r) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(60_000);
			StringBuilder head = new StringBuilder(r.method() + " " + r.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
				.append("Content-Type: ").append(r.contentType()).append("\r\n");
			if (!r.path().contains("method=")) {
				head.append("X-Experience-API-Version: 1.0.3\r\n");
			}
			if (r.auth()) {
				head.append("Authorization: ").append(AUTH).append("\r\n");
			}
			head.append(r.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + SIXTY_MB + "\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread writer = new Thread(() -> body(out, r));
			writer.setDaemon(true);
			writer.start();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			String status = in.readLine();
			return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
		}
	}

	private static void body(OutputStream out, Oversized r) {
		byte[] chunk = new byte[64 * 1024];
		Arrays.fill(chunk, (byte) 'A');
		byte[] start = (r.contentType().startsWith("application/x-www-form") ? "content="
				: r.contentType().startsWith("multipart") ? "--b\r\nContent-Type: application/json\r\n\r\n[" : "[{\"a\":\"")
			.getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(start, 0, chunk, 0, start.length);
		try {
			for (long sent = 0; sent < SIXTY_MB; sent += chunk.length) {
				if (r.chunked()) {
					out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				}
				out.write(chunk);
				if (r.chunked()) {
					out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
				}
				Arrays.fill(chunk, 0, start.length, (byte) 'A');
			}
			if (r.chunked()) {
				out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			out.flush();
		}
		catch (IOException closed) {
			// the server stopped reading and closed the connection: what it should do
		}
	}

}
