package org.opendoor.lms.xapi.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Slows guessing of LRS credentials: after {@value #MAX_FAILURES} failed Basic-auth attempts from one
 * network address within {@code WINDOW}, that address gets 429 until the window ends. Successful clients
 * are never counted. Counts are in memory per instance; addresses are never logged.
 */
@Component
class LrsAuthThrottle {

	static final int MAX_FAILURES = 30;

	static final Duration WINDOW = Duration.ofMinutes(5);

	private record Window(Instant start, int count) {
	}

	private final Map<String, Window> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LrsAuthThrottle(Optional<Clock> clock) {
		this.clock = clock.orElse(Clock.systemUTC());
	}

	boolean blocked(String address) {
		Window w = failures.get(address);
		return w != null && !w.start().plus(WINDOW).isBefore(clock.instant()) && w.count() >= MAX_FAILURES;
	}

	void failed(String address) {
		Instant now = clock.instant();
		if (failures.size() > 100_000) {
			failures.clear();
		}
		failures.compute(address, (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now) ? new Window(now, 1)
				: new Window(w.start(), w.count() + 1));
	}

	/** Refuses blocked addresses before their credentials are checked. */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (request.getHeader("Authorization") != null && blocked(request.getRemoteAddr())) {
					response.setStatus(429);
					response.setHeader("Retry-After", Long.toString(WINDOW.toSeconds()));
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
