package org.opendoor.lms.lti;

import java.net.MalformedURLException;
import java.net.URI;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a launch: the state was issued here, within ten minutes, and is used once; the id_token is signed
 * by one of the platform's keys and names the platform as issuer, Open Door's client id as audience, a
 * registered deployment, the nonce issued with the state, an LTI 1.3 message type and version, and has not
 * expired.
 */
@Component
class LaunchVerifier {

	static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

	private static final Duration SKEW = Duration.ofMinutes(1);

	private static final Set<String> MESSAGE_TYPES = Set.of(Claims.RESOURCE_LINK_REQUEST, Claims.DEEP_LINKING_REQUEST);

	private final JdbcClient jdbc;

	private final LtiPlatforms platforms;

	private final Clock clock;

	private final Map<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();

	LaunchVerifier(JdbcClient jdbc, LtiPlatforms platforms, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.platforms = platforms;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A login started: state and nonce for it. */
	record Started(String state, String nonce) {
	}

	/** Remembers a new state and nonce for a platform's login. */
	@Transactional
	Started start(Platform platform, String bindingHash) {
		String state = Tokens.random();
		String nonce = Tokens.random();
		jdbc.sql("insert into lti_login_state (state, nonce, browser, platform_id, created_at) values (?, ?, ?, ?, ?)")
			.params(Tokens.hash(state), nonce, bindingHash, platform.id(), Timestamp.from(clock.instant()))
			.update();
		return new Started(state, nonce);
	}

	/**
	 * Verifies a launch and uses up its state.
	 *
	 * @param idToken the id_token the platform posted
	 * @param state the state it posted back
	 * @param bindingHash the hash of this browser's login cookie, or {@code null} when the browser sent none
	 */
	@Transactional(noRollbackFor = LtiRefusal.class)
	Launch verify(String idToken, String state, String bindingHash) {
		if (idToken == null || idToken.isBlank() || state == null || state.isBlank() || state.length() > 200) {
			throw new LtiRefusal("lti.refused.missing");
		}
		String stateHash = Tokens.hash(state);
		record Row(String key, String nonce, String browser, long platformId, Instant createdAt, Instant usedAt) {
		}
		Row row = jdbc.sql("select state, nonce, browser, platform_id, created_at, used_at from lti_login_state where state = ?")
			.param(stateHash)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
			.optional()
			.orElseThrow(() -> new LtiRefusal("lti.refused.state"));
		if (row.usedAt() != null) {
			throw new LtiRefusal("lti.refused.replay");
		}
		// used up now, whatever happens next: a state is good for one try
		int claimed = jdbc.sql("update lti_login_state set used_at = ? where state = ? and used_at is null")
			.params(Timestamp.from(clock.instant()), row.key())
			.update();
		if (claimed == 0) {
			throw new LtiRefusal("lti.refused.replay");
		}
		if (row.createdAt().plus(STATE_LIFETIME).isBefore(clock.instant())) {
			throw new LtiRefusal("lti.refused.expired");
		}
		// a browser that brings a login cookie must be the one that started the login (no login CSRF); one that
		// brings none (third-party cookies blocked in the platform's frame) relies on the one-time state and nonce
		if (bindingHash != null && row.browser() != null && !bindingHash.equals(row.browser())) {
			throw new LtiRefusal("lti.refused.browser");
		}
		Platform platform = platforms.find(row.platformId()).orElseThrow(() -> new LtiRefusal("lti.refused.platform"));
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(idToken);
		}
		catch (ParseException ex) {
			throw new LtiRefusal("lti.refused.token");
		}
		JWTClaimsSet claims = verifySignature(platform, jwt);
		if (!platform.issuer().equals(claims.getIssuer())) {
			throw new LtiRefusal("lti.refused.issuer");
		}
		List<String> audience = claims.getAudience();
		if (audience == null || !audience.contains(platform.clientId())) {
			throw new LtiRefusal("lti.refused.audience");
		}
		if (audience.size() > 1 && !platform.clientId().equals(claims.getClaim("azp"))) {
			throw new LtiRefusal("lti.refused.audience");
		}
		Instant now = clock.instant();
		if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plus(SKEW).isBefore(now)
				|| claims.getIssueTime() != null && claims.getIssueTime().toInstant().minus(SKEW).isAfter(now)) {
			throw new LtiRefusal("lti.refused.expired");
		}
		if (!row.nonce().equals(claims.getClaim("nonce"))) {
			throw new LtiRefusal("lti.refused.replay");
		}
		Object deployment = claims.getClaim(Claims.DEPLOYMENT_ID);
		if (deployment == null || !platform.deployments().contains(String.valueOf(deployment))) {
			throw new LtiRefusal("lti.refused.deployment");
		}
		Object type = claims.getClaim(Claims.MESSAGE_TYPE);
		if (type == null || !MESSAGE_TYPES.contains(String.valueOf(type))) {
			throw new LtiRefusal("lti.refused.messageType");
		}
		if (!"1.3.0".equals(claims.getClaim(Claims.VERSION))) {
			throw new LtiRefusal("lti.refused.version");
		}
		if (claims.getSubject() == null || claims.getSubject().isBlank() || claims.getSubject().length() > 255) {
			throw new LtiRefusal("lti.refused.subject");
		}
		return new Launch(platform, String.valueOf(deployment), String.valueOf(type), claims);
	}

	private JWTClaimsSet verifySignature(Platform platform, SignedJWT jwt) {
		if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
			throw new LtiRefusal("lti.refused.signature");
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys(platform.jwksUri())));
		// claims are checked above, each with its own message
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		try {
			return processor.process(jwt, null);
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new LtiRefusal("lti.refused.signature");
		}
	}

	/** The platform's key set, cached and refreshed when a token names a key it does not have. */
	JWKSource<SecurityContext> keys(String jwksUri) {
		return keySources.computeIfAbsent(jwksUri, uri -> {
			try {
				return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL()).retrying(false).build();
			}
			catch (MalformedURLException ex) {
				throw new LtiRefusal("lti.refused.platform");
			}
		});
	}

	/** Forgets used and old states. */
	@Transactional
	int removeOld() {
		return jdbc.sql("delete from lti_login_state where created_at < ?")
			.param(Timestamp.from(clock.instant().minus(STATE_LIFETIME.multipliedBy(2))))
			.update();
	}

}
