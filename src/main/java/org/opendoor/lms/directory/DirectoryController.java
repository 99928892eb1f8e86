package org.opendoor.lms.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.FormErrors;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The local directory pages: members read their organisations' directories and print the card; the
 * organisation's admins (and site admins) add, change and remove entries.
 */
@Controller
class DirectoryController {

	private final LocalServices services;

	private final SignpostingCards cards;

	private final Accounts accounts;

	private final MessageSource messages;

	private final Clock clock;

	DirectoryController(LocalServices services, SignpostingCards cards, Accounts accounts, MessageSource messages,
			Optional<Clock> clock) {
		this.services = services;
		this.cards = cards;
		this.accounts = accounts;
		this.messages = messages;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@ModelAttribute("tiers")
	Tier[] tiers() {
		return Tier.values();
	}

	@ModelAttribute("nations")
	Nation[] nations() {
		return Nation.values();
	}

	@GetMapping("/directory")
	String mine(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("memberships", services.directoriesOf(user.accountId()));
		return "directory/mine";
	}

	@GetMapping("/organisations/{organisationId}/directory")
	String list(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId, Model model) {
		model.addAttribute("organisationId", organisationId);
		model.addAttribute("organisationName", services.organisationName(user.accountId(), organisationId));
		model.addAttribute("services", services.list(user.accountId(), organisationId));
		model.addAttribute("canEdit", services.access(user.accountId(), organisationId) == LocalServices.Access.EDIT);
		model.addAttribute("cardNation", cardNation(user, organisationId));
		model.addAttribute("today", LocalDate.now(clock));
		return "directory/list";
	}

	@GetMapping("/organisations/{organisationId}/directory/new")
	String newForm(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId, Model model) {
		services.require(user.accountId(), organisationId, LocalServices.Access.EDIT);
		return form(user, organisationId, null, LocalServiceForm.blank(), Map.of(), model);
	}

	@PostMapping("/organisations/{organisationId}/directory")
	String create(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId,
			@Valid @ModelAttribute("form") LocalServiceForm form, BindingResult errors, Model model) {
		services.require(user.accountId(), organisationId, LocalServices.Access.EDIT);
		checkDate(form, errors);
		if (errors.hasErrors()) {
			return form(user, organisationId, null, form, FormErrors.of(errors, messages), model);
		}
		services.create(user.accountId(), organisationId, form);
		return "redirect:/organisations/" + organisationId + "/directory?saved";
	}

	@GetMapping("/organisations/{organisationId}/directory/{serviceId}/edit")
	String editForm(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId,
			@PathVariable long serviceId, Model model) {
		services.require(user.accountId(), organisationId, LocalServices.Access.EDIT);
		LocalService service = services.get(user.accountId(), organisationId, serviceId);
		return form(user, organisationId, serviceId, LocalServiceForm.of(service), Map.of(), model);
	}

	@PostMapping("/organisations/{organisationId}/directory/{serviceId}")
	String update(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId,
			@PathVariable long serviceId, @Valid @ModelAttribute("form") LocalServiceForm form, BindingResult errors,
			Model model) {
		services.require(user.accountId(), organisationId, LocalServices.Access.EDIT);
		services.get(user.accountId(), organisationId, serviceId);
		checkDate(form, errors);
		if (errors.hasErrors()) {
			return form(user, organisationId, serviceId, form, FormErrors.of(errors, messages), model);
		}
		services.update(user.accountId(), organisationId, serviceId, form);
		return "redirect:/organisations/" + organisationId + "/directory?saved";
	}

	@PostMapping("/organisations/{organisationId}/directory/{serviceId}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId,
			@PathVariable long serviceId) {
		services.delete(user.accountId(), organisationId, serviceId);
		return "redirect:/organisations/" + organisationId + "/directory?deleted";
	}

	@PostMapping("/organisations/{organisationId}/directory/nation")
	String chooseNation(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId,
			@RequestParam(required = false) String nation) {
		services.require(user.accountId(), organisationId, LocalServices.Access.EDIT);
		Nation chosen;
		try {
			chosen = Nation.valueOf(nation == null ? "" : nation);
		}
		catch (IllegalArgumentException ex) {
			throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST,
					"register.nation.required");
		}
		services.chooseCardNation(user.accountId(), organisationId, chosen);
		return "redirect:/organisations/" + organisationId + "/directory?nationSaved";
	}

	@GetMapping("/organisations/{organisationId}/directory/card.pdf")
	ResponseEntity<byte[]> card(@AuthenticationPrincipal SignedInUser user, @PathVariable long organisationId,
			Locale locale) {
		byte[] pdf = cards.card(user.accountId(), organisationId, cardNation(user, organisationId), locale);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("signposting-card.pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

	/** A date that is not a real day, or is in the future, is a form error. */
	private void checkDate(LocalServiceForm form, BindingResult errors) {
		if (errors.hasFieldErrors("lastReviewed")) {
			return;
		}
		LocalDate date = form.reviewedOn();
		String problem = date == null ? "directory.lastReviewed.required"
				: date.isAfter(LocalDate.now(clock)) ? "directory.lastReviewed.future" : null;
		if (problem != null) {
			errors.addError(new FieldError("form", "lastReviewed", form.lastReviewed(), false, new String[] { problem }, null,
					null));
		}
	}

	/** The organisation's chosen nation for the card, or else the reader's own. */
	private Nation cardNation(SignedInUser user, long organisationId) {
		return services.cardNation(user.accountId(), organisationId)
			.orElseGet(() -> accounts.get(user.accountId()).nation());
	}

	private String form(SignedInUser user, long organisationId, Long serviceId, LocalServiceForm form,
			Map<String, String> errors, Model model) {
		model.addAttribute("organisationId", organisationId);
		model.addAttribute("organisationName", services.organisationName(user.accountId(), organisationId));
		model.addAttribute("serviceId", serviceId);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "directory/form";
	}

}
