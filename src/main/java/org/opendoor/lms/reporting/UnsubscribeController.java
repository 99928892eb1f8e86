package org.opendoor.lms.reporting;

import java.util.OptionalLong;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.UnsubscribeLinks;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public unsubscribe page of reminder emails. Opening the link asks for confirmation (mail scanners
 * open links too); the confirming POST, or a mail client's one-click POST (RFC 8058), stops reminders.
 * The signed token is the authority, so no sign-in or CSRF token is needed.
 */
@Controller
class UnsubscribeController {

	private final UnsubscribeLinks links;

	private final Accounts accounts;

	UnsubscribeController(UnsubscribeLinks links, Accounts accounts) {
		this.links = links;
		this.accounts = accounts;
	}

	@GetMapping("/unsubscribe/{token}")
	String confirm(@PathVariable String token, Model model) {
		long id = person(token);
		model.addAttribute("token", token);
		model.addAttribute("done", !accounts.acceptsReminders(id));
		return "reporting/unsubscribe";
	}

	@PostMapping("/unsubscribe/{token}")
	String unsubscribe(@PathVariable String token, Model model) {
		accounts.stopReminders(person(token));
		model.addAttribute("token", token);
		model.addAttribute("done", true);
		return "reporting/unsubscribe";
	}

	private long person(String token) {
		OptionalLong id = links.verify(token);
		if (id.isEmpty() || accounts.getAll(java.util.List.of(id.getAsLong())).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unsubscribe.unknown");
		}
		return id.getAsLong();
	}

}
