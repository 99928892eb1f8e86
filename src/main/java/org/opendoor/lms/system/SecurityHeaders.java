package org.opendoor.lms.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers on responses that Spring Security never sees: those written by filters that run before
 * it (the LRS's request checks, the database-unreachable page) and Tomcat's own error pages (a malformed
 * request line, bad URL encoding), which Tomcat writes before any filter runs. The values are the ones Spring
 * Security writes ({@link SecurityConfiguration}); Spring Security keeps a header that is already there, so
 * each response carries each header once.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

	static final String LRS_CSP = "default-src 'none'; frame-ancestors 'none'";

	static final String LRS_PERMISSIONS = "camera=(), microphone=(), geolocation=()";

	/** Writes the headers for a response to {@code path}, leaving any already set. */
	static void write(String path, boolean secure, HttpServletResponse response) {
		boolean lrs = path != null && (path.equals("/xapi") || path.startsWith("/xapi/"));
		set(response, "Content-Security-Policy", lrs ? LRS_CSP : SecurityConfiguration.CSP);
		set(response, "X-Frame-Options", "DENY");
		set(response, "X-Content-Type-Options", "nosniff");
		set(response, "Referrer-Policy", lrs ? "no-referrer" : "same-origin");
		set(response, "Permissions-Policy", lrs ? LRS_PERMISSIONS : SecurityConfiguration.PERMISSIONS);
		if (secure) {
			set(response, "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
	}

	private static void set(HttpServletResponse response, String name, String value) {
		if (!response.containsHeader(name)) {
			response.setHeader(name, value);
		}
	}

	/** First of all filters: the headers are there whoever writes the response. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				write(request.getRequestURI().substring(request.getContextPath().length()), request.isSecure(), response);
				chain.doFilter(request, response);
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** Tomcat's error report (no server version, no stack trace) with the security headers and no caching. */
	static final class HeaderWritingErrorReportValve extends ErrorReportValve {

		HeaderWritingErrorReportValve() {
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentWritten() == 0) {
				String uri = request.getDecodedRequestURI();
				write(uri, request.isSecure(), response);
				response.setHeader("Cache-Control", "no-store");
			}
			super.report(request, response, throwable);
		}

	}

	/** Puts {@link HeaderWritingErrorReportValve} in place of the error report valve Spring Boot adds. */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> headerWritingErrorPages() {
		return new OrderedCustomizer();
	}

	private static final class OrderedCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers(context -> {
				Host host = (Host) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve && !(valve instanceof HeaderWritingErrorReportValve)) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new HeaderWritingErrorReportValve());
				if (host instanceof org.apache.catalina.core.StandardHost standard) {
					standard.setErrorReportValveClass(HeaderWritingErrorReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
