package org.opendoor.lms.organisation;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * How a volunteer joins: with the organisation's join code (typed, or as a link) or an email invitation's
 * link. Both need the volunteer to be signed in (new volunteers register first; sign-in brings them back
 * here), and both ask them to confirm, since the organisation's admins will see their training records.
 */
@Controller
class JoinController {

	private final Organisations organisations;

	private final Invitations invitations;

	private final Accounts accounts;

	JoinController(Organisations organisations, Invitations invitations, Accounts accounts) {
		this.organisations = organisations;
		this.invitations = invitations;
		this.accounts = accounts;
	}

	@GetMapping("/join")
	String joinForm(@RequestParam(required = false) String code, Model model) {
		if (code != null && !code.isBlank()) {
			String clean = Organisations.normaliseCode(code);
			if (!clean.isEmpty()) {
				return "redirect:/join/" + clean;
			}
			model.addAttribute("error", "org.join.unknown");
		}
		return "organisation/join-form";
	}

	@GetMapping("/join/{code}")
	String join(@PathVariable String code, Model model) {
		Organisation org = organisations.byJoinCode(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "org.join.unknown"));
		model.addAttribute("org", org);
		model.addAttribute("action", "/join/" + Organisations.normaliseCode(code));
		return "organisation/join";
	}

	@PostMapping("/join/{code}")
	String joinConfirm(@AuthenticationPrincipal SignedInUser user, @PathVariable String code, Model model) {
		Organisation org = organisations.byJoinCode(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "org.join.unknown"));
		organisations.addMember(org.id(), user.accountId(), Role.LEARNER, null);
		model.addAttribute("org", org);
		return "organisation/joined";
	}

	@GetMapping("/invitations/{token}")
	String invitation(@AuthenticationPrincipal SignedInUser user, @PathVariable String token, Model model) {
		Invitations.Link link = invitations.byToken(token).filter(Invitations.Link::usable)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "org.invitation.unusable"));
		model.addAttribute("org", link.organisation());
		model.addAttribute("action", "/invitations/" + token);
		model.addAttribute("otherEmail", !link.email().equalsIgnoreCase(accounts.get(user.accountId()).email()));
		return "organisation/join";
	}

	@PostMapping("/invitations/{token}")
	String acceptInvitation(@AuthenticationPrincipal SignedInUser user, @PathVariable String token, Model model) {
		try {
			model.addAttribute("org", invitations.accept(token, accounts.get(user.accountId())));
		}
		catch (Invitations.InvitationRefusedException ex) {
			throw ex.refusal() == Invitations.Refusal.OTHER_EMAIL
					? new ResponseStatusException(HttpStatus.FORBIDDEN, "org.invitation.otherEmail")
					: new ResponseStatusException(HttpStatus.NOT_FOUND, "org.invitation.unusable");
		}
		return "organisation/joined";
	}

}
