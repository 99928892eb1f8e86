package org.opendoor.lms.lti;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The platforms registered to launch Open Door: registering one (by hand or dynamically) and finding it. */
@Service
public class LtiPlatforms {

	private static final String COLUMNS = "id, name, issuer, client_id, authorization_endpoint, token_endpoint, jwks_uri, organisation_id";

	private final JdbcClient jdbc;

	LtiPlatforms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What a site admin enters to register a platform by hand (or what dynamic registration learnt).
	 *
	 * @param name a name for admins
	 * @param issuer the platform's issuer
	 * @param clientId the client id it gave Open Door
	 * @param authorizationEndpoint its authorisation endpoint
	 * @param tokenEndpoint its token endpoint
	 * @param jwksUri its key set
	 * @param deploymentIds deployment ids, separated by commas, spaces or new lines
	 * @param organisationId the organisation its learners join
	 */
	public record Registration(String name, String issuer, String clientId, String authorizationEndpoint,
			String tokenEndpoint, String jwksUri, String deploymentIds, Long organisationId) implements java.io.Serializable {
	}

	/** Registers a platform; refuses a second registration of the same issuer and client id. */
	@Transactional
	public Platform register(Registration form) {
		String issuer = required(form.issuer(), "lti.admin.invalid.issuer");
		String clientId = required(form.clientId(), "lti.admin.invalid.clientId");
		if (form.organisationId() == null) {
			throw new LtiInputException("lti.admin.invalid.organisation");
		}
		String auth = url(form.authorizationEndpoint());
		String token = url(form.tokenEndpoint());
		String jwks = url(form.jwksUri());
		url(issuer.startsWith("http") ? issuer : "https://" + issuer);
		if (find(issuer, clientId).isPresent()) {
			throw new LtiInputException("lti.admin.invalid.duplicate");
		}
		int organisationExists = jdbc.sql("select count(*) from organisation where id = ?").param(form.organisationId())
			.query(Integer.class).single();
		if (organisationExists == 0) {
			throw new LtiInputException("lti.admin.invalid.organisation");
		}
		String name = form.name() == null || form.name().isBlank() ? URI.create(auth).getHost() : form.name().strip();
		jdbc.sql("insert into lti_platform (name, issuer, client_id, authorization_endpoint, token_endpoint, jwks_uri, "
				+ "organisation_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(name.length() > 200 ? name.substring(0, 200) : name, issuer, clientId, auth, token, jwks,
					form.organisationId(), Timestamp.from(Instant.now()))
			.update();
		Platform platform = find(issuer, clientId).orElseThrow();
		for (String deployment : deployments(form.deploymentIds())) {
			addDeployment(platform.id(), deployment);
		}
		return find(platform.id()).orElseThrow();
	}

	/** Lets a platform launch with one more deployment id. */
	@Transactional
	public void addDeployment(long platformId, String deploymentId) {
		String id = required(deploymentId, "lti.admin.invalid.deployment");
		int known = jdbc.sql("select count(*) from lti_deployment where platform_id = ? and deployment_id = ?")
			.params(platformId, id).query(Integer.class).single();
		if (known == 0) {
			jdbc.sql("insert into lti_deployment (platform_id, deployment_id) values (?, ?)").params(platformId, id).update();
		}
	}

	/** Removes a platform: it can no longer launch, and its links and queued scores go with it. */
	@Transactional
	public void remove(long platformId) {
		jdbc.sql("delete from lti_platform where id = ?").param(platformId).update();
	}

	/** Every registered platform. */
	@Transactional(readOnly = true)
	public List<Platform> all() {
		return jdbc.sql("select " + COLUMNS + " from lti_platform order by name, id").query(this::row).list().stream()
			.map(this::withDeployments).toList();
	}

	/** The platform with this id. */
	@Transactional(readOnly = true)
	public Optional<Platform> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from lti_platform where id = ?").param(id).query(this::row).optional()
			.map(this::withDeployments);
	}

	/** The platform registered with this issuer and client id. */
	@Transactional(readOnly = true)
	public Optional<Platform> find(String issuer, String clientId) {
		return jdbc.sql("select " + COLUMNS + " from lti_platform where issuer = ? and client_id = ?")
			.params(issuer, clientId).query(this::row).optional().map(this::withDeployments);
	}

	/** The platforms registered with this issuer (one LMS may register Open Door more than once). */
	@Transactional(readOnly = true)
	public List<Platform> byIssuer(String issuer) {
		return jdbc.sql("select " + COLUMNS + " from lti_platform where issuer = ? order by id").param(issuer)
			.query(this::row).list().stream().map(this::withDeployments).toList();
	}

	private Platform row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Platform(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getLong(8), List.of());
	}

	private Platform withDeployments(Platform p) {
		List<String> deployments = jdbc.sql("select deployment_id from lti_deployment where platform_id = ? order by deployment_id")
			.param(p.id()).query(String.class).list();
		return new Platform(p.id(), p.name(), p.issuer(), p.clientId(), p.authorizationEndpoint(), p.tokenEndpoint(),
				p.jwksUri(), p.organisationId(), deployments);
	}

	static List<String> deployments(String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	private static String required(String value, String code) {
		if (value == null || value.isBlank() || value.strip().length() > 255 && !code.endsWith("issuer")
				|| value.strip().length() > 500) {
			throw new LtiInputException(code);
		}
		return value.strip();
	}

	private static String url(String value) {
		try {
			URI uri = new URI(value == null ? "" : value.strip());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || value.length() > 1000) {
				throw new LtiInputException("lti.admin.invalid.url");
			}
			return value.strip();
		}
		catch (java.net.URISyntaxException ex) {
			throw new LtiInputException("lti.admin.invalid.url");
		}
	}

}
