package org.opendoor.lms.lti;

import java.util.Map;

import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.OrganisationAccess;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.startup.PublicAddress;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages people at Open Door use for LTI: a site admin registers platforms (by hand or with a dynamic
 * registration link) and rotates the tool's keys; an organisation admin imports an LMS course's roster.
 */
@Controller
class LtiAdminController {

	private final LtiPlatforms platforms;

	private final DynamicRegistration registration;

	private final ToolKeys keys;

	private final Organisations organisations;

	private final OrganisationAccess access;

	private final Rosters rosters;

	private final ScoreSender sender;

	private final PublicAddress address;

	LtiAdminController(LtiPlatforms platforms, DynamicRegistration registration, ToolKeys keys,
			Organisations organisations, OrganisationAccess access, Rosters rosters, ScoreSender sender,
			PublicAddress address) {
		this.platforms = platforms;
		this.registration = registration;
		this.keys = keys;
		this.organisations = organisations;
		this.access = access;
		this.rosters = rosters;
		this.sender = sender;
		this.address = address;
	}

	@GetMapping("/admin/lti")
	String admin(Model model) {
		String tool = address.url();
		model.addAttribute("platforms", platforms.all());
		model.addAttribute("organisations", organisations.all());
		model.addAttribute("names", organisations.all().stream()
			.collect(java.util.stream.Collectors.toMap(Organisation::id, Organisation::name)));
		model.addAttribute("tool", Map.of("login", tool + "/lti/login", "launch", tool + "/lti/launch", "jwks",
				tool + "/lti/jwks.json", "domain", java.net.URI.create(tool).getAuthority()));
		model.addAttribute("scores", sender.counts());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new LtiPlatforms.Registration("", "", "", "", "", "", "", null));
		}
		return "lti/admin";
	}

	@PostMapping("/admin/lti/platforms")
	String register(LtiPlatforms.Registration form, RedirectAttributes redirect) {
		try {
			platforms.register(form);
			redirect.addFlashAttribute("done", "lti.admin.registered");
		}
		catch (LtiInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("form", form);
		}
		return "redirect:/admin/lti";
	}

	@PostMapping("/admin/lti/platforms/{id}/remove")
	String remove(@PathVariable long id, RedirectAttributes redirect) {
		platforms.remove(id);
		redirect.addFlashAttribute("done", "lti.admin.removed");
		return "redirect:/admin/lti";
	}

	@PostMapping("/admin/lti/invitations")
	String invite(@RequestParam(name = "organisationId", required = false) Long organisationId,
			RedirectAttributes redirect) {
		if (organisationId == null || organisations.find(organisationId).isEmpty()) {
			redirect.addFlashAttribute("error", "lti.admin.invalid.organisation");
		}
		else {
			redirect.addFlashAttribute("invitation", registration.invite(organisationId));
		}
		return "redirect:/admin/lti";
	}

	@PostMapping("/admin/lti/keys")
	String rotate(RedirectAttributes redirect) {
		keys.rotate();
		redirect.addFlashAttribute("done", "lti.admin.rotated");
		return "redirect:/admin/lti";
	}

	@GetMapping("/org/{orgId}/lti")
	String roster(@PathVariable("orgId") long organisationId, Authentication authentication, Model model) {
		model.addAttribute("organisation", access.requireAdmin(authentication, organisationId));
		model.addAttribute("courses", rosters.courses(organisationId));
		return "lti/roster";
	}

	@PostMapping("/org/{orgId}/lti/import")
	String importRoster(@PathVariable("orgId") long organisationId,
			@RequestParam(name = "course", required = false) Long courseId, Authentication authentication,
			RedirectAttributes redirect) {
		access.requireAdmin(authentication, organisationId);
		try {
			if (courseId == null) {
				throw new LtiInputException("lti.roster.notFound");
			}
			Rosters.Imported imported = rosters.importRoster(organisationId, courseId);
			redirect.addFlashAttribute("imported", imported);
		}
		catch (LtiInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/org/" + organisationId + "/lti";
	}

}
