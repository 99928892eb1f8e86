package org.opendoor.lms.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A second guard behind erasure, which ends every session of the account in the database: a session saved
 * by a sign-in that raced the erasure is signed out here and sent to the sign-in page. An account is looked
 * up at most once every {@link #RECHECK} on each instance, not on every request (a page read by a learner
 * signed in would otherwise read the account row once more, and a stylesheet would read it at all).
 */
class ErasedAccountFilter extends OncePerRequestFilter {

	static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(30);

	/** Bounds the memory of accounts seen active: beyond this many, the oldest are simply looked up again. */
	private static final int REMEMBERED = 4096;

	private final Accounts accounts;

	/** Accounts found active, with when (System.nanoTime) to look again. */
	private final java.util.concurrent.ConcurrentHashMap<Long, Long> activeUntil = new java.util.concurrent.ConcurrentHashMap<>();

	ErasedAccountFilter(Accounts accounts) {
		this.accounts = accounts;
	}

	private boolean active(long accountId) {
		long now = System.nanoTime();
		Long until = activeUntil.get(accountId);
		if (until != null && now - until < 0) {
			return true;
		}
		if (!accounts.isActive(accountId)) {
			activeUntil.remove(accountId);
			return false;
		}
		if (activeUntil.size() >= REMEMBERED) {
			activeUntil.clear();
		}
		activeUntil.put(accountId, now + RECHECK.toNanos());
		return true;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SignedInUser user && !active(user.accountId())) {
			new SecurityContextLogoutHandler().logout(request, response, auth);
			response.sendRedirect(request.getContextPath() + "/login?erased");
			return;
		}
		chain.doFilter(request, response);
	}

}
