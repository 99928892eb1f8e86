package org.opendoor.lms.lti;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tool's RSA keys: the newest signs client assertions and deep-linking responses; it and the one before
 * it are published at {@code /lti/jwks.json}, so a rotation never breaks a platform that cached the key set.
 */
@Component
public class ToolKeys {

	private final JdbcClient jdbc;

	private final Clock clock;

	ToolKeys(JdbcClient jdbc, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * The key that signs now (made on first use, and committed at once: a platform fetches the key set to
	 * check a signature while the caller's transaction may still be open).
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
	public RSAKey signing() {
		List<RSAKey> keys = published();
		return keys.isEmpty() ? create() : keys.get(0);
	}

	/** The public keys platforms may check signatures with. */
	@Transactional
	public Map<String, Object> jwks() {
		signing();
		return new JWKSet(published().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
			.toJSONObject(true);
	}

	/**
	 * Makes a new signing key; the previous one stays published (and valid) until the next rotation, and
	 * older ones are withdrawn.
	 *
	 * @return the new key's id
	 */
	@Transactional
	public String rotate() {
		List<RSAKey> before = published();
		RSAKey made = create();
		for (int i = 1; i < before.size(); i++) {
			jdbc.sql("update lti_tool_key set withdrawn_at = ? where kid = ?")
				.params(Timestamp.from(clock.instant()), before.get(i).getKeyID())
				.update();
		}
		return made.getKeyID();
	}

	private List<RSAKey> published() {
		return jdbc.sql("select private_jwk from lti_tool_key where withdrawn_at is null order by created_at desc, kid")
			.query(String.class)
			.list()
			.stream()
			.map(ToolKeys::parse)
			.toList();
	}

	private RSAKey create() {
		try {
			Instant now = clock.instant();
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			// created_at a little after the newest, so two rotations in the same instant keep their order
			Instant newest = jdbc.sql("select max(created_at) from lti_tool_key").query(Timestamp.class).optional()
				.map(Timestamp::toInstant).orElse(null);
			Instant at = newest != null && !now.isAfter(newest) ? newest.plusMillis(1) : now;
			jdbc.sql("insert into lti_tool_key (kid, private_jwk, created_at) values (?, ?, ?)")
				.params(key.getKeyID(), key.toJSONString(), Timestamp.from(at))
				.update();
			return key;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not make an LTI signing key", ex);
		}
	}

	private static RSAKey parse(String json) {
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored LTI key cannot be read", ex);
		}
	}

}
