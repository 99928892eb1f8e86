package org.opendoor.lms.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An HMAC-SHA256 key kept in a one-row table of the database (made on first use, the same for every
 * instance), for tokens that must not be forged: unsubscribe links, device cookies.
 */
public final class StoredHmacKey {

	private final JdbcClient jdbc;

	private final String table;

	private volatile byte[] key;

	/**
	 * @param jdbc the database
	 * @param table a table with columns {@code id}, {@code secret} and {@code created_at} (a constant, never
	 * input)
	 */
	public StoredHmacKey(JdbcClient jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	/** The HMAC-SHA256 of the text under the key. */
	public byte[] mac(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] k = key;
		if (k == null) {
			String select = "select secret from " + table + " where id = 1";
			String stored = jdbc.sql(select).query(String.class).optional().orElse(null);
			if (stored == null) {
				byte[] fresh = new byte[32];
				new SecureRandom().nextBytes(fresh);
				try {
					jdbc.sql("insert into " + table + " (id, secret, created_at) values (1, ?, ?)")
						.params(Base64.getEncoder().encodeToString(fresh), Timestamp.from(Instant.now()))
						.update();
				}
				catch (DuplicateKeyException ex) {
					// another instance made it at the same moment: use theirs
				}
				stored = jdbc.sql(select).query(String.class).single();
			}
			k = Base64.getDecoder().decode(stored);
			key = k;
		}
		return k;
	}

}
