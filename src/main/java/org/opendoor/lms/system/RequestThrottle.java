package org.opendoor.lms.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Rate limits for routes that create things or test secrets, beyond sign-in ({@link SignInThrottle}), the
 * certificate verify page and LRS authentication (each has its own):
 * <ul>
 * <li>registration: {@code lms.security.registrations-per-hour} (default 20) accounts from one network address an
 * hour, so accounts cannot be made in bulk (a hub registering its volunteers on one Wi-Fi stays well under);</li>
 * <li>join codes: ten wrong codes (a "not found" answer) for one account in fifteen minutes, so codes cannot be
 * guessed;</li>
 * <li>invitations: fifty invitation emails from one account an hour, so the site cannot be used to send mail in
 * bulk;</li>
 * <li>the password asked for before deleting an account: five wrong ones in fifteen minutes per account, so a
 * session left open cannot be used to find the password.</li>
 * </ul>
 * Past a limit the answer is 429 with {@code Retry-After} and a page that says to wait. Counts are kept in memory
 * per instance and hold no personal data beyond the address or account id, which are never logged.
 */
@Component
class RequestThrottle {

	/** One limit: which requests count, keyed by what, how many in what window. */
	record Rule(String name, String method, PathPattern path, int limit, Duration window, boolean perAccount,
			IntPredicate counts) {
	}

	private record Window(Instant start, int count) {
	}

	private final List<Rule> rules;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	RequestThrottle(Optional<Clock> clock, @Value("${lms.security.registrations-per-hour:20}") int registrationsPerHour) {
		this.clock = clock.orElse(Clock.systemUTC());
		PathPatternParser parser = new PathPatternParser();
		this.rules = List.of(
				new Rule("register", "POST", parser.parse("/register"), registrationsPerHour, Duration.ofHours(1), false,
						status -> status / 100 == 3),
				new Rule("join", null, parser.parse("/join/{code}"), 10, Duration.ofMinutes(15), true,
						status -> status == HttpStatus.NOT_FOUND.value()),
				new Rule("invite", "POST", parser.parse("/org/{orgId}/invitations"), 50, Duration.ofHours(1), true,
						status -> status / 100 == 3),
				new Rule("confirm-password", "POST", parser.parse("/account/delete"), 5, Duration.ofMinutes(15), true,
						status -> status == HttpStatus.BAD_REQUEST.value()));
	}

	List<Rule> rules() {
		return rules;
	}

	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Rule rule = ruleFor(request);
				if (rule == null) {
					chain.doFilter(request, response);
					return;
				}
				String key = rule.name() + ":" + (rule.perAccount() ? account() : request.getRemoteAddr());
				Instant now = clock.instant();
				Window current = windows.get(key);
				if (current != null && !expired(current, rule, now) && current.count() >= rule.limit()) {
					long wait = Math.max(1, Duration.between(now, current.start().plus(rule.window())).toSeconds());
					response.setHeader("Retry-After", Long.toString(wait));
					response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), "error.tooManyRequests");
					return;
				}
				chain.doFilter(request, response);
				if (rule.counts().test(response.getStatus())) {
					windows.compute(key, (k, w) -> w == null || expired(w, rule, now) ? new Window(now, 1)
							: new Window(w.start(), w.count() + 1));
				}
				if (windows.size() > 10_000) {
					windows.entrySet().removeIf(e -> e.getValue().start().plus(Duration.ofHours(1)).isBefore(now));
				}
			}
		};
	}

	private Rule ruleFor(HttpServletRequest request) {
		org.springframework.http.server.PathContainer path = org.springframework.http.server.PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		for (Rule rule : rules) {
			if ((rule.method() == null || rule.method().equals(request.getMethod())) && rule.path().matches(path)) {
				return rule;
			}
		}
		return null;
	}

	private static boolean expired(Window w, Rule rule, Instant now) {
		return w.start().plus(rule.window()).isBefore(now);
	}

	private static String account() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null ? "anonymous" : auth.getName();
	}

}
