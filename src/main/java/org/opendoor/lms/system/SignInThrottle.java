package org.opendoor.lms.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: after five failed sign-ins for one email address, or twenty from one network
 * address, within fifteen minutes, further attempts are refused for fifteen minutes (429 with {@code Retry-After}
 * and a page saying why). Counts are kept in
 * memory per instance; addresses are held as given and never logged.
 */
@Component
class SignInThrottle {

	static final int MAX_PER_ACCOUNT = 5;

	static final int MAX_PER_ADDRESS = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private final Map<String, Window> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	SignInThrottle(java.util.Optional<Clock> clock) {
		this.clock = clock.orElse(Clock.systemUTC());
	}

	private record Window(Instant start, int count) {
	}

	boolean isBlocked(String username, String address) {
		return count("u:" + key(username)) >= MAX_PER_ACCOUNT || count("a:" + address) >= MAX_PER_ADDRESS;
	}

	/** How long until a blocked sign-in may be tried again (the later of the two windows' ends). */
	Duration retryAfter(String username, String address) {
		Instant now = clock.instant();
		Duration wait = Duration.ofSeconds(1);
		for (String key : new String[] { "u:" + key(username), "a:" + address }) {
			Window w = failures.get(key);
			int limit = key.startsWith("u:") ? MAX_PER_ACCOUNT : MAX_PER_ADDRESS;
			if (w != null && w.count() >= limit && w.start().plus(WINDOW).isAfter(now)) {
				Duration left = Duration.between(now, w.start().plus(WINDOW));
				wait = left.compareTo(wait) > 0 ? left : wait;
			}
		}
		return wait;
	}

	private int count(String key) {
		Window w = failures.get(key);
		if (w == null || w.start().plus(WINDOW).isBefore(clock.instant())) {
			return 0;
		}
		return w.count();
	}

	void recordFailure(String username, String address) {
		Instant now = clock.instant();
		for (String key : new String[] { "u:" + key(username), "a:" + address }) {
			failures.compute(key, (k, w) -> (w == null || w.start().plus(WINDOW).isBefore(now)) ? new Window(now, 1)
					: new Window(w.start(), w.count() + 1));
		}
	}

	void recordSuccess(String username) {
		failures.remove("u:" + key(username));
	}

	private static String key(String username) {
		return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
	}

	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if ("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI())
						&& isBlocked(request.getParameter("username"), request.getRemoteAddr())) {
					// 429 with a page saying why and when to try again (the error page shows login.locked)
					response.setHeader("Retry-After",
							Long.toString(retryAfter(request.getParameter("username"), request.getRemoteAddr()).toSeconds()));
					response.sendError(429, "login.locked");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	AuthenticationFailureHandler failureHandler() {
		SimpleUrlAuthenticationFailureHandler delegate = new SimpleUrlAuthenticationFailureHandler("/login?error");
		return (request, response, exception) -> {
			recordFailure(request.getParameter("username"), request.getRemoteAddr());
			delegate.onAuthenticationFailure(request, response, exception);
		};
	}

	AuthenticationSuccessHandler successHandler(String defaultUrl) {
		SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
		delegate.setDefaultTargetUrl(defaultUrl);
		return (request, response, authentication) -> {
			recordSuccess(request.getParameter("username"));
			delegate.onAuthenticationSuccess(request, response, authentication);
		};
	}

}
