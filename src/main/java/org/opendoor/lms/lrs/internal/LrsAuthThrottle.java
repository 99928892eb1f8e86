package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.time.Duration;

import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Slows guessing of LRS credentials: {@value #MAX_FAILURES} failed Basic-auth attempts from one network
 * address in {@code WINDOW}, then one more every ten seconds; past that the address gets 429, even with the
 * right secret. Successful clients are never counted. Counts are in the database, shared by every instance
 * ({@link RateLimits}); addresses are never logged.
 */
@Component
class LrsAuthThrottle {

	static final int MAX_FAILURES = 30;

	static final Duration WINDOW = Duration.ofMinutes(5);

	static final Limit FAILURES = Limit.of("lrs-auth", MAX_FAILURES, WINDOW);

	private final RateLimits limits;

	LrsAuthThrottle(RateLimits limits) {
		this.limits = limits;
	}

	void failed(String address) {
		limits.take(FAILURES, address);
	}

	/** Refuses blocked addresses before their credentials are checked. */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				RateLimits.Decision decision = request.getHeader("Authorization") == null ? null
						: limits.check(FAILURES, request.getRemoteAddr());
				if (decision != null && !decision.allowed()) {
					response.setStatus(429);
					response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
					response.setContentType("text/plain;charset=UTF-8");
					response.getWriter().write("too many failed sign-ins from this address; try again later");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/** Answers a failed or missing Basic auth with 401, counting failures of credentials that were sent. */
	AuthenticationEntryPoint entryPoint() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			if (request.getHeader("Authorization") != null) {
				failed(request.getRemoteAddr());
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"xAPI\"");
			response.setStatus(401);
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write("this LRS needs a client's key and secret (Basic auth)");
		};
	}

}
