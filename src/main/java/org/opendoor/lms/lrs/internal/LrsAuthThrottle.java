package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.util.OptionalLong;

import org.opendoor.lms.lrs.SignInThrottle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Slows guessing of LRS credentials: failed Basic-auth attempts are counted by the {@link SignInThrottle}
 * another module provides (none: nothing is throttled), and an address it says must wait gets 429, even with
 * the right secret. Successful clients are never counted; addresses are never logged.
 */
@Component
class LrsAuthThrottle {

	private final SignInThrottle throttle;

	LrsAuthThrottle(ObjectProvider<SignInThrottle> throttle) {
		this.throttle = throttle.getIfAvailable(() -> SignInThrottle.NONE);
	}

	void failed(String address) {
		throttle.failed(address);
	}

	/** Refuses blocked addresses before their credentials are checked. */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				OptionalLong wait = request.getHeader("Authorization") == null ? OptionalLong.empty()
						: throttle.retryAfterSeconds(request.getRemoteAddr());
				if (wait.isPresent()) {
					response.setStatus(429);
					response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
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
