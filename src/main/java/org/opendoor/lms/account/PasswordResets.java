package org.opendoor.lms.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset links: a random token sent by email, of which only a SHA-256 hash is stored. A link works once
 * and for {@code lms.account.password-reset-valid-for} (30 minutes unless set); a new link, a changed password or
 * a used link ends every other link of the account.
 */
@Component
class PasswordResets {

	/** What a link is, as its holder may be told. */
	enum State {

		/** It may be used now. */
		VALID,
		/** It was used already. */
		USED,
		/** It is older than the time links last. */
		EXPIRED,
		/** No such link (never issued, mistyped, or ended by a newer link or a password change). */
		UNKNOWN

	}

	/**
	 * A link as found.
	 *
	 * @param state what it is
	 * @param accountId whose it is (0 when unknown)
	 */
	record Found(State state, long accountId) {
	}

	/**
	 * A link just made, to be emailed.
	 *
	 * @param account whose it is
	 * @param token the secret part of the link (not stored)
	 */
	record Issued(Account account, String token) {
	}

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Duration validFor;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	PasswordResets(Accounts accounts, JdbcClient jdbc,
			@Value("${lms.account.password-reset-valid-for:PT30M}") Duration validFor, Optional<Clock> clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.validFor = validFor;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** How long a link works. */
	Duration validFor() {
		return validFor;
	}

	/**
	 * A new link for the account registered with this address, if there is one that signs in with a password,
	 * ending the account's earlier links. Accounts that sign in only through their organisation's identity
	 * provider get none: an email address alone does not prove who someone is.
	 */
	@Transactional
	Optional<Issued> issue(String email) {
		Instant now = clock.instant();
		jdbc.sql("delete from password_reset where expires_at < ?").param(Timestamp.from(now.minus(Duration.ofDays(1)))).update();
		Optional<Account> account = accounts.findByEmail(email)
			.filter(a -> accounts.isActive(a.id()) && accounts.hasPassword(a.id()));
		if (account.isEmpty()) {
			return Optional.empty();
		}
		long id = account.get().id();
		jdbc.sql("delete from password_reset where account_id = ?").param(id).update();
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		jdbc.sql("insert into password_reset (account_id, token_hash, created_at, expires_at) values (?, ?, ?, ?)")
			.params(id, hash(token), Timestamp.from(now), Timestamp.from(now.plus(validFor)))
			.update();
		return Optional.of(new Issued(account.get(), token));
	}

	/** What a link's token is. */
	@Transactional(readOnly = true)
	Found find(String token) {
		return find(token, false);
	}

	/**
	 * Sets a new password (checked already) with a link, if it may be used, and ends the link and every other
	 * link of the account.
	 *
	 * @return what the link was; the password was set only if {@link State#VALID}
	 */
	@Transactional
	Found use(String token, String password) {
		Found found = find(token, true);
		if (found.state() == State.VALID) {
			jdbc.sql("update password_reset set used_at = ? where token_hash = ?")
				.params(Timestamp.from(clock.instant()), hash(token))
				.update();
			accounts.setPassword(found.accountId(), password);
		}
		return found;
	}

	private Found find(String token, boolean lock) {
		if (token == null || token.length() > 100) {
			return new Found(State.UNKNOWN, 0);
		}
		return jdbc.sql("select account_id, expires_at, used_at from password_reset where token_hash = ?"
				+ (lock ? " for update" : ""))
			.param(hash(token))
			.query((rs, n) -> new Found(rs.getTimestamp(3) != null ? State.USED
					: rs.getTimestamp(2).toInstant().isBefore(clock.instant()) ? State.EXPIRED : State.VALID, rs.getLong(1)))
			.optional()
			.filter(f -> accounts.isActive(f.accountId()))
			.orElse(new Found(State.UNKNOWN, 0));
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
