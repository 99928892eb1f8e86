package org.opendoor.lms.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Registration and the learner's profile (name, nation, language). */
@Controller
class AccountController {

	private final Accounts accounts;

	private final LocaleResolver localeResolver;

	private final MessageSource messages;

	AccountController(Accounts accounts, LocaleResolver localeResolver, MessageSource messages) {
		this.accounts = accounts;
		this.localeResolver = localeResolver;
		this.messages = messages;
	}

	@ModelAttribute("nations")
	Nation[] nations() {
		return Nation.values();
	}

	@GetMapping("/register")
	String registerForm(Model model, java.util.Locale locale) {
		// The language chosen before registering (language switch, cookie or browser) is preselected.
		model.addAttribute("form", new Registration("", "", "", null, "cy".equals(locale.getLanguage()) ? "cy" : "en"));
		model.addAttribute("errors", java.util.Map.of());
		return "account/register";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("form") Registration form, BindingResult errors, Model model,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
		if (!errors.hasFieldErrors("password")) {
			PasswordRules.check(form.password(), form.email(), form.displayName())
				.ifPresent(problem -> errors.addError(new FieldError("form", "password", null, false,
						new String[] { problem.messageKey() }, new Object[] { PasswordRules.MIN_LENGTH, PasswordRules.MAX_LENGTH },
						null)));
		}
		if (!errors.hasErrors()) {
			try {
				accounts.register(form);
			}
			catch (EmailAlreadyRegisteredException ex) {
				// the same answer as for a new address, so registering tells no one who has an account; the account
				// is left as it was (its owner signs in with their own password)
			}
		}
		if (errors.hasErrors()) {
			model.addAttribute("errors", FormErrors.of(errors, messages));
			// a value that could not be converted (an unknown nation sent by hand) leaves the bound form empty:
			// show what was typed again
			model.addAttribute("form", form != null ? form : new Registration(param(request, "displayName"),
					param(request, "email"), "", null, "cy".equals(request.getParameter("language")) ? "cy" : "en"));
			return "account/register";
		}
		return signIn(accounts.loadUserByUsername(form.email()), request, response, redirect);
	}

	/**
	 * Signs a volunteer in straight after registering, as the sign-in form would: a new session id (session
	 * fixation protection) and a new CSRF token, then back to the page they were sent to register from (a join
	 * link) or to the courses.
	 */
	private static String signIn(SignedInUser user, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		var authentication = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
			.authenticated(user, null, user.getAuthorities());
		var tokens = new org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository();
		new org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy(java.util.List.of(
				new org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy(),
				new org.springframework.security.web.csrf.CsrfAuthenticationStrategy(tokens)))
			.onAuthentication(authentication, request, response);
		var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.getContextHolderStrategy().setContext(context);
		new org.springframework.security.web.context.HttpSessionSecurityContextRepository().saveContext(context, request, response);
		var cache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
		var saved = cache.getRequest(request, response);
		cache.removeRequest(request, response);
		redirect.addFlashAttribute("welcome", true);
		if (saved == null) {
			return "redirect:/courses";
		}
		java.net.URI back = java.net.URI.create(saved.getRedirectUrl()); // only its path: never another site
		return "redirect:" + back.getRawPath() + (back.getRawQuery() != null ? "?" + back.getRawQuery() : "");
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal SignedInUser user, Model model) {
		Account account = accounts.get(user.accountId());
		model.addAttribute("account", account);
		model.addAttribute("form", new ProfileUpdate(account.displayName(), account.nation(), account.language()));
		model.addAttribute("errors", java.util.Map.of());
		return "account/profile";
	}

	@PostMapping("/profile")
	String updateProfile(@AuthenticationPrincipal SignedInUser user, @Valid @ModelAttribute("form") ProfileUpdate form,
			BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (errors.hasErrors()) {
			model.addAttribute("errors", FormErrors.of(errors, messages));
			Account account = accounts.get(user.accountId());
			model.addAttribute("account", account);
			model.addAttribute("form", form != null ? form
					: new ProfileUpdate(account.displayName(), account.nation(), account.language()));
			return "account/profile";
		}
		accounts.updateProfile(user.accountId(), form);
		localeResolver.setLocale(request, response, null);
		return "redirect:/profile?saved";
	}

	private static String param(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		return value == null ? "" : value;
	}

}
