package org.opendoor.lms.lti;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.startup.PublicAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * LTI Dynamic Registration: a site admin makes a one-time registration link for an organisation; an LMS
 * administrator pastes it into the LMS (Moodle 4.1+: Site administration, Plugins, Manage tools); the LMS
 * opens it with its {@code openid_configuration} and a {@code registration_token}; Open Door reads the
 * platform's configuration, registers itself at the platform's registration endpoint and keeps the client
 * id and deployment id it is given, tied to the organisation.
 */
@Component
class DynamicRegistration {

	static final Duration INVITE_LIFETIME = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final LtiHttp http;

	private final LtiPlatforms platforms;

	private final PublicAddress address;

	private final Clock clock;

	DynamicRegistration(JdbcClient jdbc, LtiHttp http, LtiPlatforms platforms, PublicAddress address,
			Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.http = http;
		this.platforms = platforms;
		this.address = address;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A new one-time registration link for an organisation (shown once: only its hash is kept). */
	@Transactional
	String invite(long organisationId) {
		String code = Tokens.random();
		Instant now = clock.instant();
		jdbc.sql("insert into lti_registration_invite (code_hash, organisation_id, created_at, expires_at) values (?, ?, ?, ?)")
			.params(Tokens.hash(code), organisationId, Timestamp.from(now), Timestamp.from(now.plus(INVITE_LIFETIME)))
			.update();
		return address.url() + "/lti/register/" + code;
	}

	/** Registers with the platform that opened a registration link; returns the platform as registered. */
	@Transactional(noRollbackFor = LtiRefusal.class)
	Platform register(String code, String openidConfiguration, String registrationToken) {
		if (code == null || code.length() > 100 || openidConfiguration == null || openidConfiguration.length() > 1000) {
			throw new LtiRefusal("lti.refused.registration");
		}
		String hash = Tokens.hash(code);
		Instant now = clock.instant();
		Long organisationId = jdbc.sql("select organisation_id from lti_registration_invite where code_hash = ? "
				+ "and used_at is null and expires_at > ?")
			.params(hash, Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new LtiRefusal("lti.refused.registrationLink"));
		JsonNode configuration;
		try {
			LtiHttp.Answer answer = http.get(openidConfiguration, "application/json", registrationToken);
			if (!answer.ok()) {
				throw new LtiRefusal("lti.refused.registration");
			}
			configuration = answer.json();
		}
		catch (LtiHttp.PlatformCallException ex) {
			throw new LtiRefusal("lti.refused.registration");
		}
		String issuer = configuration.path("issuer").asString("");
		// the configuration must come from the issuer it names (Dynamic Registration 1.0, section 3.5.1)
		if (issuer.isBlank() || !openidConfiguration.startsWith(issuer)) {
			throw new LtiRefusal("lti.refused.registration");
		}
		String registrationEndpoint = configuration.path("registration_endpoint").asString("");
		String tool = address.url();
		Map<String, Object> messages = new LinkedHashMap<>();
		messages.put("type", Claims.DEEP_LINKING_REQUEST);
		messages.put("target_link_uri", tool + "/lti/launch");
		messages.put("label", "Open Door");
		Map<String, Object> toolConfiguration = new LinkedHashMap<>();
		toolConfiguration.put("domain", URI.create(tool).getAuthority());
		toolConfiguration.put("target_link_uri", tool + "/lti/launch");
		toolConfiguration.put("description", "Mental health awareness training for community volunteers");
		toolConfiguration.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
		toolConfiguration.put("messages", List.of(messages));
		Map<String, Object> registration = new LinkedHashMap<>();
		registration.put("application_type", "web");
		registration.put("response_types", List.of("id_token"));
		registration.put("grant_types", List.of("implicit", "client_credentials"));
		registration.put("initiate_login_uri", tool + "/lti/login");
		registration.put("redirect_uris", List.of(tool + "/lti/launch"));
		registration.put("client_name", "Open Door");
		registration.put("jwks_uri", tool + "/lti/jwks.json");
		registration.put("token_endpoint_auth_method", "private_key_jwt");
		registration.put("scope", String.join(" ", Claims.SCOPE_LINEITEM, Claims.SCOPE_RESULT, Claims.SCOPE_SCORE,
				Claims.SCOPE_NRPS));
		registration.put(Claims.TOOL_CONFIGURATION, toolConfiguration);
		JsonNode answer;
		try {
			LtiHttp.Answer posted = http.post(registrationEndpoint, "application/json", LtiHttp.json(registration),
					"application/json", registrationToken);
			if (!posted.ok()) {
				throw new LtiRefusal("lti.refused.registration");
			}
			answer = posted.json();
		}
		catch (LtiHttp.PlatformCallException ex) {
			throw new LtiRefusal("lti.refused.registration");
		}
		String clientId = answer.path("client_id").asString("");
		String deploymentId = answer.path(Claims.TOOL_CONFIGURATION).path("deployment_id").asString("");
		if (clientId.isBlank()) {
			throw new LtiRefusal("lti.refused.registration");
		}
		String family = configuration.path(Claims.PLATFORM_CONFIGURATION).path("product_family_code").asString("");
		String host = URI.create(issuer.startsWith("http") ? issuer : "https://" + issuer).getHost();
		String name = family.isBlank() ? host : family.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + family.substring(1)
				+ " (" + host + ")";
		Platform platform = platforms.find(issuer, clientId).orElseGet(() -> platforms.register(new LtiPlatforms.Registration(name,
				issuer, clientId, configuration.path("authorization_endpoint").asString(""),
				configuration.path("token_endpoint").asString(""), configuration.path("jwks_uri").asString(""), deploymentId,
				organisationId)));
		if (!deploymentId.isBlank()) {
			platforms.addDeployment(platform.id(), deploymentId);
		}
		jdbc.sql("update lti_registration_invite set used_at = ? where code_hash = ?").params(Timestamp.from(now), hash).update();
		return platforms.find(platform.id()).orElseThrow();
	}

}
