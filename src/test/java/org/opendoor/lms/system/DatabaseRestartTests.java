package org.opendoor.lms.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.AppProcess;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.Learners;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database restarts while learners are busy: while it is down, pages answer 503 with a clear message
 * in the visitor's language (JSON for API clients) and readiness is DOWN while liveness stays UP; once it
 * is back, the same learners carry on in the same sessions without the app restarting, and every answer
 * that was acknowledged is in the database with its xAPI statement.
 */
class DatabaseRestartTests {

	static final String ENGLISH = "We can’t reach our records just now. Nothing you saved is lost. Please try again in a minute.";

	static final String WELSH = "Ni allwn gyrraedd ein cofnodion ar hyn o bryd.";

	static final List<String> LESSONS = List.of("lesson-welcome", "lesson-listening", "lesson-three-tiers");

	static final List<String> CHECKS = List.of("open-question", "fixing", "urgent-signs");

	static final int LEARNERS = 4;

	EmbeddedPostgres postgres;

	ConfigurableApplicationContext app;

	final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	final List<Learner> learners = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		learners.forEach(l -> l.stop = true);
		if (app != null) {
			app.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	/** One acknowledged answer: the learner was sent on to the step's feedback. */
	record Acknowledged(UUID attempt, String question, String choice) {
	}

	/** A learner taking lessons and answering checks in a loop, noting what the app answered. */
	final class Learner implements Runnable {

		final BrowserlessSession session;

		final UUID attempt;

		final AtomicInteger successes = new AtomicInteger();

		final AtomicInteger unavailable = new AtomicInteger();

		volatile boolean stop;

		Learner(BrowserlessSession session, UUID attempt) {
			this.session = session;
			this.attempt = attempt;
		}

		@Override
		public void run() {
			String base = "/attempts/" + attempt + "/steps/";
			for (int round = 0; !stop; round++) {
				try {
					round(base, round);
				}
				catch (IllegalStateException ex) {
					// the connection broke mid-response: a page already on its way when the database went
					broken.add(ex.toString());
				}
			}
		}

		private void round(String base, int round) {
			for (String lesson : LESSONS) {
				note(session.get(base + lesson), "GET " + lesson, 200);
			}
			for (String question : CHECKS) {
				String choice = round % 2 == 0 ? "a" : "b";
				BrowserlessSession.Page page = session.post(base + "check-" + question, "choice", choice);
				if (note(page, "POST " + question, 302)) {
					if (!page.location().contains(base + "check-" + question)) {
						unexpected.add("POST " + question + " sent the learner to " + page.location());
						continue;
					}
					acknowledged.add(new Acknowledged(attempt, question, choice));
					successes.incrementAndGet();
				}
			}
		}

		private boolean note(BrowserlessSession.Page page, String what, int success) {
			if (page.status() == success && (success != 302 || page.location().contains("/steps/"))) {
				return true;
			}
			if (page.status() == 503 && page.body().contains(ENGLISH) && !page.body().contains("Exception")) {
				unavailable.incrementAndGet();
				return false;
			}
			unexpected.add(what + " answered " + page.status() + " " + page.location() + " "
					+ page.body().substring(0, Math.min(300, page.body().length())));
			return false;
		}

	}

	final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();

	final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

	final ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();

	@Test
	void learnersCarryOnAfterTheDatabaseRestartsAndNoAcknowledgedAnswerIsLost() throws Exception {
		Path data = Path.of("target", "embedded-pg", "db-restart").toAbsolutePath();
		deleteRecursively(data);
		int pgPort = AppProcess.freePort();
		postgres = EmbeddedPostgresSupport.startOn(data, pgPort);
		app = new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
			.run("--server.port=0", "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--logging.level.root=WARN", "--lms.demo.volunteers=false");
		int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
		assertThat(probe(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);

		List<Thread> threads = new ArrayList<>();
		Accounts accounts = app.getBean(Accounts.class);
		for (int i = 0; i < LEARNERS; i++) {
			Account account = Learners.register(accounts, "Restart " + i, Nation.WALES, "en");
			BrowserlessSession session = new BrowserlessSession(port);
			assertThat(session.signIn(account.email(), Learners.PASSWORD).status()).isEqualTo(302);
			session.get("/courses");
			BrowserlessSession.Page started = session.post("/courses/first-steps/attempts");
			assertThat(started.status()).isEqualTo(302);
			Learner learner = new Learner(session, UUID.fromString(started.location().replaceAll(".*/attempts/", "")));
			learners.add(learner);
			Thread thread = new Thread(learner, "learner-" + i);
			threads.add(thread);
			thread.start();
		}
		Map<Learner, String> sessionCookies = new ConcurrentHashMap<>();
		learners.forEach(l -> sessionCookies.put(l, l.session.cookie("SESSION")));
		assertThat(sessionCookies.values()).doesNotContainNull();
		waitFor("every learner has an answer acknowledged", () -> learners.stream().allMatch(l -> l.successes.get() > 0));

		// the database goes away mid-run
		postgres.close();
		postgres = null;
		waitFor("readiness reports the database down", () -> probe(port, "/actuator/health/readiness").statusCode() == 503);
		HttpResponse<String> readiness = probe(port, "/actuator/health/readiness");
		assertThat(readiness.body()).contains("DOWN");
		HttpResponse<String> liveness = probe(port, "/actuator/health/liveness");
		assertThat(liveness.statusCode()).as("a restart would not help: liveness stays up").isEqualTo(200);
		assertThat(liveness.body()).contains("UP");

		String cookie = "SESSION=" + sessionCookies.get(learners.get(0));
		HttpResponse<String> page = send(port, "/courses", cookie, "text/html", "en-GB");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).isPresent();
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains(ENGLISH).doesNotContain("Exception").doesNotContain("org.")
			.doesNotContain("style=");
		HttpResponse<String> welsh = send(port, "/courses", cookie, "text/html", "cy");
		assertThat(welsh.statusCode()).isEqualTo(503);
		assertThat(welsh.body()).contains(WELSH).contains("lang=\"cy\"");
		HttpResponse<String> api = send(port, "/api/courses/first-steps/packages/scorm12", cookie, "application/json", "en-GB");
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		assertThat(api.body()).contains("\"status\":503").contains(ENGLISH);
		int before = learners.stream().mapToInt(l -> l.unavailable.get()).sum();
		waitFor("learners see the 503 page", () -> learners.stream().mapToInt(l -> l.unavailable.get()).sum() > before);

		// the database comes back on the same data and port; the app is not restarted
		postgres = EmbeddedPostgresSupport.startOn(data, pgPort);
		waitFor("readiness reports the database up", () -> probe(port, "/actuator/health/readiness").statusCode() == 200);
		Map<Learner, Integer> atRestart = new ConcurrentHashMap<>();
		learners.forEach(l -> atRestart.put(l, l.successes.get()));
		waitFor("every learner carries on", () -> learners.stream().allMatch(l -> l.successes.get() > atRestart.get(l)));
		learners.forEach(l -> l.stop = true);
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(60).toMillis());
		}
		assertThat(unexpected).as("every page was a success or the clear 503 page").isEmpty();
		assertThat(broken).as("at most the requests in flight when the database stopped were cut off").hasSizeLessThanOrEqualTo(LEARNERS);
		assertThat(learners).allMatch(l -> l.unavailable.get() > 0, "saw the 503 page during the outage");

