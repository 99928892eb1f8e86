package org.opendoor.lms.account;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgotten your password?": asking for a reset link by email, and choosing a new password with it. Asking
 * always gets the same page, whether or not the address has an account, and no more emails than the limits
 * allow: {@code lms.account.password-resets-per-address-an-hour} (default 3) for one address and
 * {@code lms.account.password-resets-per-client-an-hour} (default 10) from one network address. Past a limit
 * the page is the same and no email is sent.
 */
@Controller
class PasswordController {

	/** What an email address looks like, loosely (as {@code type="email"} in a browser checks). */
	static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private final PasswordResets resets;

	private final PasswordMailer mailer;

	private final Accounts accounts;

	private final SignedInSessions sessions;

	private final RateLimits limits;

	private final MessageSource messages;

	private final Limit perAddress;

	private final Limit perClient;

	PasswordController(PasswordResets resets, PasswordMailer mailer, Accounts accounts, SignedInSessions sessions,
			RateLimits limits, MessageSource messages,
			@Value("${lms.account.password-resets-per-address-an-hour:3}") int perAddress,
			@Value("${lms.account.password-resets-per-client-an-hour:10}") int perClient) {
		this.resets = resets;
		this.mailer = mailer;
		this.accounts = accounts;
		this.sessions = sessions;
		this.limits = limits;
		this.messages = messages;
		this.perAddress = Limit.of("password-reset:address", perAddress, Duration.ofHours(1));
		this.perClient = Limit.of("password-reset:client", perClient, Duration.ofHours(1));
	}

	@GetMapping("/password/forgotten")
	String forgottenForm(Model model) {
		model.addAttribute("email", "");
		model.addAttribute("errors", Map.of());
		return "account/password-forgotten";
	}

	@PostMapping("/password/forgotten")
	String forgotten(@RequestParam(defaultValue = "") String email, Model model, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		String address = email.strip().toLowerCase(Locale.ROOT);
		if (address.isEmpty() || address.length() > 254 || !EMAIL.matcher(address).matches()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("email", email.length() > 254 ? "" : email);
			model.addAttribute("errors", Map.of("email", messages.getMessage(
					address.isEmpty() ? "register.email.required" : "register.email.invalid", null, locale)));
			return "account/password-forgotten";
		}
		// both limits are counted whatever the answer, before anything is looked up, so neither says who has an
		// account; past either, the visitor sees the same page and no email goes
		boolean client = limits.take(perClient, request.getRemoteAddr()).allowed();
		boolean forAddress = limits.take(perAddress, address).allowed();
		if (client && forAddress) {
			mailer.sendResetLink(address);
		}
		model.addAttribute("minutes", resets.validFor().toMinutes());
		return "account/password-sent";
	}

	@GetMapping("/password/reset/{token}")
	String resetForm(@PathVariable String token, Model model, HttpServletResponse response) {
		PasswordResets.Found found = resets.find(token);
		if (found.state() != PasswordResets.State.VALID) {
			return linkDoesNotWork(found, model, response);
		}
		model.addAttribute("token", token);
		model.addAttribute("errors", Map.of());
		return "account/password-reset";
	}

	@PostMapping("/password/reset")
	String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			Model model, HttpServletResponse response, Locale locale) {
		PasswordResets.Found found = resets.find(token);
		if (found.state() != PasswordResets.State.VALID) {
			return linkDoesNotWork(found, model, response);
		}
		Account account = accounts.get(found.accountId());
		Map<String, String> errors = new LinkedHashMap<>();
		PasswordRules.check(password, account.email(), account.displayName())
			.ifPresent(problem -> errors.put("password", messages.getMessage(problem.messageKey(),
					new Object[] { PasswordRules.MIN_LENGTH, PasswordRules.MAX_LENGTH }, locale)));
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("token", token);
			model.addAttribute("errors", errors);
			return "account/password-reset";
		}
		PasswordResets.Found used = resets.use(token, password);
		if (used.state() != PasswordResets.State.VALID) {
			// used at the same moment in another window
			return linkDoesNotWork(used, model, response);
		}
		sessions.endAllBut(account.email(), null);
		mailer.sendChanged(account.id(), Instant.now());
		return "redirect:/login?passwordReset";
	}

	private String linkDoesNotWork(PasswordResets.Found found, Model model, HttpServletResponse response) {
		response.setStatus(found.state() == PasswordResets.State.UNKNOWN ? HttpServletResponse.SC_NOT_FOUND
				: HttpServletResponse.SC_GONE);
		model.addAttribute("reason", "password.link." + found.state().name().toLowerCase(Locale.ROOT));
		model.addAttribute("minutes", resets.validFor().toMinutes());
		return "account/password-link";
	}

}
