package org.opendoor.lms.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The language switch on every page: a plain form (POST, so it carries the CSRF token and a link cannot
 * change a learner's profile). A signed-in learner's profile language changes, so every device follows;
 * everyone also gets a cookie, so the sign-in and registration pages (and the page after signing out) stay
 * in the chosen language. It returns to the page it was used on.
 */
@Controller
class LanguageController {

	private final Accounts accounts;

	LanguageController(Accounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/language")
	String choose(@RequestParam String lang, @RequestParam(name = "return", required = false) String back,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		if (!"en".equals(lang) && !"cy".equals(lang)) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "language.error.unknown");
		}
		if (back != null && back.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F || "{}<>|^`\"".indexOf(c) >= 0)) {
			// not an address a page of this site has (a space, a brace, a letter outside ASCII…): it cannot be
			// redirected to as it is
			throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "language.error.return");
		}
		if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
			accounts.setLanguage(user.accountId(), lang);
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(WebConfiguration.LANGUAGE);
			}
		}
		ResponseCookie cookie = ResponseCookie.from(WebConfiguration.LANGUAGE_COOKIE, lang)
			.path("/")
			.maxAge(java.time.Duration.ofDays(365))
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		return "redirect:" + safeReturn(back);
	}

	/** Only a path on this site (never another host, "//host" or "/\host"). */
	static String safeReturn(String back) {
		if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
				|| back.chars().anyMatch(c -> c < 0x20) || back.length() > 2000
				|| back.toLowerCase(java.util.Locale.ROOT).matches(".*%(2f|5c|0[0-9a-f]|1[0-9a-f]).*")) {
			// an encoded slash, backslash or control character has no place in a page of this site's address
			return "/";
		}
		return back;
	}

}
