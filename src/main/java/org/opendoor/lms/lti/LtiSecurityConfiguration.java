package org.opendoor.lms.lti;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call {@code /lti/**}: the platform-facing endpoints are public and need no CSRF token, because
 * they are cross-site form posts from the platform, each proved by its own signed token (the id_token and
 * a one-time state; a one-time link; a one-time deep-linking token). These pages may be shown in the
 * platform's frame; they send no referrer, since some addresses carry one-time tokens.
 */
@Configuration
class LtiSecurityConfiguration {

	static final String FORM_ACTION = "lti.formAction";

	@Bean
	@Order(2)
	SecurityFilterChain ltiSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/lti/**")
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/lti/jwks.json", "/lti/login", "/lti/launch", "/lti/continue/*", "/lti/deep-link",
						"/lti/register/*")
				.permitAll()
				.anyRequest()
				.denyAll())
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.disable())
				.referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
				.addHeaderWriter((request, response) -> {
					Object formAction = request.getAttribute(FORM_ACTION);
					response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
							+ "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
							+ (formAction == null ? "" : " " + formAction) + "; frame-ancestors *");
				}));
		return http.build();
	}

}
