package org.opendoor.lms.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registration and the learner's profile (name, nation, language, password). A changed password signs out every
 * other session of the account and is confirmed by email.
 */
@Controller
class AccountController {

	private final Accounts accounts;

	private final LocaleResolver localeResolver;

	private final MessageSource messages;

	private final SignedInSessions sessions;

	private final PasswordMailer mailer;

	private final org.opendoor.lms.limits.RateLimits limits;

	/** Wrong current passwords, counted with those given to delete an account (the same name and key). */
	static final org.opendoor.lms.limits.Limit CONFIRM_PASSWORD = org.opendoor.lms.limits.Limit.of("confirm-password", 5,
			java.time.Duration.ofMinutes(15));

	AccountController(Accounts accounts, LocaleResolver localeResolver, MessageSource messages, SignedInSessions sessions,
			PasswordMailer mailer, org.opendoor.lms.limits.RateLimits limits) {
		this.accounts = accounts;
		this.localeResolver = localeResolver;
		this.messages = messages;
		this.sessions = sessions;
		this.mailer = mailer;
		this.limits = limits;
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
			// the form comes back with what was typed and the problems, as a 400: bad input is never a success
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", FormErrors.of(errors, messages));
			// a value that could not be converted (an unknown nation sent by hand) leaves the bound form empty:
			// show what was typed again
			model.addAttribute("form", form != null ? form : new Registration(param(request, "displayName"),
					param(request, "email"), "", null, "cy".equals(request.getParameter("language")) ? "cy" : "en"));
			return "account/register";
		}
		// never signed in here: an address that already has an account must get exactly the same answer as a new
		// one (registering tells no one who has an account), and it must never sign anyone in to that account. The
		// sign-in form then takes the volunteer back to the page they came from (a join link), as it always does.
		redirect.addAttribute("registered", "");
		return "redirect:/login";
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal SignedInUser user, Model model) {
		return profilePage(user, model, java.util.Map.of());
	}

	private String profilePage(SignedInUser user, Model model, java.util.Map<String, String> passwordErrors) {
		Account account = accounts.get(user.accountId());
		model.addAttribute("account", account);
		model.addAttribute("form", new ProfileUpdate(account.displayName(), account.nation(), account.language()));
		model.addAttribute("errors", java.util.Map.of());
		model.addAttribute("hasPassword", accounts.hasPassword(account.id()));
		model.addAttribute("passwordErrors", passwordErrors);
		return "account/profile";
	}

	/**
	 * A new password, with the current one as proof (a session left open on a shared computer is not enough).
	 * Wrong current passwords are limited with the account-deletion check ({@code confirm-password}).
	 */
	@PostMapping("/profile/password")
	String changePassword(@AuthenticationPrincipal SignedInUser user,
			@org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String currentPassword,
			@org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String newPassword, Model model,
			HttpServletRequest request, HttpServletResponse response, java.util.Locale locale) {
		Account account = accounts.get(user.accountId());
		org.opendoor.lms.limits.RateLimits.Decision allowed = limits.check(CONFIRM_PASSWORD, user.getUsername());
		if (!allowed.allowed()) {
			response.setHeader("Retry-After", Long.toString(allowed.retryAfterSeconds()));
			throw new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "error.tooManyRequests");
		}
		if (!accounts.hasPassword(account.id())) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return profilePage(user, model, java.util.Map.of());
		}
		java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
		if (!accounts.passwordMatches(account.id(), currentPassword)) {
			limits.take(CONFIRM_PASSWORD, user.getUsername());
			errors.put("currentPassword", messages.getMessage(currentPassword.isEmpty() ? "profile.password.currentRequired"
					: "profile.password.currentWrong", null, locale));
		}
		PasswordRules.check(newPassword, account.email(), account.displayName())
			.ifPresent(problem -> errors.put("newPassword", messages.getMessage(problem.messageKey(),
					new Object[] { PasswordRules.MIN_LENGTH, PasswordRules.MAX_LENGTH }, locale)));
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return profilePage(user, model, errors);
		}
		accounts.setPassword(account.id(), newPassword);
		// every other browser signed in as this account is signed out; this one stays, under a new session id
		sessions.endAllBut(account.email(), request.getSession().getId());
		request.changeSessionId();
		mailer.sendChanged(account.id(), java.time.Instant.now());
		return "redirect:/profile?passwordChanged";
	}

	@PostMapping("/profile")
	String updateProfile(@AuthenticationPrincipal SignedInUser user, @Valid @ModelAttribute("form") ProfileUpdate form,
			BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (errors.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", FormErrors.of(errors, messages));
			Account account = accounts.get(user.accountId());
			model.addAttribute("account", account);
			model.addAttribute("form", form != null ? form
					: new ProfileUpdate(account.displayName(), account.nation(), account.language()));
			model.addAttribute("hasPassword", accounts.hasPassword(account.id()));
			model.addAttribute("passwordErrors", java.util.Map.of());
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
