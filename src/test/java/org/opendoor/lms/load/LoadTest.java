package org.opendoor.lms.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.opendoor.lms.support.EmbeddedPostgresSupport;

/**
 * On-demand load test (not part of the suite): the packaged app as its own process on a real, durable
 * PostgreSQL, with 500 learners taking the flagship course for ten minutes while {@code wrk} measures
 * the lesson page against a static file of the same app, in the same run.
 *
 * <pre>
 * apt-get install wrk                        # Debian's wrk 4.1
 * ./mvnw -q -DskipTests package              # the jar under test
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.opendoor.lms.load.LoadTest
 * </pre>
 *
 * Settings (system properties): {@code load.learners} (500), {@code load.minutes} (10),
 * {@code load.think} (mean seconds between a learner's requests, 3), {@code load.rounds} (wrk rounds of
 * lesson then static, 3), {@code load.wrkSeconds} (30), {@code load.connections} (wrk connections, 32),
 * {@code load.startOnly} (measure the starts, then stop), {@code load.jvm} (JVM options of the app; the default,
 * "-Xmx128m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1", is the README's advice for a small machine),
 * {@code load.mallocArenas} (the app's {@code MALLOC_ARENA_MAX}, 2 as the README advises; empty for glibc's default).
 * Results are printed as Markdown for {@code docs/benchmarks.md}; raw output goes to {@code target/load}.
 */
public final class LoadTest {

	private static final Path OUT = Path.of("target", "load").toAbsolutePath();

	private static final String COURSE = "hub-leaders-mental-health-awareness";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern NEXT = Pattern.compile("rel=\"next\"[^>]*href=\"([^\"]+)\"|href=\"([^\"]+)\"[^>]*rel=\"next\"");

	private static final Pattern CHOICE = Pattern.compile("name=\"choice\"[^>]*value=\"([^\"]+)\"");

	private final int learners = Integer.getInteger("load.learners", 500);

	private final int minutes = Integer.getInteger("load.minutes", 10);

	private final double think = Double.parseDouble(System.getProperty("load.think", "3"));

	private final int rounds = Integer.getInteger("load.rounds", 3);

	private final int wrkSeconds = Integer.getInteger("load.wrkSeconds", 30);

	private final int connections = Integer.getInteger("load.connections", 32);

	private final int starts = Integer.getInteger("load.starts", 3);

	private final boolean aot = Boolean.getBoolean("load.aot");

	private final String jvm = System.getProperty("load.jvm", "-Xmx160m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m");

	/** glibc's malloc arenas for the app (the README's advice: 2; {@code load.mallocArenas=} for glibc's default). */
	private final String mallocArenas = System.getProperty("load.mallocArenas", "2");

	private String base;

	private Process app;

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong answersAcknowledged = new AtomicLong();

	private final Map<String, String> firstErrors = new ConcurrentHashMap<>();

	private volatile long maxRssKb;

