package org.opendoor.lms.lrs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.opendoor.lms.OpenDoorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * On-demand benchmark (not a test) of the built-in LRS on a real, durable PostgreSQL (fsync and
 * synchronous commit on): ingest in batches of 100 over HTTP with Basic auth and full validation,
 * against a raw JDBC batch insert of the same rows into the same tables, in the same run; then
 * agent-and-verb queries with at least 1,000,000 statements stored. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.opendoor.lms.lrs.LrsBenchmark}
 * (optionally {@code -Dbench.statements=1000000 -Dbench.threads=4}; on a busy machine fewer warm-up statements
 * and a smaller raw baseline, {@code -Dbench.warm-up=20000 -Dbench.raw=200000}). Appends its figures to
 * {@code docs/benchmarks.md}.
 */
public final class LrsBenchmark {

	private static final int BATCH = 100;

	private static final int AGENTS = 10_000;

	private static final String[] VERBS = { "experienced", "answered", "progressed", "completed", "passed", "failed",
			"launched", "initialized", "suspended", "terminated" };

	private LrsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int total = Integer.getInteger("bench.statements", 1_000_000);
		int threads = Integer.getInteger("bench.threads", 4);
		int warmUp = Integer.getInteger("bench.warm-up", 20_000);
		int rawCount = Integer.getInteger("bench.raw", 200_000);
		String h2 = System.getProperty("bench.h2");
		if (h2 != null) {
			ingestOnH2(h2, total, threads, warmUp);
			System.exit(0);
		}
		Path dir = Path.of("target", "bench-pg").toAbsolutePath();
		Files.createDirectories(dir);
		try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(dir.toFile())
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("shared_buffers", "256MB")
			.setPGStartupWait(java.time.Duration.ofSeconds(60))
			.start()) {
			try (Connection c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
				s.execute("create database lrs");
				s.execute("create database raw");
			}
			String lrsUrl = pg.getJdbcUrl("postgres", "lrs") + "&reWriteBatchedInserts=true";
			String rawUrl = pg.getJdbcUrl("postgres", "raw") + "&reWriteBatchedInserts=true";
			ConfigurableApplicationContext app = new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
				.run("--server.port=0", "--spring.datasource.url=" + lrsUrl, "--spring.datasource.username=postgres",
						"--spring.datasource.password=", "--logging.level.root=WARN",
						"--spring.datasource.hikari.maximum-pool-size=8");
			// the raw baseline writes into the same tables, created by the same migrations
			org.flywaydb.core.Flyway.configure().dataSource(rawUrl, "postgres", "").locations("classpath:db/migration")
				.load().migrate();
			int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
			Random random = new Random(42);
			String[] activities = new String[2_000];
			for (int i = 0; i < activities.length; i++) {
				activities[i] = "http://localhost:8080/xapi/activities/courses/c" + (i % 20) + "/lessons/l" + i;
			}

			// warm up both paths
			ingest(port, warmUp, threads, random, activities);
			raw(rawUrl, warmUp, threads, random, activities);

			long rawStart = System.nanoTime();
			raw(rawUrl, rawCount, threads, random, activities);
			double rawRate = rawCount / ((System.nanoTime() - rawStart) / 1e9);

			long start = System.nanoTime();
			int loaded = ingest(port, total, threads, random, activities);
			double rate = loaded / ((System.nanoTime() - start) / 1e9);

			try (Connection c = DriverManager.getConnection(lrsUrl, "postgres", ""); var s = c.createStatement()) {
				s.execute("analyze");
			}
			HttpClient http = HttpClient.newHttpClient();
			double[] ms = new double[1_000];
			int found = 0;
			for (int i = 0; i < 200 + ms.length; i++) {
				String agent = "{\"account\":{\"homePage\":\"http://localhost:8080\",\"name\":\"learner-" + random.nextInt(AGENTS)
						+ "\"}}";
				String verb = "http://adlnet.gov/expapi/verbs/" + VERBS[random.nextInt(VERBS.length)];
				HttpRequest get = request(port, "/xapi/statements?agent=" + enc(agent) + "&verb=" + enc(verb)).GET().build();
				long t = System.nanoTime();
				HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
				double took = (System.nanoTime() - t) / 1e6;
				if (r.statusCode() != 200) {
					throw new IllegalStateException("query failed: " + r.statusCode() + " " + r.body());
				}
				if (i >= 200) {
					ms[i - 200] = took;
					found += r.body().split("\"stored\":").length - 1;
				}
			}
			Arrays.sort(ms);
			long stored;
			try (Connection c = DriverManager.getConnection(lrsUrl, "postgres", "");
					var s = c.createStatement();
					var rs = s.executeQuery("select count(*) from xapi_statement")) {
				rs.next();
				stored = rs.getLong(1);
			}
			app.close();
			String row = String.format(Locale.ROOT,
					"| %s | %s, %d cores, Java %s | %,d | %,.0f/s | %,.0f/s | %.2f | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f |%n",
					LocalDate.now(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version"), threads, rate, rawRate, rate / rawRate, stored, ms[ms.length / 2],
					ms[ms.length * 95 / 100], ms[ms.length * 99 / 100], found / (double) ms.length);
			System.out.print(row);
			Path out = Path.of("docs/benchmarks.md");
			String text = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
			if (!text.contains("## Learning Record Store")) {
				text += "\n## Learning Record Store\n\nThe built-in LRS on an embedded PostgreSQL 17 with `fsync` and "
						+ "`synchronous_commit` on (every batch is durable when acknowledged), the app and the database on this "
						+ "2-core machine. Ingest: clients POST batches of 100 statements to `/xapi/statements` over HTTP with "
						+ "Basic auth; every statement is validated in full and stored with its query index rows. Baseline, same "
						+ "run: a raw JDBC batch insert (batches of 100, one commit each, same number of threads) of the same "
						+ "rows (statement and index rows) into the same tables. Query: 1,000 `GET /xapi/statements?agent=…&verb=…` "
						+ "(10,000 learners, 10 verbs) after the load, one at a time, after 200 warm-up queries. Run with "
						+ "`./mvnw -q test-compile exec:java -Dexec.classpathScope=test "
						+ "-Dexec.mainClass=org.opendoor.lms.lrs.LrsBenchmark`. Targets: ingest ≥ 20,000/s and ≥ 0.5 × raw; "
						+ "query p95 < 50 ms with 1,000,000 stored.\n\n"
						+ "| date | machine | client threads | LRS ingest | raw JDBC insert | ratio | statements stored | query p50 | query p95 | query p99 | statements per answer |\n"
						+ "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
			}
			Files.writeString(out, text + row);
		}
		System.exit(0);
	}

	/**
	 * Ingest only, on the embedded default: an H2 file database with the given address options (for
	 * example {@code ;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0}), so settings can be compared; prints the rate.
	 */
	private static void ingestOnH2(String options, int total, int threads, int warmUp) throws Exception {
		Path dir = Path.of("target", "bench-h2", UUID.randomUUID().toString()).toAbsolutePath();
		Files.createDirectories(dir);
		ConfigurableApplicationContext app = new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("lrs") + options,
					"--logging.level.root=WARN", "--lms.demo.volunteers=false");
		int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
		Random random = new Random(42);
		String[] activities = new String[2_000];
		for (int i = 0; i < activities.length; i++) {
			activities[i] = "http://localhost:8080/xapi/activities/courses/c" + (i % 20) + "/lessons/l" + i;
		}
		ingest(port, warmUp, threads, random, activities);
		long start = System.nanoTime();
		int loaded = ingest(port, total, threads, random, activities);
		double rate = loaded / ((System.nanoTime() - start) / 1e9);
		app.close();
		System.out.printf(Locale.ROOT, "| %s | %s, %d cores, Java %s | H2 file%s | %d | %,d | %,.0f/s |%n", LocalDate.now(),
				System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				options, threads, loaded, rate);
	}

	private static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("demo-lrs-key:demo-lrs-secret".getBytes(StandardCharsets.UTF_8)))
			.header("X-Experience-API-Version", "1.0.3");
	}

	private static String statement(Random random, String[] activities) {
		int learner = random.nextInt(AGENTS);
		String verb = VERBS[random.nextInt(VERBS.length)];
		int a = random.nextInt(activities.length);
		String course = activities[a].substring(0, activities[a].indexOf("/lessons/"));
		return "{\"id\":\"" + UUID.randomUUID() + "\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":"
				+ "\"http://localhost:8080\",\"name\":\"learner-" + learner + "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/"
				+ verb + "\",\"display\":{\"en-US\":\"" + verb + "\"}},\"object\":{\"objectType\":\"Activity\",\"id\":\""
				+ activities[a] + "\",\"definition\":{\"name\":{\"en-GB\":\"Lesson " + a + "\"},\"type\":"
				+ "\"http://adlnet.gov/expapi/activities/lesson\"}},\"result\":{\"success\":" + random.nextBoolean()
				+ ",\"duration\":\"PT" + random.nextInt(600) + "S\"},\"context\":{\"registration\":\"" + UUID.randomUUID()
				+ "\",\"contextActivities\":{\"parent\":[{\"id\":\"" + course + "/modules/m1\"}],\"grouping\":[{\"id\":\""
				+ course + "\"}]},\"revision\":\"1.0.0\",\"platform\":\"Open Door\",\"language\":\"en-GB\"},"
				+ "\"timestamp\":\"" + Instant.now() + "\"}";
	}

	private static int ingest(int port, int total, int threads, Random random, String[] activities) throws Exception {
		int batches = total / BATCH;
		List<byte[]> bodies = new ArrayList<>(batches);
		for (int b = 0; b < batches; b++) {
			StringBuilder sb = new StringBuilder("[");
			for (int i = 0; i < BATCH; i++) {
				sb.append(i == 0 ? "" : ",").append(statement(random, activities));
			}
			bodies.add(sb.append(']').toString().getBytes(StandardCharsets.UTF_8));
		}
		HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
		AtomicInteger next = new AtomicInteger();
		AtomicLong stored = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> work = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			work.add(pool.submit(() -> {
				int b;
				while ((b = next.getAndIncrement()) < batches) {
					HttpRequest post = request(port, "/xapi/statements").header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b)))
						.build();
					HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() != 200) {
						throw new IllegalStateException("ingest failed: " + r.statusCode() + " " + r.body());
					}
					stored.addAndGet(BATCH);
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		return (int) stored.get();
	}

	private static void raw(String url, int total, int threads, Random random, String[] activities) throws Exception {
		int batches = total / BATCH;
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<List<String>> prepared = new ArrayList<>();
		for (int b = 0; b < batches; b++) {
			List<String> batch = new ArrayList<>();
			for (int i = 0; i < BATCH; i++) {
				batch.add(statement(random, activities));
			}
			prepared.add(batch);
		}
		AtomicLong seq = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);
		List<Future<?>> work = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			work.add(pool.submit(() -> {
				try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
					c.setAutoCommit(false);
					PreparedStatement st = c.prepareStatement("insert into xapi_statement (seq, id, verb_id, registration, "
							+ "stored_at, voided, body) values (?, ?, ?, ?, ?, false, ?)");
					PreparedStatement ix = c.prepareStatement(
							"insert into xapi_statement_index (seq, kind, item, direct) values (?, ?, ?, ?)");
					int b;
					while ((b = next.getAndIncrement()) < batches) {
						for (String json : prepared.get(b)) {
							long s = seq.incrementAndGet();
							// the same values the LRS extracts, by plain string search rather than parsing
							String id = json.substring(7, 43);
							String verb = between(json, "\"verb\":{\"id\":\"", "\"");
							String registration = between(json, "\"registration\":\"", "\"");
							st.setLong(1, s);
							st.setObject(2, UUID.fromString(id));
							st.setString(3, verb);
							st.setObject(4, UUID.fromString(registration));
							st.setTimestamp(5, Timestamp.from(Instant.now()));
							st.setString(6, json);
							st.addBatch();
							addIndex(ix, s, "g", "A|account=http://localhost:8080 " + between(json, "\"name\":\"", "\""), true);
							addIndex(ix, s, "a", between(json, "\"object\":{\"objectType\":\"Activity\",\"id\":\"", "\""), true);
							addIndex(ix, s, "a", between(json, "\"parent\":[{\"id\":\"", "\""), false);
							addIndex(ix, s, "a", between(json, "\"grouping\":[{\"id\":\"", "\""), false);
						}
						st.executeBatch();
						ix.executeBatch();
						c.commit();
					}
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
	}

	private static void addIndex(PreparedStatement ix, long seq, String kind, String item, boolean direct) throws Exception {
		ix.setLong(1, seq);
		ix.setString(2, kind);
		ix.setString(3, item);
		ix.setBoolean(4, direct);
		ix.addBatch();
	}

	private static String between(String s, String start, String end) {
		int a = s.indexOf(start) + start.length();
		return s.substring(a, s.indexOf(end, a));
	}

}
