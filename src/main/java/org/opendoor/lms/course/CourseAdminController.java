package org.opendoor.lms.course;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The admin page listing loaded courses, their stored versions and lint findings. */
@Controller
class CourseAdminController {

	private final CourseCatalogue catalogue;

	CourseAdminController(CourseCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping("/admin/courses")
	String courses(Model model) {
		model.addAttribute("reports", catalogue.reports());
		model.addAttribute("versions", catalogue.storedVersions());
		return "course/admin";
	}

	@PostMapping("/admin/courses/reload")
	String reload() {
		catalogue.reload();
		return "redirect:/admin/courses?reloaded";
	}

}
