package org.opendoor.lms.system;

import java.util.Map;

import org.opendoor.lms.account.Accounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may see what: every route needs a signed-in user unless listed here as public; admin pages need
 * ADMIN. Form sign-in with CSRF protection, session fixation protection, throttling after repeated
 * failures, and a Content-Security-Policy that allows no inline script. With identity providers configured,
 * sign-in through an organisation's provider (OpenID Connect) as well. A session of an erased account ends.
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** Browser features no page of the site uses, switched off for it and anything it might embed. */
	static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "display-capture=(), browsing-topics=()";

	/**
	 * No observation per security filter: with metrics on, Spring Security otherwise wraps each of its
	 * filters in an observation on every request (most of the cost of serving a stylesheet, measured in
	 * the load test). Each request is still measured as a whole ({@code http.server.requests}).
	 */
	@Bean
	static org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SignInThrottle throttle, RequestThrottle limits,
			Accounts accounts, ObjectProvider<ClientRegistrationRepository> identityProviders, OidcSignIn oidc)
			throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/register", "/password/forgotten", "/password/reset", "/password/reset/*", "/language", "/verify", "/verify/**", "/issuer", "/issuer/jwks.json", "/unsubscribe/*", "/css/**", "/js/**", "/fonts/**", "/favicon.ico", "/error",
					"/actuator/health", "/actuator/health/**", "/api/openapi.json", "/api/courses", "/api/certificates/*")
			.permitAll()
			.requestMatchers("/admin/**", "/actuator/**", "/api/courses/*/packages/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/courses", false)
				.successHandler(throttle.successHandler("/courses"))
				.failureHandler(throttle.failureHandler())
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?signedOut").permitAll())
			// Unsubscribe links carry their own signed token and must accept mail clients' one-click POST (RFC 8058).
			.csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/*"))
			.sessionManagement(session -> session.sessionFixation(fix -> fix.changeSessionId()))
			.addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new ErasedAccountFilter(accounts), AnonymousAuthenticationFilter.class)
			.addFilterAfter(limits.filter(), ErasedAccountFilter.class)
			// Spring Security's defaults stay on as well: Cache-Control no-store, X-Content-Type-Options nosniff, and
			// Strict-Transport-Security on HTTPS requests (behind a proxy, X-Forwarded-Proto counts: see
			// server.forward-headers-strategy). Nothing here is framed: SCORM and cmi5 packages are downloaded and
			// run in another LMS, never inside this site.
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS))
				.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
		if (identityProviders.getIfAvailable() != null) {
			// Only when spring.security.oauth2.client.registration.* names at least one identity provider.
			http.oauth2Login(oauth -> oauth.loginPage("/login")
				.userInfoEndpoint(info -> info.oidcUserService(oidc.userService()))
				.successHandler(oidc.successHandler())
				.failureHandler(oidc.failureHandler()));
		}
		return http.build();
	}

	/**
	 * Argon2id (memory-hard, the first choice of OWASP's password storage guidance and a "suitable key derivation
	 * function" in NIST SP 800-63B section 3.1.1.2) for new hashes, over the NFKC-normalised password. bcrypt, the
	 * earlier default, cannot take passwords over 72 bytes; hashes made with it still verify.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		String argon2 = "argon2@SpringSecurity_v5_8";
		Map<String, PasswordEncoder> encoders = Map.of(argon2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
				"bcrypt", new BCryptPasswordEncoder());
		return new NormalisingPasswordEncoder(new DelegatingPasswordEncoder(argon2, encoders));
	}

}
