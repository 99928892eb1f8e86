package org.opendoor.lms.organisation;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.InputRules;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.organisation.internal.VolunteerCsv;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * An organisation's admin pages: members and groups, inviting (join code, email, CSV import) and course
 * assignments. Every route checks that the signed-in person runs this organisation (or the site).
 */
@Controller
class OrganisationController {

	private final Organisations organisations;

	private final OrganisationAccess access;

	private final Invitations invitations;

	private final Assignments assignments;

	private final CourseCatalogue catalogue;

	private final Accounts accounts;

	private final org.opendoor.lms.startup.PublicAddress address;

	OrganisationController(Organisations organisations, OrganisationAccess access, Invitations invitations,
			Assignments assignments, CourseCatalogue catalogue, Accounts accounts,
			org.opendoor.lms.startup.PublicAddress address) {
		this.address = address;
		this.organisations = organisations;
		this.access = access;
		this.invitations = invitations;
		this.assignments = assignments;
		this.catalogue = catalogue;
		this.accounts = accounts;
	}

	@GetMapping("/org")
	String list(Authentication auth, @AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("organisations",
				OrganisationAccess.isSiteAdmin(auth) ? organisations.all() : organisations.administeredBy(user.accountId()));
		return "organisation/list";
	}

	@GetMapping("/org/{orgId}")
	String home(Authentication auth, @PathVariable long orgId) {
		access.requireAdmin(auth, orgId);
		return "redirect:/org/" + orgId + "/dashboard";
	}

	@GetMapping("/org/{orgId}/members")
	String members(Authentication auth, @PathVariable long orgId, @RequestParam(required = false) Long group, Model model) {
		Organisation org = access.requireAdmin(auth, orgId);
		if (group != null) {
			organisations.requireGroup(orgId, group);
		}
		model.addAttribute("org", org);
		model.addAttribute("members", organisations.members(orgId, group));
		model.addAttribute("groups", organisations.groups(orgId));
		model.addAttribute("selectedGroup", group);
		return "organisation/members";
	}

	@PostMapping("/org/{orgId}/groups")
	String createGroup(Authentication auth, @PathVariable long orgId, @RequestParam(defaultValue = "") String name) {
		access.requireAdmin(auth, orgId);
		organisations.createGroup(orgId, name);
		return "redirect:/org/" + orgId + "/members?groupAdded";
	}

	@PostMapping("/org/{orgId}/members/{accountId}/group")
	String setGroup(Authentication auth, @PathVariable long orgId, @PathVariable long accountId,
			@RequestParam(required = false) Long groupId) {
		access.requireAdmin(auth, orgId);
		organisations.setGroup(orgId, accountId, groupId);
		return "redirect:/org/" + orgId + "/members?saved";
	}

	@PostMapping("/org/{orgId}/members/{accountId}/role")
	String setRole(Authentication auth, @PathVariable long orgId, @PathVariable long accountId, @RequestParam String role) {
		access.requireAdmin(auth, orgId);
		Role wanted = "ORG_ADMIN".equals(role) ? Role.ORG_ADMIN : "LEARNER".equals(role) ? Role.LEARNER : null;
		if (wanted == null) {
			throw new InvalidOrganisationInputException("org.role.invalid");
		}
		organisations.setRole(orgId, accountId, wanted);
		return "redirect:/org/" + orgId + "/members?saved";
	}

	@PostMapping("/org/{orgId}/members/{accountId}/remove")
	String remove(Authentication auth, @PathVariable long orgId, @PathVariable long accountId) {
		access.requireAdmin(auth, orgId);
		organisations.removeMember(orgId, accountId);
		return "redirect:/org/" + orgId + "/members?removed";
	}

	@GetMapping("/org/{orgId}/invite")
	String invitePage(Authentication auth, @PathVariable long orgId, Model model) {
		inviteModel(access.requireAdmin(auth, orgId), model);
		return "organisation/invite";
	}

	private void inviteModel(Organisation org, Model model) {
		model.addAttribute("org", org);
		String code = organisations.joinCode(org.id());
		model.addAttribute("joinCode", code);
		model.addAttribute("joinLink", address.url() + "/join/" + code);
		model.addAttribute("groups", organisations.groups(org.id()));
		model.addAttribute("invitations", invitations.open(org.id()));
		model.addAttribute("maxRows", VolunteerCsv.MAX_ROWS);
		if (!model.containsAttribute("inviteError")) {
			model.addAttribute("inviteError", null);
		}
		if (!model.containsAttribute("importResult")) {
			model.addAttribute("importResult", null);
		}
		if (!model.containsAttribute("inviteEmail")) {
			model.addAttribute("inviteEmail", "");
			model.addAttribute("inviteName", "");
		}
	}