		// the same sessions, still signed in; a last answer each, to compare with what is stored
		for (Learner learner : learners) {
			assertThat(learner.session.cookie("SESSION")).isEqualTo(sessionCookies.get(learner));
			String base = "/attempts/" + learner.attempt + "/steps/";
			assertThat(learner.session.get(base + "check-fixing").status()).isEqualTo(200);
			BrowserlessSession.Page last = learner.session.post(base + "check-fixing", "choice", "b");
			assertThat(last.status()).isEqualTo(302);
			assertThat(last.location()).contains(base + "check-fixing");
			acknowledged.add(new Acknowledged(learner.attempt, "fixing", "b"));
		}

		JdbcClient jdbc = app.getBean(JdbcClient.class);
		Map<Acknowledged, Long> counts = new java.util.HashMap<>();
		acknowledged.forEach(a -> counts.merge(new Acknowledged(a.attempt(), a.question(), ""), 1L, Long::sum));
		for (Map.Entry<Acknowledged, Long> e : counts.entrySet()) {
			Acknowledged a = e.getKey();
			assertThat(jdbc.sql("select count(*) from attempt_answer where attempt_id = ? and answer_key = ?")
				.params(a.attempt(), "check:" + a.question())
				.query(Long.class)
				.single()).as("answer kept: " + a).isEqualTo(1);
			long statements = jdbc.sql("select count(*) from xapi_statement s join attempt t on t.registration = s.registration"
					+ " where t.id = ? and s.verb_id = ? and s.body like ?")
				.params(a.attempt(), "http://adlnet.gov/expapi/verbs/answered", "%/questions/" + a.question() + "\"%")
				.query(Long.class)
				.single();
			assertThat(statements).as("an answered statement for every acknowledged answer: " + a).isGreaterThanOrEqualTo(e.getValue());
		}
		for (Learner learner : learners) {
			assertThat(jdbc.sql("select response from attempt_answer where attempt_id = ? and answer_key = ?")
				.params(learner.attempt, "check:fixing")
				.query(String.class)
				.single()).isEqualTo("b");
		}
		assertThat(probe(port, "/actuator/health/readiness").body()).contains("UP");
	}

	private HttpResponse<String> probe(int port, String path) {
		return send(port, path, null, "application/json", "en-GB");
	}

	private HttpResponse<String> send(int port, String path, String cookie, String accept, String language) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", accept)
			.header("Accept-Language", language)
			.timeout(Duration.ofSeconds(30));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		try {
			return probe.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("timed out waiting until " + what).isBefore(deadline);
			Thread.sleep(200);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
	}

}
