package org.opendoor.lms.system;

import org.opendoor.lms.account.Accounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
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

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SignInThrottle throttle, Accounts accounts,
			ObjectProvider<ClientRegistrationRepository> identityProviders, OidcSignIn oidc) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/register", "/language", "/verify", "/verify/**", "/issuer", "/issuer/jwks.json", "/unsubscribe/*", "/css/**", "/js/**", "/fonts/**", "/favicon.ico", "/error",
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
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		if (identityProviders.getIfAvailable() != null) {
			// Only when spring.security.oauth2.client.registration.* names at least one identity provider.
			http.oauth2Login(oauth -> oauth.loginPage("/login")
				.userInfoEndpoint(info -> info.oidcUserService(oidc.userService()))
				.successHandler(oidc.successHandler())
				.failureHandler(oidc.failureHandler()));
		}
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