	@PostMapping("/org/{orgId}/join-code")
	String rotateJoinCode(Authentication auth, @PathVariable long orgId) {
		access.requireAdmin(auth, orgId);
		organisations.rotateJoinCode(orgId);
		return "redirect:/org/" + orgId + "/invite?rotated";
	}

	@PostMapping("/org/{orgId}/invitations")
	String invite(Authentication auth, @AuthenticationPrincipal SignedInUser user, @PathVariable long orgId,
			@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) Long groupId, Model model, HttpServletResponse response) {
		Organisation org = access.requireAdmin(auth, orgId);
		try {
			invitations.invite(orgId, email, name, groupId, user.accountId());
		}
		catch (InvalidOrganisationInputException ex) {
			model.addAttribute("inviteError", ex.getMessage());
			model.addAttribute("inviteEmail", email);
			model.addAttribute("inviteName", name);
			inviteModel(org, model);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "organisation/invite";
		}
		return "redirect:/org/" + orgId + "/invite?invited";
	}

	@PostMapping("/org/{orgId}/import")
	String importCsv(Authentication auth, @AuthenticationPrincipal SignedInUser user, @PathVariable long orgId,
			@RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response) throws IOException {
		Organisation org = access.requireAdmin(auth, orgId);
		byte[] bytes = file == null || file.getSize() > Invitations.MAX_BYTES + 1 ? null : file.getBytes();
		Invitations.ImportResult result = file != null && file.getSize() > Invitations.MAX_BYTES
				? new Invitations.ImportResult(0, 0, List.of(new Invitations.ImportError(0, "org.import.tooBig", List.of("512"))))
				: invitations.importCsv(orgId, bytes, user.accountId());
		model.addAttribute("importResult", result);
		inviteModel(org, model);
		if (!result.ok()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		return "organisation/invite";
	}

	@GetMapping("/org/{orgId}/assignments")
	String assignmentsPage(Authentication auth, @PathVariable long orgId, Model model) {
		Organisation org = access.requireAdmin(auth, orgId);
		model.addAttribute("org", org);
		model.addAttribute("assignments", assignments.of(orgId));
		model.addAttribute("groups", organisations.groups(orgId));
		model.addAttribute("courses", catalogue.available());
		model.addAttribute("titles", titles());
		return "organisation/assignments";
	}

	private java.util.Map<String, String> titles() {
		java.util.Map<String, String> titles = new java.util.HashMap<>();
		catalogue.available().forEach(e -> titles.put(e.course().id(), e.course().title()));
		return titles;
	}

	@PostMapping("/org/{orgId}/assignments")
	String assign(Authentication auth, @AuthenticationPrincipal SignedInUser user, @PathVariable long orgId,
			@RequestParam(defaultValue = "") String courseId, @RequestParam(required = false) Long groupId,
			@RequestParam(defaultValue = "") String dueOn) {
		access.requireAdmin(auth, orgId);
		if (InputRules.yearOutOfRange(dueOn)) {
			throw new InvalidOrganisationInputException("input.date.range");
		}
		LocalDate due = InputRules.date(dueOn)
			.orElseThrow(() -> new InvalidOrganisationInputException("org.assign.due.required"));
		assignments.assign(orgId, courseId, groupId, due, user.accountId());
		return "redirect:/org/" + orgId + "/assignments?assigned";
	}

	@PostMapping("/org/{orgId}/assignments/{assignmentId}/remove")
	String unassign(Authentication auth, @PathVariable long orgId, @PathVariable long assignmentId) {
		access.requireAdmin(auth, orgId);
		assignments.remove(orgId, assignmentId);
		return "redirect:/org/" + orgId + "/assignments?removed";
	}

	@GetMapping("/admin/organisations")
	String adminList(Model model) {
		model.addAttribute("organisations", organisations.all());
		return "organisation/admin";
	}

	@PostMapping("/admin/organisations")
	String adminCreate(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String adminEmail) {
		var admin = accounts.findByEmail(adminEmail)
			.orElseThrow(() -> new InvalidOrganisationInputException("org.admin.email.unknown"));
		long id = organisations.create(name);
		organisations.addMember(id, admin.id(), Role.ORG_ADMIN);
		return "redirect:/admin/organisations?created";
	}

}
