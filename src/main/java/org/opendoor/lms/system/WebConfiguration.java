package org.opendoor.lms.system;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Language: a signed-in learner's profile language; otherwise the language chosen with the switch on every
 * page (a cookie); otherwise Welsh when the browser asks for it.
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

	/** Session attribute caching the signed-in learner's language; cleared when the profile changes. */
	static final String LANGUAGE = "lms.language";

	static final Locale WELSH = Locale.forLanguageTag("cy");

	/** Cookie holding the language a visitor chose with the language switch. */
	static final String LANGUAGE_COOKIE = "lms-lang";

	/**
	 * The language of a visitor who is not signed in (or whose profile cannot be read): the one they chose
	 * with the language switch, otherwise Welsh when the browser's {@code Accept-Language} starts with cy.
	 */
	static Locale browserLocale(HttpServletRequest request) {
		if (request.getCookies() != null) {
			for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
				if (LANGUAGE_COOKIE.equals(cookie.getName())) {
					return "cy".equals(cookie.getValue()) ? WELSH : Locale.UK;
				}
			}
		}
		String header = request.getHeader("Accept-Language");
		return header != null && header.toLowerCase(Locale.ROOT).startsWith("cy") ? WELSH : Locale.UK;
	}

	/**
	 * Static files, only under their own paths (so the links on a page are never looked up as files): by an
	 * address with the file's content hash, kept by browsers and proxies for a year.
	 */
	@Override
	public void addResourceHandlers(org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry registry) {
		for (String folder : new String[] { "css", "js", "files" }) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.setCacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic())
				.resourceChain(true)
				.addResolver(new org.springframework.web.servlet.resource.VersionResourceResolver()
					.addContentVersionStrategy("/**"));
		}
	}

	@Bean
	LocaleResolver localeResolver(Accounts accounts) {
		return new LocaleResolver() {
			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				HttpSession session = request.getSession(false);
				Authentication auth = SecurityContextHolder.getContext().getAuthentication();
				if (auth != null && auth.getPrincipal() instanceof SignedInUser user) {
					String lang = session == null ? null : (String) session.getAttribute(LANGUAGE);
					if (lang == null) {
						lang = accounts.get(user.accountId()).language();
						if (session != null) {
							session.setAttribute(LANGUAGE, lang);
						}
					}
					return "cy".equals(lang) ? WELSH : Locale.UK;
				}
				return browserLocale(request);
			}

			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.removeAttribute(LANGUAGE);
				}
			}
		};
	}

}
