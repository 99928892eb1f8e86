package org.opendoor.lms.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe tokens for reminder emails: the account id and an HMAC-SHA256 of it under a random key kept in the
 * database (made on first use), so a link cannot be forged for someone else and works without signing in.
 */
@Component
public class UnsubscribeLinks {

	private final JdbcClient jdbc;

	private volatile byte[] key;

	public UnsubscribeLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The token for a person's unsubscribe link. */
	public String tokenFor(long accountId) {
		return accountId + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(accountId));
	}

	/** The account a token was made for, if it is genuine. */
	public OptionalLong verify(String token) {
		if (token == null || token.length() > 80) {
			return OptionalLong.empty();
		}
		int dash = token.indexOf('-');
		if (dash < 1) {
			return OptionalLong.empty();
		}
		try {
			long id = Long.parseLong(token.substring(0, dash));
			byte[] given = Base64.getUrlDecoder().decode(token.substring(dash + 1));
			return MessageDigest.isEqual(given, mac(id)) ? OptionalLong.of(id) : OptionalLong.empty();
		}
		catch (IllegalArgumentException ex) {
			return OptionalLong.empty();
		}
	}

	private byte[] mac(long accountId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return mac.doFinal(("unsubscribe:" + accountId).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] k = key;
		if (k == null) {
			String stored = jdbc.sql("select secret from mail_link_key where id = 1").query(String.class).optional().orElse(null);
			if (stored == null) {
				byte[] fresh = new byte[32];
				new SecureRandom().nextBytes(fresh);
				try {
					jdbc.sql("insert into mail_link_key (id, secret, created_at) values (1, ?, ?)")
						.params(Base64.getEncoder().encodeToString(fresh), Timestamp.from(Instant.now()))
						.update();
				}
				catch (DuplicateKeyException ex) {
					// another instance made it first; use theirs
				}
				stored = jdbc.sql("select secret from mail_link_key where id = 1").query(String.class).single();
			}
			k = Base64.getDecoder().decode(stored);
			key = k;
		}
		return k;
	}

}
