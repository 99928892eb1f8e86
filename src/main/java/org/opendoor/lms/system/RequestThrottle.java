package org.opendoor.lms.system;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Rate limits for routes that create things or test secrets, beyond sign-in ({@link SignInThrottle}), the
 * certificate verify page and LRS authentication (each has its own), all on {@link RateLimits}:
 * <ul>
 * <li>registration: {@code lms.security.registrations-per-hour} (default 20) accounts from one network address an
 * hour, so accounts cannot be made in bulk (a hub registering its volunteers on one Wi-Fi stays well under), and
 * {@code lms.security.registration-attempts-per-hour} (default 60) attempts, failed ones included, so the form
 * cannot be used to try addresses in bulk;</li>
 * <li>join codes: ten wrong codes (a "not found" answer) for one account in fifteen minutes, so codes cannot be
 * guessed;</li>
 * <li>invitations: fifty invitation emails from one account an hour, so the site cannot be used to send mail in
 * bulk;</li>
 * <li>the password asked for before deleting an account: five wrong ones in fifteen minutes per account, so a
 * session left open cannot be used to find the password;</li>
 * <li>booklet PDFs: twenty in ten minutes per account, each costing a few hundred milliseconds to print when it is
 * not cached.</li>
 * </ul>
 * Past a limit the answer is 429 with {@code Retry-After} and a page that says to wait. Counts are in the
 * database, shared by every instance, and keyed by a hash of the address or account id.
 */
@Component
class RequestThrottle {

	/**
	 * One limit: which requests it covers, keyed by account or address, and which answers count (null: every
	 * request counts, before it is handled).
	 */
	record Rule(Limit limit, String method, PathPattern path, boolean perAccount, IntPredicate counts) {
	}

	private final List<Rule> rules;

	private final RateLimits limits;

	RequestThrottle(RateLimits limits, @Value("${lms.security.registrations-per-hour:20}") int registrationsPerHour,
			@Value("${lms.security.registration-attempts-per-hour:60}") int registrationAttemptsPerHour) {
		this.limits = limits;
		PathPatternParser parser = new PathPatternParser();
		this.rules = List.of(
				new Rule(Limit.of("register", registrationsPerHour, Duration.ofHours(1)), "POST", parser.parse("/register"),
						false, status -> status / 100 == 3),
				new Rule(Limit.of("register-attempt", registrationAttemptsPerHour, Duration.ofHours(1)), "POST",
						parser.parse("/register"), false, null),
				new Rule(Limit.of("join", 10, Duration.ofMinutes(15)), null, parser.parse("/join/{code}"), true,
						status -> status == HttpStatus.NOT_FOUND.value()),
				new Rule(Limit.of("invite", 50, Duration.ofHours(1)), "POST", parser.parse("/org/{orgId}/invitations"), true,
						status -> status / 100 == 3),
				new Rule(Limit.of("confirm-password", 5, Duration.ofMinutes(15)), "POST", parser.parse("/account/delete"),
						true, status -> status == HttpStatus.BAD_REQUEST.value()),
				new Rule(Limit.of("booklet", 20, Duration.ofMinutes(10)), "GET",
						parser.parse("/courses/{courseId}/booklet.pdf"), true, null));
	}

	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				List<Rule> matching = rulesFor(request);
				long wait = 0;
				for (Rule rule : matching) {
					String key = key(rule, request);
					if (key == null) {
						// a limit per account for someone not signed in: they are sent to sign in anyway
						continue;
					}
					RateLimits.Decision decision = rule.counts() == null ? limits.take(rule.limit(), key)
							: limits.check(rule.limit(), key);
					if (!decision.allowed()) {
						wait = Math.max(wait, decision.retryAfterSeconds());
					}
				}
				if (wait > 0) {
					response.setHeader("Retry-After", Long.toString(wait));
					response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), "error.tooManyRequests");
					return;
				}
				chain.doFilter(request, response);
				for (Rule rule : matching) {
					if (rule.counts() != null && key(rule, request) != null && rule.counts().test(response.getStatus())) {
						limits.take(rule.limit(), key(rule, request));
					}
				}
			}
		};
	}

	private List<Rule> rulesFor(HttpServletRequest request) {
		org.springframework.http.server.PathContainer path = org.springframework.http.server.PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		return rules.stream()
			.filter(rule -> (rule.method() == null || rule.method().equals(request.getMethod())) && rule.path().matches(path))
			.toList();
	}

	private static String key(Rule rule, HttpServletRequest request) {
		return rule.perAccount() ? account() : request.getRemoteAddr();
	}

	private static String account() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null || auth instanceof AnonymousAuthenticationToken ? null : auth.getName();
	}

}
