package org.opendoor.lms.xapi.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a charity's own LRS on loopback, built on the JDK's HTTP server. It stores statements
 * by id (first write wins, as in any LRS), checks Basic auth, the version header and the content type,
 * and takes a batch whole or not at all. Tests can script the next answers: fail without storing, store
 * and then fail, store and then hang past the client's time-out, store and then wait for a signal; and
 * they can make it refuse one statement with 400, or stop it and start it again on the same port.
 */
public final class FakeLrs implements AutoCloseable {

	public static final String KEY = "open-door-forwarder";

	public static final String SECRET = "s3cret-do-not-log";

	/** What it answers to a statement it already holds with the same bytes. */
	enum Duplicate {
		/** 409 Conflict for the whole batch, storing none of it (some LRSs). */
		CONFLICT,
		/** Skips it and stores the rest (other LRSs). */
		IGNORE
	}

	private enum Mode {
		FAIL, HANG, STORE_THEN_FAIL, STORE_THEN_HANG, STORE_THEN_WAIT
	}

	private record Step(Mode mode, int status, Duration hang, CountDownLatch reached, CountDownLatch release) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<UUID, byte[]> stored = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<UUID, Integer> received = new ConcurrentHashMap<>();

	private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

	private final ConcurrentLinkedDeque<Step> script = new ConcurrentLinkedDeque<>();

	private final Set<UUID> rejected = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private volatile Duplicate duplicate = Duplicate.CONFLICT;

	private volatile String secret = SECRET;

	private volatile Duration delay = Duration.ZERO;

	private volatile String lastVersionHeader;

	private volatile String lastContentType;

	private final int port;

	private HttpServer server;

	public FakeLrs() {
		this(0);
	}

	FakeLrs(int port) {
		this.server = bind(port);
		this.port = server.getAddress().getPort();
	}

	/** The xAPI endpoint, as configured in {@code lms.xapi.forward[i].endpoint}. */
	public String endpoint() {
		return "http://127.0.0.1:" + port + "/xapi/";
	}

	int port() {
		return port;
	}

	// ---- scripting ----

	/** The next {@code n} requests get {@code status} and store nothing. */
	FakeLrs failNext(int n, int status) {
		for (int i = 0; i < n; i++) {
			script.add(new Step(Mode.FAIL, status, null, null, null));
		}
		return this;
	}

	/** The next request gets no answer for {@code hang} and stores nothing. */
	FakeLrs hangNext(Duration hang) {
		script.add(new Step(Mode.HANG, 200, hang, null, null));
		return this;
	}

	/** The next request is stored, then answered with {@code status}. */
	FakeLrs storeThenFailNext(int status) {
		script.add(new Step(Mode.STORE_THEN_FAIL, status, null, null, null));
		return this;
	}

	/** The next request is stored, then answered with 200 only after {@code hang}. */
	FakeLrs storeThenHangNext(Duration hang) {
		script.add(new Step(Mode.STORE_THEN_HANG, 200, hang, null, null));
		return this;
	}

	/** The next request is stored; {@code reached} counts down; it is answered 200 once {@code release} opens. */
	FakeLrs storeThenWaitNext(CountDownLatch reached, CountDownLatch release) {
		script.add(new Step(Mode.STORE_THEN_WAIT, 200, null, reached, release));
		return this;
	}

	/** Any batch with this statement is refused with 400 and a message naming what is wrong. */
	void reject(UUID statementId) {
		rejected.add(statementId);
	}

	/** The LRS was fixed: it takes this statement now. */
	void accept(UUID statementId) {
		rejected.remove(statementId);
	}

	void duplicates(Duplicate answer) {
		this.duplicate = answer;
	}

	/** Changes the secret it expects (the charity rotated it). */
	void expectSecret(String secret) {
		this.secret = secret;
	}

	/** Takes this long over every answer (still well within the client's time-out). */
	void slowDown(Duration delay) {
		this.delay = delay;
	}

	/** Forgets scripted answers, keeps what it stored. */
	void resetScript() {
		script.clear();
		delay = Duration.ZERO;
		rejected.clear();
		duplicate = Duplicate.CONFLICT;
		secret = SECRET;
	}

	// ---- what it holds ----

	/** The stored statements by id, each exactly as received. */
	public Map<UUID, byte[]> stored() {
		synchronized (stored) {
			return new LinkedHashMap<>(stored);
		}
	}

	/** How many requests included this statement. */
	int timesReceived(UUID id) {
		return received.getOrDefault(id, 0);
	}

	List<Integer> batchSizes() {
		synchronized (batchSizes) {
			return new ArrayList<>(batchSizes);
		}
	}

	String lastVersionHeader() {
		return lastVersionHeader;
	}

	String lastContentType() {
		return lastContentType;
	}

	// ---- lifecycle ----

	/** Stops listening: connections are refused. What it stored is kept. */
	synchronized void stop() {
		server.stop(0);
	}

	/** Listens again on the same port. */
	synchronized void start() {
		server = bind(port);
	}

