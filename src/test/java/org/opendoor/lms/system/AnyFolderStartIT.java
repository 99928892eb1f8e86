package org.opendoor.lms.system;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.AppProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started as a newcomer would, from a folder with nothing else in it: it runs the demo on
 * the courses and certificate template it carries; a configured course folder that does not exist stops
 * the start with one line, not a stack trace. Runs after {@code package} ({@code ./mvnw verify}).
 */
class AnyFolderStartIT {

	static Path jar() throws Exception {
		try (var files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("opendoor-lms-.*\\.jar")).findFirst().orElseThrow()
				.toAbsolutePath();
		}
	}

	private static ProcessBuilder java(Path folder, Path log, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar().toString()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
	}

	@Test
	void theJarRunsTheDemoFromAnEmptyFolder() throws Exception {
		Path folder = Files.createTempDirectory("opendoor-empty");
		Path log = Files.createTempFile("any-folder", ".log");
		int port = AppProcess.freePort();
		String base = "http://127.0.0.1:" + port;
		Process app = java(folder, log, "--server.port=" + port, "--server.servlet.session.cookie.secure=false").start();
		try {
			AppProcess.awaitReady(port, app, log, Duration.ofMinutes(3));
			HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(signIn.statusCode()).isEqualTo(200);
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signIn.body());
			assertThat(csrf.find()).isTrue();
			String form = "_csrf=" + enc(csrf.group(1)) + "&username=" + enc("learner@demo.opendoor.invalid")
					+ "&password=demo-learner-pass";
			http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.discarding());
			HttpResponse<String> courses = http.send(HttpRequest.newBuilder(URI.create(base + "/courses")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(courses.statusCode()).isEqualTo(200);
			assertThat(courses.body()).as("the flagship course, from inside the jar")
				.contains("Mental health awareness for community hub leaders");
			assertThat(Files.readString(log)).doesNotContain("cannot be read").doesNotContain("Exception");
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	@Test
	void aMissingConfiguredCourseFolderStopsTheStartWithOneClearLine() throws Exception {
		Path folder = Files.createTempDirectory("opendoor-empty");
		Path log = Files.createTempFile("any-folder-missing", ".log");
		Process app = java(folder, log, "--server.port=" + AppProcess.freePort(), "--lms.course.directory=/no/such/courses")
			.start();
		assertThat(app.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(app.exitValue()).isNotZero();
		String output = Files.readString(log);
		assertThat(output).contains("lms.course.directory names /no/such/courses, which is missing or cannot be read.");
		assertThat(output).as("no stack trace").doesNotContainPattern("\\n\\s+at [a-z]");
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
