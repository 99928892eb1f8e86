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
 * Ends every other session of an account once it is erased: a request signed in as an erased account is
 * signed out and sent to the sign-in page.
 */
class ErasedAccountFilter extends OncePerRequestFilter {

	private final Accounts accounts;

	ErasedAccountFilter(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SignedInUser user && !accounts.isActive(user.accountId())) {
			new SecurityContextLogoutHandler().logout(request, response, auth);
			response.sendRedirect(request.getContextPath() + "/login?erased");
			return;
		}
		chain.doFilter(request, response);
	}

}