	@Override
	public synchronized void close() {
		server.stop(0);
		threads.shutdownNow();
	}

	private HttpServer bind(int port) {
		try {
			HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			s.createContext("/xapi/statements", this::handle);
			s.setExecutor(threads);
			s.start();
			return s;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				answer(exchange, 405, "{\"message\":\"only POST here\"}");
				return;
			}
			String expected = "Basic " + Base64.getEncoder()
				.encodeToString((KEY + ":" + secret).getBytes(StandardCharsets.UTF_8));
			if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				answer(exchange, 401, "{\"message\":\"Unauthorized: bad key or secret\"}");
				return;
			}
			lastVersionHeader = exchange.getRequestHeaders().getFirst("X-Experience-API-Version");
			lastContentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (lastVersionHeader == null || !lastVersionHeader.startsWith("1.0") && !lastVersionHeader.startsWith("2.0")) {
				answer(exchange, 400, "{\"message\":\"X-Experience-API-Version header missing\"}");
				return;
			}
			byte[] body = exchange.getRequestBody().readAllBytes();
			List<byte[]> elements = elements(body);
			Map<UUID, byte[]> batch = new LinkedHashMap<>();
			for (byte[] element : elements) {
				UUID id = UUID.fromString(JSON.readTree(element).get("id").asString());
				received.merge(id, 1, Integer::sum);
				if (batch.put(id, element) != null) {
					answer(exchange, 400, "{\"message\":\"statement " + id + " appears twice in the batch\"}");
					return;
				}
			}
			batchSizes.add(batch.size());
			sleep(delay);
			Step step = script.poll();
			if (step != null && step.mode() == Mode.FAIL) {
				answer(exchange, step.status(), "{\"message\":\"Service unavailable, try later\"}");
				return;
			}
			if (step != null && step.mode() == Mode.HANG) {
				sleep(step.hang());
				answer(exchange, 503, "{\"message\":\"too slow\"}");
				return;
			}
			for (UUID id : batch.keySet()) {
				if (rejected.contains(id)) {
					answer(exchange, 400, "{\"error\":true,\"message\":\"Statement " + id
							+ " is invalid:\\n\\tresult.score.scaled must be between -1 and 1 in "
							+ new String(batch.get(id), StandardCharsets.UTF_8).replace("\"", "\\\"") + "\"}");
					return;
				}
			}
			List<UUID> ids = new ArrayList<>();
			synchronized (stored) {
				Set<UUID> fresh = new HashSet<>();
				for (Map.Entry<UUID, byte[]> e : batch.entrySet()) {
					byte[] existing = stored.get(e.getKey());
					if (existing == null) {
						fresh.add(e.getKey());
					}
					else if (!Arrays.equals(existing, e.getValue()) || duplicate == Duplicate.CONFLICT) {
						answer(exchange, 409, "{\"message\":\"Statement " + e.getKey() + " already exists\"}");
						return;
					}
				}
				for (Map.Entry<UUID, byte[]> e : batch.entrySet()) {
					if (fresh.contains(e.getKey())) {
						stored.put(e.getKey(), e.getValue());
					}
					ids.add(e.getKey());
				}
			}
			if (step != null && step.mode() == Mode.STORE_THEN_FAIL) {
				answer(exchange, step.status(), "{\"message\":\"Internal error after commit\"}");
				return;
			}
			if (step != null && step.mode() == Mode.STORE_THEN_HANG) {
				sleep(step.hang());
			}
			if (step != null && step.mode() == Mode.STORE_THEN_WAIT) {
				step.reached().countDown();
				try {
					step.release().await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			answer(exchange, 200, JSON.writeValueAsString(ids.stream().map(UUID::toString).toList()));
		}
		catch (IOException | RuntimeException ex) {
			// the client may have given up (time-out) or the server stopped: nothing more to say
		}
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("X-Experience-API-Version", "1.0.3");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The raw bytes of each object in a JSON array, exactly as sent: the scanner tracks strings and
	 * nesting only, it never re-encodes anything.
	 */
	static List<byte[]> elements(byte[] body) {
		List<byte[]> out = new ArrayList<>();
		int depth = 0;
		int start = -1;
		boolean inString = false;
		boolean escaped = false;
		int i = 0;
		while (i < body.length && Character.isWhitespace(body[i])) {
			i++;
		}
		if (i == body.length || body[i] != '[') {
			throw new IllegalArgumentException("not a JSON array");
		}
		for (i++; i < body.length; i++) {
			byte c = body[i];
			if (inString) {
				if (escaped) {
					escaped = false;
				}
				else if (c == '\\') {
					escaped = true;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				if (depth++ == 0) {
					start = i;
				}
			}
			else if (c == '}' || c == ']') {
				if (depth == 0) {
					return out;
				}
				if (--depth == 0) {
					out.add(Arrays.copyOfRange(body, start, i + 1));
				}
			}
		}
		throw new IllegalArgumentException("unterminated JSON array");
	}

}
