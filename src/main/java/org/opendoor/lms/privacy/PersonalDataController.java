package org.opendoor.lms.privacy;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.ReadableTimes;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A learner's own data (download, delete their account) and the site admins' personal-data pages (look-up
 * and audit log). Every download and look-up is recorded in the audit log.
 */
@Controller
class PersonalDataController {

	private final PersonalData data;

	private final PersonalDataAudit audit;

	private final Accounts accounts;

	private final ReadableData readable;

	private final ReadableTimes times;

	PersonalDataController(PersonalData data, PersonalDataAudit audit, Accounts accounts, ReadableData readable,
			ReadableTimes times) {
		this.data = data;
		this.audit = audit;
		this.accounts = accounts;
		this.readable = readable;
		this.times = times;
	}

	@GetMapping("/account/data")
	String mine(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("hasPassword", accounts.hasPassword(user.accountId()));
		model.addAttribute("error", null);
		return "privacy/mine";
	}

	@GetMapping("/account/data/export")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal SignedInUser user) {
		byte[] zip = data.export(user.accountId(), user.accountId());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("open-door-personal-data.zip").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(zip);
	}

	@PostMapping("/account/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String password,
			@RequestParam(required = false) String email, Model model, HttpServletRequest request,
			HttpServletResponse response, Authentication authentication) {
		boolean hasPassword = accounts.hasPassword(user.accountId());
		boolean confirmed = hasPassword ? accounts.passwordMatches(user.accountId(), password)
				: email != null && email.strip().equalsIgnoreCase(accounts.get(user.accountId()).email());
		if (!confirmed) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("hasPassword", hasPassword);
			model.addAttribute("error", hasPassword ? "data.delete.wrong" : "data.delete.emailWrong");
			return "privacy/mine";
		}
		data.erase(user.accountId());
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		return "redirect:/login?erased";
	}

	/**
	 * One line of the audit log as the admin page shows it.
	 *
	 * @param entry the entry
	 * @param when when it happened, as people read it (UK time)
	 * @param actor who did it
	 * @param subject whose data it was
	 */
	record AuditRow(PersonalDataAudit.Entry entry, String when, String actor, String subject) {
	}

	@GetMapping("/admin/personal-data")
	String admin(Model model, Locale locale) {
		List<AuditRow> rows = audit.latest(500).stream()
			.map(e -> new AuditRow(e, times.dateTime(e.at(), locale), label(e.actorId()), label(e.subjectId())))
			.toList();
		model.addAttribute("rows", rows);
		return "privacy/admin";
	}

	private String label(long accountId) {
		return accounts.exists(accountId) ? accounts.get(accountId).displayName() + " (" + accountId + ")"
				: String.valueOf(accountId);
	}

	@GetMapping("/admin/personal-data/lookup")
	String lookup(@RequestParam(required = false) String email) {
		return accounts.findByEmail(email == null ? "" : email)
			.map(a -> "redirect:/admin/personal-data/people/" + a.id())
			.orElse("redirect:/admin/personal-data?notFound");
	}

	@GetMapping("/admin/personal-data/people/{accountId}")
	String person(@AuthenticationPrincipal SignedInUser user, @PathVariable long accountId, Model model, Locale locale) {
		if (!accounts.exists(accountId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "error.accountNotFound");
		}
		model.addAttribute("accountId", accountId);
		model.addAttribute("sections", readable.of(data.view(user.accountId(), accountId), locale));
		return "privacy/person";
	}

}
