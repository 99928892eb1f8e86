package org.opendoor.lms.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the site root. */
@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "redirect:/courses";
	}

	@GetMapping("/login")
	String login() {
		return "system/login";
	}

}