	public static void main(String[] args) {
		int status = 0;
		try {
			new LoadTest().run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	void run() throws Exception {
		Files.createDirectories(OUT);
		Files.deleteIfExists(OUT.resolve("app.log"));
		EmbeddedPostgres pg = EmbeddedPostgresSupport.start();
		String password = UUID.randomUUID().toString();
		try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("drop database if exists opendoor_load");
			s.execute("drop role if exists opendoor_load");
			s.execute("create role opendoor_load login password '" + password + "'");
			s.execute("create database opendoor_load owner opendoor_load");
		}
		String jdbc = pg.getJdbcUrl("opendoor_load", "opendoor_load");
		pgUrl = jdbc;
		pgPassword = password;
		int port = org.opendoor.lms.support.AppProcess.freePort();
		base = "http://127.0.0.1:" + port;
		Path jar = Files.list(Path.of("target"))
			.filter(p -> p.getFileName().toString().matches("opendoor-lms-.*\\.jar"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Build the jar first: ./mvnw -q -DskipTests package"));

		List<String> appArgs = List.of("--spring.profiles.active=postgres", "--server.port=" + port,
				// the load driver speaks plain HTTP on loopback; production keeps secure cookies
				"--server.servlet.session.cookie.secure=false", "--lms.certificate.base-url=" + base,
				"--lms.certificate.signing.keystore=" + org.opendoor.lms.support.TestKeystore.path(),
				"--lms.certificate.signing.alias=issuer",
				// every load learner registers from one address (loopback); real sign-ups come from many
				"--lms.security.registrations-per-hour=100000", "--lms.security.registration-attempts-per-hour=100000");
		Map<String, String> env = new java.util.HashMap<>(Map.of("SPRING_DATASOURCE_URL", jdbc, "SPRING_DATASOURCE_USERNAME",
				"opendoor_load", "SPRING_DATASOURCE_PASSWORD", password, "LMS_CERTIFICATE_SIGNING_PASSWORD",
				org.opendoor.lms.support.TestKeystore.PASSWORD));
		if (!mallocArenas.isBlank()) {
			env.put("MALLOC_ARENA_MAX", mallocArenas);
		}
		ProcessBuilder plain = builder(List.of(), jar, appArgs, env);
		// The first start creates the schema (Flyway), which a restarted or added instance does not do.
		long firstReady = startAndWait(plain);
		stopApp();
		// Class data sharing (the README's production advice): the jar extracted, and an archive of the
		// classes a start loads, written by one training start that exits once the context is refreshed.
		Path extracted = OUT.resolve("app");
		run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
				extracted.toString()), Map.of());
		Path extractedJar = extracted.resolve(jar.getFileName());
		// Java 25 and later: the JVM's AOT cache (classes loaded and linked, and method profiles) instead
		Path archive = OUT.resolve(aot ? "app.aot" : "app.jsa");
		Files.deleteIfExists(archive);
		List<String> training = new ArrayList<>(List.of(java()));
		training.addAll(Arrays.asList(jvm.trim().split("\\s+")));
		training.addAll(List.of(aot ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive,
				"-Dspring.context.exit=onRefresh", "-jar", extractedJar.toString()));
		training.addAll(appArgs);
		run(training, env);
		ProcessBuilder cds = builder(List.of(aot ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive),
				extractedJar, appArgs, env);
		List<Double> plainStarts = new ArrayList<>();
		List<Double> cdsStarts = new ArrayList<>();
		for (int i = 0; i < starts; i++) {
			plainStarts.add((double) startAndWait(plain));
			stopApp();
			cdsStarts.add((double) startAndWait(cds));
			stopApp();
		}
		readyPlain = median(plainStarts);
		readyCds = median(cdsStarts);
		long ready = startAndWait(Files.exists(archive) ? cds : plain);
		log("ready: plain jar median %.0f ms %s, with CDS median %.0f ms %s (first start with migrations %d ms), pid %d",
				readyPlain, plainStarts, readyCds, cdsStarts, firstReady, app.pid());
		if (Boolean.getBoolean("load.startOnly")) {
			stopApp();
			pg.close();
			return;
		}

		Thread rss = new Thread(this::sampleRss, "rss");
		rss.setDaemon(true);
		rss.start();

		List<Learner> people = setUp();
		List<String> steps = walkSteps(people.get(0));
		List<String> lessonSteps = steps.stream().filter(k -> k.startsWith("lesson-")).toList();
		log("%d learners ready; %d steps, %d lesson pages", people.size(), steps.size(), lessonSteps.size());
		writeWrkInputs(people, lessonSteps);
		if (Boolean.getBoolean("load.hold")) {
			// for profiling by hand: the app stays up with its learners until target/load/hold is deleted
			Path hold = OUT.resolve("hold");
			Files.writeString(hold, base + "\n");
			log("holding at %s (pid %d) until %s is deleted", base, app.pid(), hold);
			while (Files.exists(hold)) {
				Thread.sleep(1000);
			}
		}

		Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
		ExecutorService pool = Executors.newFixedThreadPool(people.size());
		for (Learner l : people) {
			pool.submit(() -> journey(l, steps, end));
		}
		// let the learners warm the app up for a minute, then measure lesson page against static file
		Thread.sleep(Math.min(60_000, Duration.ofMinutes(minutes).toMillis() / 5));
		// one short unmeasured pass of each, so every path is compiled before it is measured
		wrk("warm-up-reread", "reread.lua", "/", 10);
		wrk("warm-up-moving", "lesson.lua", "/", 10);
		wrk("warm-up-static", null, "/css/site.css", 10);
		List<Wrk> reread = new ArrayList<>();
		List<Wrk> lesson = new ArrayList<>();
		List<Wrk> stat = new ArrayList<>();
		for (int r = 0; r < rounds && Instant.now().isBefore(end.minusSeconds(3L * wrkSeconds)); r++) {
			reread.add(wrk("reread", "reread.lua", "/", wrkSeconds));
			lesson.add(wrk("moving", "lesson.lua", "/", wrkSeconds));
			stat.add(wrk("static", null, "/css/site.css", wrkSeconds));
		}
		pool.shutdown();
		pool.awaitTermination(minutes + 5, TimeUnit.MINUTES);

		long lost = verify(people);
		report(ready, firstReady, reread, lesson, stat, lost);
		app.destroy();
		app.waitFor(30, TimeUnit.SECONDS);
		pg.close();
	}

	private double readyPlain;

	private double readyCds;

	/** The app's Java: {@code load.javaHome}, else the one running this test. */
	private static String java() {
		return Path.of(System.getProperty("load.javaHome", System.getProperty("java.home")), "bin", "java").toString();
	}

	private ProcessBuilder builder(List<String> jvmExtra, Path jar, List<String> appArgs, Map<String, String> env) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(Arrays.asList(jvm.trim().split("\\s+")));
		command.addAll(jvmExtra);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(appArgs);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(OUT.resolve("app.log").toFile()));
		builder.environment().putAll(env);
		return builder;
	}

	private static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
		ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(OUT.resolve("prepare.log").toFile()));
		b.environment().putAll(env);
		int exit = b.start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException(command.get(1) + "… exited " + exit + "; see " + OUT.resolve("prepare.log"));
		}
	}

	private void stopApp() throws InterruptedException {
		app.destroy();
		app.waitFor(30, TimeUnit.SECONDS);
	}

	private long startAndWait(ProcessBuilder builder) throws Exception {
		long t0 = System.nanoTime();
		app = builder.start();
		Process started = app;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
		while (true) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The app stopped; see " + OUT.resolve("app.log"));
			}
			try {
				HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(1))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200) {
					return (System.nanoTime() - t0) / 1_000_000;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20);
		}
	}

	private void sampleRss() {
		Path status = Path.of("/proc", String.valueOf(app.pid()), "status");
		while (true) {
			try {
				for (String line : Files.readAllLines(status)) {
					// the kernel's high-water mark of resident memory, so a peak between two samples still counts
					if (line.startsWith("VmHWM:")) {
						long kb = Long.parseLong(line.replaceAll("\\D", ""));
						maxRssKb = Math.max(maxRssKb, kb);
					}
				}
				Thread.sleep(500);
			}
			catch (IOException | InterruptedException ex) {
				return;
			}
		}
	}

	/** Registers and signs in every learner (in parallel) and starts the flagship course for each. */
	private List<Learner> setUp() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<java.util.concurrent.Future<Learner>> futures = new ArrayList<>();
		String run = Long.toString(System.currentTimeMillis(), 36);
		for (int i = 0; i < learners; i++) {
			int n = i;
			futures.add(pool.submit(() -> {
				Learner l = new Learner("load-" + run + "-" + n + "@load.test", "Learner " + n);
				l.register();
				l.signIn();
				l.start();
				return l;
			}));
		}
		List<Learner> people = new ArrayList<>();
		try {
			for (var f : futures) {
				people.add(f.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		return people;
	}

	/** Every step key of the course, in order, by following the Next links as a learner would. */
	private List<String> walkSteps(Learner l) throws IOException, InterruptedException {
		List<String> keys = new ArrayList<>();
		String path = l.get("/attempts/" + l.attempt).headers().firstValue("Location").orElseThrow().replace(base, "");
		while (path != null) {
			String key = path.substring(path.lastIndexOf('/') + 1);
			keys.add(key);
			HttpResponse<String> page = l.get(path);
			Matcher next = NEXT.matcher(page.body());
			path = next.find() ? strip(next.group(1) != null ? next.group(1) : next.group(2)).replace(base, "") : null;
			if (key.startsWith("assessment") || key.equals("result")) {
				break;
			}
		}
		return keys;
	}

	private static String strip(String href) {
		return href.replace("&amp;", "&");
	}

	private void writeWrkInputs(List<Learner> people, List<String> lessonSteps) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < people.size(); i++) {
			Learner l = people.get(i);
			for (int j = 0; j < 4; j++) {
				String step = lessonSteps.get((i + j * 7) % lessonSteps.size());
				lines.append(l.session()).append('\t').append("/attempts/").append(l.attempt).append("/steps/")
					.append(step).append('\n');
			}
		}
		Files.writeString(OUT.resolve("lesson-targets.tsv"), lines);
		// re-reading: each learner's requests are for one page, as a reader refreshing it would send
		StringBuilder one = new StringBuilder();
		for (int i = 0; i < people.size(); i++) {
			Learner l = people.get(i);
			one.append(l.session()).append('\t').append("/attempts/").append(l.attempt).append("/steps/")
				.append(lessonSteps.get(i % lessonSteps.size())).append('\n');
		}
		Files.writeString(OUT.resolve("reread-targets.tsv"), one);
		writeWrkScript("reread.lua", "reread-targets.tsv");
		writeWrkScript("lesson.lua", "lesson-targets.tsv");
	}

	/** A wrk script that cycles through the (session, page) lines of a targets file. */
	private static void writeWrkScript(String script, String targets) throws IOException {
		Files.writeString(OUT.resolve(script), """
				local targets = {}
				local i = 0
				function init(args)
				  for line in io.lines("%s") do
				    local cookie, path = line:match("([^\\t]+)\\t([^\\t]+)")
				    targets[#targets + 1] = { cookie = cookie, path = path }
				  end
				  i = math.random(#targets)
				end
				function request()
				  i = i %% #targets + 1
				  local t = targets[i]
				  return wrk.format("GET", t.path, { ["Cookie"] = "SESSION=" .. t.cookie })
				end
				""".formatted(OUT.resolve(targets)));
	}

	/** A learner reading pages and answering checks in order, with think time, until the end. */
	private void journey(Learner l, List<String> steps, Instant end) {
		int at = ThreadLocalRandom.current().nextInt(steps.size());
		while (Instant.now().isBefore(end)) {
			String key = steps.get(at);
			String path = "/attempts/" + l.attempt + "/steps/" + key;
			try {
				HttpResponse<String> page = l.get(path);
				count(page, 200, "GET step");
				Matcher choice = CHOICE.matcher(page.body());
				if (page.statusCode() == 200 && key.startsWith("check-") && choice.find()) {
					pause();
					String value = choice.group(1);
					HttpResponse<String> answered = l.post(path, Map.of("choice", value));
					if (count(answered, 302, "POST answer")) {
						answersAcknowledged.incrementAndGet();
						l.acks.incrementAndGet();
						l.answered.put(key, value);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				errors.incrementAndGet();
				firstErrors.putIfAbsent(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
			}
			catch (InterruptedException ex) {
				return;
			}
			at = (at + 1) % steps.size();
			try {
				pause();
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void pause() throws InterruptedException {
		// exponential think time with the configured mean: people read at different speeds
		double seconds = -Math.log(1 - ThreadLocalRandom.current().nextDouble()) * think;
		Thread.sleep((long) (Math.min(seconds, think * 6) * 1000));
	}

	private boolean count(HttpResponse<String> r, int expected, String what) {
		requests.incrementAndGet();
		if (r.statusCode() != expected) {
			errors.incrementAndGet();
			firstErrors.putIfAbsent(what + " " + r.statusCode(), r.uri().getPath());
			return false;
		}
		return true;
	}

	/**
	 * No lost progress: every answer the app acknowledged is in the database, and each answer has its
	 * xAPI "answered" statement. Returns how many were missing.
	 */
	private long verify(List<Learner> people) throws Exception {
		long missing = 0;
		try (Connection c = DriverManager.getConnection(pgUrl, "opendoor_load", pgPassword);
				var answers = c.prepareStatement("select count(*) from attempt_answer where attempt_id = ?");
				var statements = c.prepareStatement("""
						select count(*) from xapi_statement s join attempt a on a.registration = s.registration
						where a.id = ? and s.verb_id = 'http://adlnet.gov/expapi/verbs/answered'""")) {
			for (Learner l : people) {
				missing += Math.max(0, l.answered.size() - count(answers, l.attempt));
				missing += Math.max(0, l.acks.get() - count(statements, l.attempt));
			}
		}
		return missing;
	}

	private static long count(java.sql.PreparedStatement ps, String attempt) throws java.sql.SQLException {
		ps.setObject(1, UUID.fromString(attempt));
		try (ResultSet rs = ps.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private String pgUrl;

	private String pgPassword;

	private Wrk wrk(String name, String script, String path, int seconds) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
				"--timeout", "5s"));
		if (script != null) {
			cmd.addAll(List.of("-s", OUT.resolve(script).toString()));
		}
		cmd.add(base + path);
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		Files.writeString(OUT.resolve("wrk-" + name + "-" + System.currentTimeMillis() + ".txt"), out);
		Wrk w = Wrk.parse(out);
		log("%s: %.0f req/s, p50 %.1f ms, p99 %.1f ms, errors %d", name, w.rps, w.p50, w.p99, w.errors);
		return w;
	}

	private void report(long ready, long firstReady, List<Wrk> reread, List<Wrk> moving, List<Wrk> stat, long lost) {
		StringBuilder md = new StringBuilder();
		md.append(String.format(Locale.ROOT, "Learners: %d for %d min (mean think time %.1f s); journey requests %d, errors %d; "
				+ "answers acknowledged %d, lost %d%n", learners, minutes, think, requests.get(), errors.get(),
				answersAcknowledged.get(), lost));
		firstErrors.forEach((k, v) -> md.append("  first error ").append(k).append(": ").append(v).append('\n'));
		md.append(String.format(Locale.ROOT, "Ready (median of %d): plain jar %.0f ms, extracted with %s %.0f ms; first start "
				+ "with migrations %d ms; max RSS of the instance under load (VmHWM) %d MB (JVM: %s %s; MALLOC_ARENA_MAX=%s)%n",
				starts, readyPlain, aot ? "AOT cache" : "CDS", readyCds, firstReady, maxRssKb / 1024, java(), jvm,
				mallocArenas.isBlank() ? "glibc's default" : mallocArenas));
		md.append("| round | lesson re-read req/s | p50 ms | p99 ms | errors | lesson moving on req/s | p50 ms | p99 ms | errors "
				+ "| static req/s | p99 ms | re-read ÷ static | moving ÷ static |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		List<Double> ratios = new ArrayList<>();
		List<Double> movingRatios = new ArrayList<>();
		for (int i = 0; i < stat.size(); i++) {
			Wrk a = reread.get(i);
			Wrk m = moving.get(i);
			Wrk b = stat.get(i);
			ratios.add(a.rps / b.rps);
			movingRatios.add(m.rps / b.rps);
			md.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %d | %.0f | %.1f | %.1f | %d | %.0f | %.1f | %.2f | %.2f |%n",
					i + 1, a.rps, a.p50, a.p99, a.errors, m.rps, m.p50, m.p99, m.errors, b.rps, b.p99, a.rps / b.rps,
					m.rps / b.rps));
		}
		md.append(String.format(Locale.ROOT,
				"Median: lesson re-read %.0f req/s (p99 %.1f ms), moving on %.0f req/s (p99 %.1f ms); static %.0f req/s; "
						+ "ratios %.2f and %.2f%n",
				median(reread.stream().map(w -> w.rps).toList()), median(reread.stream().map(w -> w.p99).toList()),
				median(moving.stream().map(w -> w.rps).toList()), median(moving.stream().map(w -> w.p99).toList()),
				median(stat.stream().map(w -> w.rps).toList()), median(ratios), median(movingRatios)));
		System.out.println(md);
		try {
			Files.writeString(OUT.resolve("report.md"), md);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double median(List<Double> values) {
		List<Double> v = new ArrayList<>(values);
		Collections.sort(v);
		return v.isEmpty() ? Double.NaN : v.get(v.size() / 2);
	}

	private static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[load] " + format + "%n", args);
	}

	/** wrk's summary: requests/s, latency percentiles and errors (socket errors plus non-2xx/3xx). */
	record Wrk(double rps, double p50, double p99, long errors) {

		static Wrk parse(String out) {
			double rps = number(out, "Requests/sec:\\s+([\\d.]+)");
			double p50 = millis(out, "\\s50%\\s+([\\d.]+)(us|ms|s)");
			double p99 = millis(out, "\\s99%\\s+([\\d.]+)(us|ms|s)");
			long errors = (long) number(out, "Non-2xx or 3xx responses:\\s+(\\d+)");
			Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
			if (socket.find()) {
				for (int g = 1; g <= 4; g++) {
					errors += Long.parseLong(socket.group(g));
				}
			}
			return new Wrk(rps, p50, p99, errors);
		}

		private static double number(String out, String regex) {
			Matcher m = Pattern.compile(regex).matcher(out);
			return m.find() ? Double.parseDouble(m.group(1)) : 0;
		}

		private static double millis(String out, String regex) {
			Matcher m = Pattern.compile(regex).matcher(out);
			if (!m.find()) {
				return Double.NaN;
			}
			double v = Double.parseDouble(m.group(1));
			return switch (m.group(2)) {
				case "us" -> v / 1000;
				case "s" -> v * 1000;
				default -> v;
			};
		}

	}

	/** One learner with their own cookie jar. */
	final class Learner {

		final String email;

		final String name;

		final String password = "load test " + UUID.randomUUID();

		final CookieManager cookies = new CookieManager();

		final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		final Map<String, String> answered = new LinkedHashMap<>();

		final AtomicLong acks = new AtomicLong();

		String attempt;

		Learner(String email, String name) {
			this.email = email;
			this.name = name;
		}

		String session() {
			return cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter(c -> c.getName().equals("SESSION"))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElseThrow();
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
			String token = csrf(path);
			StringBuilder body = new StringBuilder("_csrf=").append(enc(token));
			form.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
			return http.send(HttpRequest.newBuilder(URI.create(base + path))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private String csrf(String pagePath) throws IOException, InterruptedException {
			Matcher m = CSRF.matcher(get(pagePath).body());
			if (!m.find()) {
				throw new IllegalStateException("No CSRF token on " + pagePath);
			}
			return m.group(1);
		}

		void register() throws IOException, InterruptedException {
			HttpResponse<String> r = post("/register", Map.of("displayName", name, "email", email, "password", password,
					"nation", "WALES", "language", "en"));
			expect(r, 302, "register");
		}

		void signIn() throws IOException, InterruptedException {
			HttpResponse<String> r = post("/login", Map.of("username", email, "password", password));
			expect(r, 302, "sign in");
			if (r.headers().firstValue("Location").orElse("").contains("error")) {
				throw new IllegalStateException("Sign-in refused for a load learner");
			}
		}

		void start() throws IOException, InterruptedException {
			String token = csrf("/courses");
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/courses/" + COURSE + "/attempts"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token)))
				.build(), HttpResponse.BodyHandlers.ofString());
			expect(r, 302, "start course");
			String location = r.headers().firstValue("Location").orElseThrow();
			attempt = location.substring(location.lastIndexOf('/') + 1);
		}

		private void expect(HttpResponse<String> r, int status, String what) {
			if (r.statusCode() != status) {
				throw new IllegalStateException(what + " gave " + r.statusCode());
			}
		}

		private String enc(String s) {
			return URLEncoder.encode(s, StandardCharsets.UTF_8);
		}

	}

}
