package org.opendoor.lms.lti;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.startup.PublicAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;

/**
 * Deep Linking 2.0: a teacher or course builder in the LMS picks an Open Door course (or one of its
 * modules); it goes back to the platform as an LTI resource link with a gradebook line item, signed with
 * the tool's key.
 */
@Component
class DeepLinking {

	static final Duration LIFETIME = Duration.ofMinutes(30);

	/** The score every line item is out of; scores are sent as a share of it. */
	static final int SCORE_MAXIMUM = 100;

	private final JdbcClient jdbc;

	private final CourseCatalogue catalogue;

	private final ToolKeys keys;

	private final PublicAddress address;

	private final LtiPlatforms platforms;

	private final Clock clock;

	DeepLinking(JdbcClient jdbc, CourseCatalogue catalogue, ToolKeys keys, PublicAddress address,
			LtiPlatforms platforms, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
		this.keys = keys;
		this.address = address;
		this.platforms = platforms;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** A course to choose, with its modules. */
	record Choice(String value, String title, List<Choice> modules) {
	}

	/** Shows the courses to choose from. */
	@Transactional
	String picker(Launch launch, Model model) {
		if (!Claims.teaches(launch.roles())) {
			throw new LtiRefusal("lti.refused.deepLinkRole", 403);
		}
		Map<String, Object> settings = launch.object(Claims.DEEP_LINKING_SETTINGS);
		Object returnUrl = settings.get("deep_link_return_url");
		if (returnUrl == null || !String.valueOf(returnUrl).startsWith("http") || String.valueOf(returnUrl).length() > 1000) {
			throw new LtiRefusal("lti.refused.deepLinkSettings");
		}
		Object accept = settings.get("accept_types");
		if (accept instanceof List<?> types && !types.contains("ltiResourceLink")) {
			throw new LtiRefusal("lti.refused.deepLinkSettings");
		}
		Object data = settings.get("data");
		String token = Tokens.random();
		jdbc.sql("insert into lti_deep_link (token_hash, platform_id, deployment_id, return_url, data, expires_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(Tokens.hash(token), launch.platform().id(), launch.deploymentId(), String.valueOf(returnUrl),
					data == null ? null : String.valueOf(data), Timestamp.from(clock.instant().plus(LIFETIME)))
			.update();
		String language = launch.string(Claims.LAUNCH_PRESENTATION, "locale");
		List<Choice> choices = new ArrayList<>();
		for (CatalogueEntry entry : catalogue.available(language != null && language.startsWith("cy") ? "cy" : "en")) {
			List<Choice> modules = entry.course().modules().stream()
				.map(m -> new Choice(entry.course().id() + "/" + m.id(), m.title(), List.of()))
				.toList();
			choices.add(new Choice(entry.course().id(), entry.course().title(), modules));
		}
		model.addAttribute("token", token);
		model.addAttribute("choices", choices);
		return "lti/pick";
	}

	/** Sends the choice back to the platform (an automatically submitted form with the signed response). */
	@Transactional
	String respond(String token, String choice, Model model, HttpServletRequest request) {
		if (token == null || token.length() > 100 || choice == null || choice.isBlank() || choice.length() > 250) {
			throw new LtiRefusal("lti.refused.deepLinkChoice");
		}
		String hash = Tokens.hash(token);
		Instant now = clock.instant();
		record Pending(long platformId, String deploymentId, String returnUrl, String data) {
		}
		Pending pending = jdbc.sql("select platform_id, deployment_id, return_url, data from lti_deep_link "
				+ "where token_hash = ? and used_at is null and expires_at > ?")
			.params(hash, Timestamp.from(now))
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional()
			.orElseThrow(() -> new LtiRefusal("lti.refused.continue"));
		String[] parts = choice.split("/", 2);
		CatalogueEntry entry = catalogue.latest(parts[0]).orElseThrow(() -> new LtiRefusal("lti.refused.deepLinkChoice"));
		CourseModule module = parts.length > 1 ? entry.course().module(parts[1])
			.orElseThrow(() -> new LtiRefusal("lti.refused.deepLinkChoice")) : null;
		jdbc.sql("update lti_deep_link set used_at = ? where token_hash = ?").params(Timestamp.from(now), hash).update();
		Platform platform = platforms.find(pending.platformId()).orElseThrow(() -> new LtiRefusal("lti.refused.platform"));
		String title = module == null ? entry.course().title() : entry.course().title() + ": " + module.title();
		Map<String, Object> custom = new LinkedHashMap<>();
		custom.put("course", entry.course().id());
		if (module != null) {
			custom.put("module", module.id());
		}
		Map<String, Object> lineItem = new LinkedHashMap<>();
		lineItem.put("scoreMaximum", SCORE_MAXIMUM);
		lineItem.put("label", title);
		lineItem.put("resourceId", choice);
		lineItem.put("tag", "open-door");
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("type", "ltiResourceLink");
		item.put("title", title);
		item.put("url", address.url() + "/lti/launch");
		item.put("custom", custom);
		item.put("lineItem", lineItem);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(platform.clientId())
			.audience(platform.issuer())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.claim("nonce", Tokens.random())
			.claim(Claims.DEPLOYMENT_ID, pending.deploymentId())
			.claim(Claims.MESSAGE_TYPE, Claims.DEEP_LINKING_RESPONSE)
			.claim(Claims.VERSION, "1.3.0")
			.claim(Claims.DL_CONTENT_ITEMS, List.of(item));
		if (pending.data() != null) {
			claims.claim(Claims.DL_DATA, pending.data());
		}
		model.addAttribute("returnUrl", pending.returnUrl());
		model.addAttribute("jwt", sign(claims.build()));
		model.addAttribute("title", title);
		request.setAttribute(LtiSecurityConfiguration.FORM_ACTION, LtiController.origin(pending.returnUrl()));
		return "lti/deep-link-return";
	}

	/** Signs claims with the tool's current key. */
	String sign(JWTClaimsSet claims) {
		RSAKey key = keys.signing();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign", ex);
		}
		return jwt.serialize();
	}

}
