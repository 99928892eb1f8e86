package org.opendoor.lms.course;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The admin page listing loaded courses, their stored versions and lint findings. */
@Controller
class CourseAdminController {

	private final CourseCatalogue catalogue;

	private final SupportContacts contacts;

	CourseAdminController(CourseCatalogue catalogue, SupportContacts contacts) {
		this.catalogue = catalogue;
		this.contacts = contacts;
	}

	@GetMapping("/admin/courses")
	String courses(Model model) {
		model.addAttribute("reports", catalogue.reports());
		model.addAttribute("welsh", catalogue.available().stream()
			.filter(e -> "cy".equals(catalogue.languageOf(e.versionId(), "cy")))
			.map(e -> e.course().id())
			.collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("versions", catalogue.storedVersions());
		model.addAttribute("contacts", contacts.all());
		model.addAttribute("stale", contacts.stale());
		model.addAttribute("contactFindings", contacts.findings());
		return "course/admin";
	}

	@PostMapping("/admin/courses/reload")
	String reload() {
		catalogue.reload();
		contacts.reload();
		return "redirect:/admin/courses?reloaded";
	}

}
