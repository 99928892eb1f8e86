package org.opendoor.lms.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.ContactCheck;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Site admins' page for the national support contacts: where each stands (checked, overdue, unchecked), a
 * form to record a check made with a service (day, who, how, what it found, a note) without editing or
 * redeploying the contacts file, and the audit trail of every check recorded. Only site admins reach it
 * ({@code /admin/**}).
 */
@Controller
class ContactChecksController {

	static final int NOTE_MAX = 2000;

	static final int WHO_MAX = 200;

	private final SupportContacts contacts;

	private final Accounts accounts;

	private final MessageSource messages;

	private final Clock clock;

	ContactChecksController(SupportContacts contacts, Accounts accounts, MessageSource messages, Optional<Clock> clock) {
		this.contacts = contacts;
		this.accounts = accounts;
		this.messages = messages;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * The check form as sent.
	 *
	 * @param contactId the contact's id
	 * @param checkedOn the day of the check, yyyy-mm-dd
	 * @param checkedBy who checked
	 * @param method PHONE, WEBSITE or EMAIL
	 * @param result {@code confirmed} or {@code changes}
	 * @param note what was checked or found
	 */
	record CheckForm(String contactId, String checkedOn, String checkedBy, String method, String result, String note) {
	}

	@GetMapping("/admin/contacts")
	String page(@AuthenticationPrincipal SignedInUser user, Model model) {
		CheckForm blank = new CheckForm("", LocalDate.now(clock).toString(), accounts.get(user.accountId()).displayName(),
				"", "", "");
		return page(blank, Map.of(), model);
	}

	@PostMapping("/admin/contacts/checks")
	String record(@AuthenticationPrincipal SignedInUser user, @ModelAttribute CheckForm form, Model model,
			Locale locale, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		Optional<SupportContact> contact = form.contactId() == null ? Optional.empty() : contacts.find(form.contactId());
		if (contact.isEmpty()) {
			errors.put("contactId", text("admin.contacts.error.contact", locale));
		}
		LocalDate on = null;
		try {
			on = LocalDate.parse(form.checkedOn() == null ? "" : form.checkedOn().strip());
			if (on.isAfter(LocalDate.now(clock))) {
				errors.put("checkedOn", text("admin.contacts.error.future", locale));
			}
		}
		catch (DateTimeParseException ex) {
			errors.put("checkedOn", text("admin.contacts.error.date", locale));
		}
		String who = form.checkedBy() == null ? "" : form.checkedBy().strip();
		if (who.isEmpty() || who.length() > WHO_MAX) {
			errors.put("checkedBy", text("admin.contacts.error.who", locale));
		}
		ContactCheck.Method method = null;
		try {
			method = ContactCheck.Method.valueOf(form.method() == null ? "" : form.method());
		}
		catch (IllegalArgumentException ex) {
			errors.put("method", text("admin.contacts.error.method", locale));
		}
		if (!"confirmed".equals(form.result()) && !"changes".equals(form.result())) {
			errors.put("result", text("admin.contacts.error.result", locale));
		}
		String note = form.note() == null ? "" : form.note().strip();
		if (note.length() > NOTE_MAX) {
			errors.put("note", text("admin.contacts.error.note", locale));
		}
		else if ("changes".equals(form.result()) && note.isEmpty()) {
			errors.put("note", text("admin.contacts.error.noteNeeded", locale));
		}
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(form, errors, model);
		}
		contacts.recordCheck(new ContactCheck(0, contact.get().id(), on, who, method, "confirmed".equals(form.result()),
				note.isEmpty() ? null : note, user.accountId(), clock.instant()));
		return "redirect:/admin/contacts?recorded=" + contact.get().id();
	}

	private String page(CheckForm form, Map<String, String> errors, Model model) {
		model.addAttribute("contacts", contacts.all());
		model.addAttribute("checks", contacts.checks());
		model.addAttribute("names", contacts.all().stream()
			.collect(java.util.stream.Collectors.toMap(SupportContact::id, SupportContact::name)));
		model.addAttribute("methods", ContactCheck.Method.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("findings", contacts.findings());
		return "directory/contacts-admin";
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

}
