package org.opendoor.lms.account;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;


import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed unsubscribe tokens for reminder emails: the account id and an HMAC-SHA256 of it under a random key kept in the
 * database (made on first use), so a link cannot be forged for someone else and works without signing in.
 */
@Component
public class UnsubscribeLinks {

	private final StoredHmacKey key;

	public UnsubscribeLinks(JdbcClient jdbc) {
		this.key = new StoredHmacKey(jdbc, "mail_link_key");
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
		return key.mac("unsubscribe:" + accountId);
	}

}
