package org.opendoor.lms.reporting;

import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.privacy.PersonalDataAudit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.OrganisationAccess;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** An organisation's dashboard and its CSV export, for its admins and site admins only. */
@Controller
class ReportingController {

	private final OrganisationAccess access;

	private final Organisations organisations;

	private final TrainingRecords records;

	private final MessageSource messages;

	private final Clock clock;

	private final PersonalDataAudit audit;

	ReportingController(OrganisationAccess access, Organisations organisations, TrainingRecords records,
			MessageSource messages, Optional<Clock> clock, PersonalDataAudit audit) {
		this.audit = audit;
		this.access = access;
		this.organisations = organisations;
		this.records = records;
		this.messages = messages;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@GetMapping("/org/{orgId}/dashboard")
	String dashboard(Authentication auth, @PathVariable long orgId, @RequestParam(required = false) Long group,
			@RequestParam(required = false) String course, Model model) {
		Organisation org = access.requireAdmin(auth, orgId);
		String courseId = course == null || course.isBlank() ? null : course;
		LocalDate today = LocalDate.now(clock);
		var rows = records.of(orgId, group, courseId, today);
		int people = organisations.members(orgId, group).size();
		model.addAttribute("org", org);
		model.addAttribute("groups", organisations.groups(orgId));
		model.addAttribute("allCourses", records.courses(null));
		model.addAttribute("selectedGroup", group);
		model.addAttribute("selectedCourse", courseId);
		model.addAttribute("today", today);
		model.addAttribute("dashboard", Dashboard.of(rows, records.courses(courseId), people, today));
		model.addAttribute("barWidth", Dashboard.BAR_WIDTH);
		model.addAttribute("viewWidth", Dashboard.BAR_WIDTH + 90); // room for labels longer than a bar
		return "reporting/dashboard";
	}

	@GetMapping("/org/{orgId}/export.csv")
	ResponseEntity<byte[]> export(Authentication auth, @PathVariable long orgId, @RequestParam(required = false) Long group,
			@RequestParam(required = false) String course) {
		Organisation org = access.requireAdmin(auth, orgId);
		LocalDate today = LocalDate.now(clock);
		var rows = records.of(orgId, group, course == null || course.isBlank() ? null : course, today);
		String csv = CompletionsCsv.write(rows, messages, LocaleContextHolder.getLocale());
		// the export holds names and email addresses: the audit log says who took whose
		long actor = ((SignedInUser) auth.getPrincipal()).accountId();
		rows.stream().map(r -> r.member().accountId()).distinct()
			.forEach(member -> audit.record(actor, member, PersonalDataAudit.Action.EXPORTED));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("completions-" + org.slug() + "-" + today + ".csv")
				.build()
				.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

}
