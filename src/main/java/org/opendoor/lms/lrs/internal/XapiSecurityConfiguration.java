package org.opendoor.lms.lrs.internal;

import java.util.List;

import org.opendoor.lms.lrs.XapiClients;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call the built-in LRS: clients with Basic auth (stateless, no session, no CSRF because no
 * cookie is involved). Reading needs a READ or WRITE client; writing needs WRITE. {@code /xapi/about} is
 * public, as the specification requires. Browsers on other origins (a cmi5 package in an LMS) may call
 * it; they still need credentials.
 */
@Configuration
class XapiSecurityConfiguration {

	static final String READ = "XAPI_READ";

	static final String WRITE = "XAPI_WRITE";

	@Bean
	FilterRegistrationBean<XapiRequestFilter> xapiRequestFilter(LrsLimits limits) {
		FilterRegistrationBean<XapiRequestFilter> registration = new FilterRegistrationBean<>(
				new XapiRequestFilter(limits));
		registration.addUrlPatterns("/xapi/*");
		registration.setOrder(-200);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain xapiSecurityFilterChain(HttpSecurity http, XapiClients clients, LrsAuthThrottle throttle)
			throws Exception {
		ProviderManager manager = new ProviderManager(new ClientAuthenticationProvider(clients));
		http.securityMatcher("/xapi/**")
			.authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.OPTIONS, "/xapi/**")
				.permitAll()
				.requestMatchers("/xapi/about")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/xapi/**")
				.hasAnyAuthority(READ, WRITE)
				.requestMatchers(HttpMethod.HEAD, "/xapi/**")
				.hasAnyAuthority(READ, WRITE)
				.anyRequest()
				.hasAuthority(WRITE))
			.httpBasic(basic -> basic.realmName("xAPI").authenticationEntryPoint(throttle.entryPoint()))
			.exceptionHandling(e -> e.authenticationEntryPoint(throttle.entryPoint()))
			.addFilterBefore(throttle.filter(),
					org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
			.authenticationManager(manager)
			.csrf(csrf -> csrf.disable())
			.cors(cors -> cors.configurationSource(cors()))
			.requestCache(cache -> cache.disable())
			// JSON only: nothing here may run script, load anything or be framed
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
				.permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	private static UrlBasedCorsConfigurationSource cors() {
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOriginPatterns(List.of("*"));
		config.setAllowedMethods(List.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"));
		config.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Experience-API-Version", "If-Match",
				"If-None-Match"));
		config.setExposedHeaders(List.of("ETag", "Last-Modified", "X-Experience-API-Version",
				"X-Experience-API-Consistent-Through", "Content-Type"));
		config.setAllowCredentials(false);
		config.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/xapi/**", config);
		return source;
	}

	/** Checks a client's key and secret. */
	static final class ClientAuthenticationProvider implements AuthenticationProvider {

		private final XapiClients clients;

		ClientAuthenticationProvider(XapiClients clients) {
			this.clients = clients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			String key = authentication.getName();
			String secret = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
			XapiClients.Client client = clients.authenticate(key, secret)
				.orElseThrow(() -> new BadCredentialsException("unknown or revoked client"));
			List<SimpleGrantedAuthority> authorities = client.scope() == XapiClients.Scope.WRITE
					? List.of(new SimpleGrantedAuthority(READ), new SimpleGrantedAuthority(WRITE))
					: List.of(new SimpleGrantedAuthority(READ));
			return UsernamePasswordAuthenticationToken.authenticated(client, null, authorities);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

}
