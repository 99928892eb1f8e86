package org.opendoor.lms.lti;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;
import tools.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Access tokens for a platform's services (grades, rosters): OAuth 2 client credentials, the client
 * authenticated by a JWT signed with the tool's key ({@code private_key_jwt}), kept until shortly before
 * they expire.
 */
@Component
class PlatformTokens {

	private final LtiHttp http;

	private final DeepLinking signer;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private record Cached(String token, Instant expires) {
	}

	PlatformTokens(LtiHttp http, DeepLinking signer, Optional<Clock> clock) {
		this.http = http;
		this.signer = signer;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A token for these scopes (space-separated). */
	String token(Platform platform, String scopes) {
		String key = platform.id() + " " + scopes;
		Instant now = clock.instant();
		Cached cached = cache.get(key);
		if (cached != null && cached.expires().isAfter(now)) {
			return cached.token();
		}
		JWTClaimsSet assertion = new JWTClaimsSet.Builder().issuer(platform.clientId())
			.subject(platform.clientId())
			.audience(platform.tokenEndpoint())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(Tokens.random())
			.build();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", signer.sign(assertion));
		form.put("scope", scopes);
		LtiHttp.Answer answer = http.postForm(platform.tokenEndpoint(), form);
		if (!answer.ok()) {
			throw new LtiHttp.PlatformCallException("token endpoint answered " + answer.status());
		}
		JsonNode json = answer.json();
		String token = json.path("access_token").asString(null);
		if (token == null || token.isBlank()) {
			throw new LtiHttp.PlatformCallException("no access token");
		}
		long seconds = json.path("expires_in").asLong(3600);
		cache.put(key, new Cached(token, now.plusSeconds(Math.max(0, seconds - 60))));
		return token;
	}

	/** Forgets a token the platform no longer takes. */
	void forget(Platform platform, String scopes) {
		cache.remove(platform.id() + " " + scopes);
	}

}
