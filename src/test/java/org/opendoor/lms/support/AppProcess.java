package org.opendoor.lms.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** For tests that run the app (or PostgreSQL) as a process of its own, as it runs in production. */
public final class AppProcess {

	private AppProcess() {
	}

	/** A TCP port nothing listens on now. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until the app on {@code port} reports ready ({@code /actuator/health/readiness} 200). Fails if
	 * the process ends or {@code timeout} passes first, with the end of its {@code log}.
	 */
	public static void awaitReady(int port, Process app, Path log, Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(10))
			.build();
		long until = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < until && app.isAlive()) {
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(200);
		}
		throw new AssertionError((app.isAlive() ? "the app was not ready within " + timeout : "the app stopped")
				+ "; its log ends:\n" + tail(log));
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
