package org.opendoor.lms.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;


import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.StoredHmacKey;
import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing without letting anyone lock a volunteer out (OWASP "Slow down online guessing
 * attacks with device cookies"). Failed sign-ins are counted for the account and network address together
 * ({@link #PAIR}: five, then one more every three minutes, and fewer once twenty a day have failed), for
 * the address alone ({@link #ADDRESS}, one address trying many accounts) and for the account alone
 * ({@code lms.security.sign-in-failures-per-account-an-hour}, default 100: a much higher ceiling against
 * guessing from many addresses). A browser that has signed
 * in to an account before carries a signed device cookie for it: its attempts count only against that
 * device ({@link #DEVICE}), so whatever anyone else does, the owner still gets in from where they usually
 * sign in. Past a limit the answer is 429 with {@code Retry-After}. Counts are shared by every instance
 * ({@link RateLimits}); no address or email is stored or logged.
 */
@Component
class SignInThrottle {

	static final Limit PAIR = Limit.of("sign-in:pair", 5, Duration.ofMinutes(15)).and(20, Duration.ofDays(1));

	static final Limit ADDRESS = Limit.of("sign-in:address", 20, Duration.ofMinutes(15));


	static final Limit DEVICE = Limit.of("sign-in:device", 10, Duration.ofMinutes(15));

	static final String DEVICE_COOKIE = "od_device";

	private static final Duration DEVICE_COOKIE_AGE = Duration.ofDays(365);

	private final RateLimits limits;

	private final SecureRandom random = new SecureRandom();

	private final Limit account;

	private final StoredHmacKey key;

	SignInThrottle(RateLimits limits, JdbcClient jdbc,
			@Value("${lms.security.sign-in-failures-per-account-an-hour:100}") int accountCeiling) {
		this.limits = limits;
		this.key = new StoredHmacKey(jdbc, "device_cookie_key");
		this.account = Limit.of("sign-in:account", accountCeiling, Duration.ofHours(1));
	}

	/** The ceiling on failures for one account from addresses and browsers it has not signed in from. */
	Limit accountLimit() {
		return account;
	}

	/** What one sign-in attempt is counted against. */
	private record Counted(List<Limit> limits, List<String> keys) {
	}

	private Counted counted(HttpServletRequest request) {
		String account = account(request.getParameter("username"));
		String device = trustedDevice(request, account);
		if (device != null) {
			return new Counted(List.of(DEVICE), List.of(device));
		}
		String address = request.getRemoteAddr();
		return new Counted(List.of(PAIR, ADDRESS, this.account), List.of(account + "\u0000" + address, address, account));
	}

	/** Zero when the attempt may go ahead, otherwise how long to wait. */
	Duration waitBefore(HttpServletRequest request) {
		Counted counted = counted(request);
		Duration wait = Duration.ZERO;
		for (int i = 0; i < counted.limits().size(); i++) {
			RateLimits.Decision decision = limits.check(counted.limits().get(i), counted.keys().get(i));
			if (!decision.allowed() && decision.retryAfter().compareTo(wait) >= 0) {
				wait = decision.retryAfter().isZero() ? Duration.ofSeconds(1) : decision.retryAfter();
			}
		}
		return wait;
	}

	private void failed(HttpServletRequest request) {
		Counted counted = counted(request);
		for (int i = 0; i < counted.limits().size(); i++) {
			limits.take(counted.limits().get(i), counted.keys().get(i));
		}
	}

	private void succeeded(HttpServletRequest request, HttpServletResponse response) {
		String account = account(request.getParameter("username"));
		limits.forget(PAIR, account + "\u0000" + request.getRemoteAddr());
		String nonce = trustedDevice(request, account);
		if (nonce == null) {
			byte[] fresh = new byte[16];
			random.nextBytes(fresh);
			nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(fresh);
		}
		ResponseCookie cookie = ResponseCookie.from(DEVICE_COOKIE, nonce + "." + sign(account, nonce))
			.path(request.getContextPath() + "/login")
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.maxAge(DEVICE_COOKIE_AGE)
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	/** The device cookie's nonce when the request carries a genuine one for this account, otherwise null. */
	private String trustedDevice(HttpServletRequest request, String account) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null || account.isEmpty()) {
			return null;
		}
		for (Cookie cookie : cookies) {
			String value = cookie.getValue();
			if (DEVICE_COOKIE.equals(cookie.getName()) && value != null && value.length() < 200 && value.indexOf('.') > 0) {
				String nonce = value.substring(0, value.indexOf('.'));
				byte[] given = value.substring(value.indexOf('.') + 1).getBytes(StandardCharsets.US_ASCII);
				if (MessageDigest.isEqual(given, sign(account, nonce).getBytes(StandardCharsets.US_ASCII))) {
					return nonce;
				}
			}
		}
		return null;
	}

	private String sign(String account, String nonce) {
		byte[] tag = key.mac("device\u0000" + account + "\u0000" + nonce);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
	}

	private static String account(String username) {
		return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
	}

	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if ("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI())) {
					Duration wait = waitBefore(request);
					if (!wait.isZero()) {
						// 429 with a page saying why and when to try again (the error page shows login.locked)
						response.setHeader("Retry-After", Long.toString(new RateLimits.Decision(false, wait).retryAfterSeconds()));
						response.sendError(429, "login.locked");
						return;
					}
				}
				chain.doFilter(request, response);
			}
		};
	}

	AuthenticationFailureHandler failureHandler() {
		SimpleUrlAuthenticationFailureHandler delegate = new SimpleUrlAuthenticationFailureHandler("/login?error");
		return (request, response, exception) -> {
			failed(request);
			delegate.onAuthenticationFailure(request, response, exception);
		};
	}

	AuthenticationSuccessHandler successHandler(String defaultUrl) {
		SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
		delegate.setDefaultTargetUrl(defaultUrl);
		return (request, response, authentication) -> {
			succeeded(request, response);
			delegate.onAuthenticationSuccess(request, response, authentication);
		};
	}

}
