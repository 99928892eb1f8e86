package org.opendoor.lms.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.AppProcess;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.TestKeystore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's production start: the packaged jar, with Spring's ahead-of-time processing
 * ({@code -Dspring.aot.enabled=true}), on PostgreSQL with the {@code postgres} profile. The bean definitions
 * of such a start were decided when the jar was built, so a change that only works when Spring works them out
 * at start-up would pass every other test and fail in production. Runs after {@code package}
 * ({@code ./mvnw verify}).
 */
class AotStartIT {

	@Test
	void packagedJarStartsAheadOfTimeProcessedOnPostgres() throws Exception {
		Path jar;
		try (var files = Files.list(Path.of("target"))) {
			jar = files.filter(p -> p.getFileName().toString().matches("opendoor-lms-.*\\.jar")).findFirst().orElseThrow();
		}
		Path log = Files.createTempFile("aot-start", ".log");
		int port = AppProcess.freePort();
		String base = "http://127.0.0.1:" + port;
		try (EmbeddedPostgres pg = EmbeddedPostgresSupport.start()) {
			// production refuses an empty or well-known database password
			String password = java.util.UUID.randomUUID().toString();
			try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
				s.execute("create role opendoor_aot login password '" + password + "'");
				s.execute("create database opendoor_aot owner opendoor_aot");
			}
			ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Dspring.aot.enabled=true", "-jar", jar.toString(), "--spring.profiles.active=postgres",
					"--server.port=" + port, "--server.servlet.session.cookie.secure=false",
					"--lms.certificate.base-url=" + base, "--lms.certificate.signing.keystore=" + TestKeystore.path(),
					"--lms.certificate.signing.alias=issuer"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("SPRING_DATASOURCE_URL", pg.getJdbcUrl("opendoor_aot", "opendoor_aot"));
			builder.environment().put("SPRING_DATASOURCE_USERNAME", "opendoor_aot");
			builder.environment().put("SPRING_DATASOURCE_PASSWORD", password);
			builder.environment().put("LMS_CERTIFICATE_SIGNING_PASSWORD", TestKeystore.PASSWORD);
			Process app = builder.start();
			try {
				AppProcess.awaitReady(port, app, log, Duration.ofMinutes(3));
				HttpClient http = HttpClient.newHttpClient();
				assertThat(Files.readString(log)).contains("Starting AOT-processed OpenDoorApplication");

				HttpResponse<String> signIn = get(http, base + "/login");
				assertThat(signIn.statusCode()).isEqualTo(200);
				assertThat(signIn.body()).contains("name=\"_csrf\"");
				// a learner page still needs signing in
				HttpResponse<String> courses = get(http, base + "/courses");
				assertThat(courses.statusCode()).isEqualTo(302);
				assertThat(courses.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
				// the public verify page reads the database through JPA
				HttpResponse<String> verify = get(http, base + "/verify/ABCD-EFGH-JKLM");
				assertThat(verify.statusCode()).as("an unknown code is not found").isEqualTo(404);
				assertThat(verify.body()).contains("No certificate has this code.");
			}
			finally {
				app.destroy();
				if (!app.waitFor(30, TimeUnit.SECONDS)) {
					app.destroyForcibly();
				}
			}
		}
	}

	private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
