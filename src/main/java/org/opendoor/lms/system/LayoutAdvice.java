package org.opendoor.lms.system;

import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page what the shared layout needs: whether someone is signed in and what they may see. */
@ControllerAdvice
class LayoutAdvice {

	/**
	 * What the navigation shows.
	 *
	 * @param signedIn whether someone is signed in
	 * @param admin whether they are a site administrator
	 * @param orgAdmin whether they run at least one organisation
	 */
	record Nav(boolean signedIn, boolean admin, boolean orgAdmin) {
	}

	private final Organisations organisations;

	LayoutAdvice(Organisations organisations) {
		this.organisations = organisations;
	}

	/**
	 * The page being shown, for the language switch to come back to (path and, for a GET, its query). On an
	 * error page, the address that failed (so the visitor sees the same page again in the other language),
	 * never the error page's own internal address, which shown on its own is a server error.
	 */
	@ModelAttribute("here")
	String here(jakarta.servlet.http.HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String query = request.getQueryString();
		if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR) {
			Object failed = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
			if (!(failed instanceof String uri) || !"GET".equals(request.getMethod())) {
				return "/";
			}
			path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
			query = (String) request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_QUERY_STRING);
		}
		return "GET".equals(request.getMethod()) && query != null ? path + "?" + query : path;
	}

	@ModelAttribute("nav")
	Nav nav(Authentication authentication) {
		boolean signedIn = authentication != null && authentication.getPrincipal() instanceof SignedInUser;
		boolean admin = signedIn && authentication.getAuthorities()
			.stream()
			.anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
		boolean orgAdmin = signedIn && (admin
				|| organisations.runsAny(((SignedInUser) authentication.getPrincipal()).accountId()));
		return new Nav(signedIn, admin, orgAdmin);
	}

}
