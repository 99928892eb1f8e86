package org.opendoor.lms.lrs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clients allowed to call the built-in LRS with Basic auth, each with its own key and secret, read-only
 * or read/write, revocable. Secrets are long random strings, so only a SHA-256 hash is stored; a check
 * costs microseconds, which matters when a client sends thousands of statements a second.
 */
@Service
public class XapiClients {

	/** What a client may do. */
	public enum Scope {
		/** Read statements, documents, agents and activities. */
		READ,
		/** Everything READ may do, and store statements and documents. */
		WRITE
	}

	/**
	 * A client.
	 *
	 * @param id its id
	 * @param name what it is (shown to admins, and the name in the authority of its statements)
	 * @param key its key (Basic-auth user name)
	 * @param scope what it may do
	 * @param createdAt when it was created
	 * @param revokedAt when it was revoked, if it was
	 */
	public record Client(long id, String name, String key, Scope scope, Instant createdAt, Instant revokedAt)
			implements java.io.Serializable {

		public boolean active() {
			return revokedAt == null;
		}
	}

	/**
	 * A new client's credentials; the secret is shown once and never stored.
	 *
	 * @param client the client
	 * @param secret its secret
	 */
	public record Created(Client client, String secret) implements java.io.Serializable {
	}

	private record Cached(Client client, String hash, long loadedAt) {
	}

	private static final long CACHE_MILLIS = 5_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	public XapiClients(JdbcClient jdbc, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** Creates a client with a random key and secret. */
	@Transactional
	public Created create(String name, Scope scope) {
		String key = token(12);
		String secret = token(24);
		return new Created(create(name, scope, key, secret), secret);
	}

	/** Creates a client with given credentials (the demo client, and tests). */
	@Transactional
	public Client create(String name, Scope scope, String key, String secret) {
		if (name == null || name.isBlank() || name.length() > 200) {
			throw XapiException.badRequest("a client needs a name of up to 200 characters");
		}
		Instant now = clock.instant();
		jdbc.sql("insert into xapi_client (name, api_key, secret_hash, scope, created_at) values (?, ?, ?, ?, ?)")
			.params(name.strip(), key, hash(secret), scope.name(), Timestamp.from(now))
			.update();
		return find(key).orElseThrow().client();
	}

	/** Revokes a client: its requests are refused from now on (within seconds on every instance). */
	@Transactional
	public void revoke(long id) {
		jdbc.sql("update xapi_client set revoked_at = ? where id = ? and revoked_at is null")
			.params(Timestamp.from(clock.instant()), id)
			.update();
		cache.clear();
	}

	/** Every client, newest first. */
	public List<Client> all() {
		return jdbc.sql("select id, name, api_key, scope, created_at, revoked_at, secret_hash from xapi_client order by id desc")
			.query((rs, n) -> client(rs))
			.list();
	}

	/** Whether a client with this key exists (active or not). */
	public boolean exists(String key) {
		return find(key).isPresent();
	}

	/** The active client with these credentials, if any. */
	public Optional<Client> authenticate(String key, String secret) {
		if (key == null || secret == null) {
			return Optional.empty();
		}
		long now = System.currentTimeMillis();
		Cached cached = cache.get(key);
		if (cached == null || now - cached.loadedAt() > CACHE_MILLIS) {
			cached = find(key).orElse(null);
			if (cached == null) {
				return Optional.empty();
			}
			cache.put(key, cached);
		}
		boolean ok = MessageDigest.isEqual(cached.hash().getBytes(StandardCharsets.US_ASCII),
				hash(secret).getBytes(StandardCharsets.US_ASCII));
		return ok && cached.client().active() ? Optional.of(cached.client()) : Optional.empty();
	}

	private Optional<Cached> find(String key) {
		return jdbc
			.sql("select id, name, api_key, scope, created_at, revoked_at, secret_hash from xapi_client where api_key = ?")
			.param(key)
			.query((rs, n) -> new Cached(client(rs), rs.getString(7), System.currentTimeMillis()))
			.optional();
	}

	private static Client client(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp revoked = rs.getTimestamp(6);
		return new Client(rs.getLong(1), rs.getString(2), rs.getString(3), Scope.valueOf(rs.getString(4)),
				rs.getTimestamp(5).toInstant(), revoked == null ? null : revoked.toInstant());
	}

	private String token(int bytes) {
		byte[] b = new byte[bytes];
		random.nextBytes(b);
		return HexFormat.of().formatHex(b);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
