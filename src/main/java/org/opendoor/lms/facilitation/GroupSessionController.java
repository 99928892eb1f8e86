package org.opendoor.lms.facilitation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.OrganisationAccess;
import org.opendoor.lms.organisation.OrganisationNotFoundException;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An organisation's group sessions: the attendance form, the list, each session's printable sheet and a
 * blank sign-in sheet. For the organisation's admins and site admins; anyone else gets "not found".
 */
@Controller
class GroupSessionController {

	private final OrganisationAccess access;

	private final Organisations organisations;

	private final GroupSessions sessions;

	private final CourseCatalogue catalogue;

	private final MessageSource messages;

	private final Clock clock;

	GroupSessionController(OrganisationAccess access, Organisations organisations, GroupSessions sessions,
			CourseCatalogue catalogue, MessageSource messages, Optional<Clock> clock) {
		this.access = access;
		this.organisations = organisations;
		this.sessions = sessions;
		this.catalogue = catalogue;
		this.messages = messages;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@GetMapping("/org/{orgId}/sessions")
	String list(Authentication auth, @PathVariable long orgId, Model model) {
		model.addAttribute("org", access.requireAdmin(auth, orgId));
		model.addAttribute("sessions", sessions.of(orgId));
		return "facilitation/sessions";
	}

	@GetMapping("/org/{orgId}/sessions/new")
	String form(Authentication auth, @PathVariable long orgId, @RequestParam(required = false) String course,
			Model model) {
		Organisation org = access.requireAdmin(auth, orgId);
		long me = ((SignedInUser) auth.getPrincipal()).accountId();
		String facilitator = organisations.isAdmin(orgId, me) ? Long.toString(me) : "";
		return form(org, new GroupSessions.Form(course, LocalDate.now(clock).toString(), facilitator, "", List.of()),
				Map.of(), model);
	}

	@PostMapping("/org/{orgId}/sessions")
	String record(Authentication auth, @PathVariable long orgId, @RequestParam(required = false) String course,
			@RequestParam(required = false) String date, @RequestParam(required = false) String facilitator,
			@RequestParam(required = false) String group, @RequestParam(required = false) List<String> attendees,
			Model model, HttpServletResponse response) {
		Organisation org = access.requireAdmin(auth, orgId);
		GroupSessions.Form form = new GroupSessions.Form(course, date, facilitator, group, attendees);
		try {
			UUID id = sessions.record(orgId, ((SignedInUser) auth.getPrincipal()).accountId(), form);
			return "redirect:/org/" + orgId + "/sessions/" + id + "?saved";
		}
		catch (GroupSessions.InvalidSessionException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			Map<String, String> errors = new LinkedHashMap<>();
			ex.errors().forEach((field, key) -> errors.put(field, messages.getMessage(key, null, LocaleContextHolder.getLocale())));
			return form(org, form, errors, model);
		}
	}

	@GetMapping("/org/{orgId}/sessions/sign-in-sheet")
	String blankSheet(Authentication auth, @PathVariable long orgId, @RequestParam(required = false) String course,
			Model model) {
		model.addAttribute("org", access.requireAdmin(auth, orgId));
		model.addAttribute("course", course == null ? null : catalogue.latest(course).map(CatalogueEntry::course).orElse(null));
		model.addAttribute("rows", 20);
		return "facilitation/sign-in-sheet";
	}

	@GetMapping("/org/{orgId}/sessions/{sessionId}")
	String sheet(Authentication auth, @PathVariable long orgId, @PathVariable String sessionId,
			@RequestParam(required = false) String saved, Model model) {
		Organisation org = access.requireAdmin(auth, orgId);
		UUID id;
		try {
			id = UUID.fromString(sessionId);
		}
		catch (IllegalArgumentException ex) {
			throw new OrganisationNotFoundException();
		}
		model.addAttribute("org", org);
		model.addAttribute("groupSession", sessions.get(orgId, id));
		model.addAttribute("saved", saved != null);
		return "facilitation/session";
	}

	private String form(Organisation org, GroupSessions.Form form, Map<String, String> errors, Model model) {
		model.addAttribute("org", org);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("courses", catalogue.available().stream().map(CatalogueEntry::course).toList());
		model.addAttribute("facilitators", sessions.facilitators(org.id()));
		model.addAttribute("groups", organisations.groups(org.id()));
		model.addAttribute("members", organisations.members(org.id(), null));
		model.addAttribute("today", LocalDate.now(clock));
		return "facilitation/session-form";
	}

}
