package org.opendoor.lms.booklet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The booklet page, where a signed-in person chooses the course, language, nation, paper size and local
 * directory, and the bookmarkable download
 * {@code GET /courses/{courseId}/booklet.pdf?lang=cy&nation=wales&size=A5&org=12}.
 */
@Controller
class BookletController {

	private final Booklets booklets;

	private final Accounts accounts;

	BookletController(Booklets booklets, Accounts accounts) {
		this.booklets = booklets;
		this.accounts = accounts;
	}

	@GetMapping("/booklet")
	String page(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String course,
			@RequestParam(required = false) Long org, Model model, Locale locale) {
		var account = accounts.get(user.accountId());
		model.addAttribute("courses", booklets.courses());
		model.addAttribute("chosenCourse", course);
		model.addAttribute("chosenOrg", org);
		model.addAttribute("language", "cy".equals(locale.getLanguage()) ? "cy" : "en");
		model.addAttribute("nations", List.of(Nation.values()));
		model.addAttribute("chosenNation", account.nation());
		model.addAttribute("organisations", booklets.organisationsOf(user.accountId()));
		return "booklet/form";
	}

	/** The page's form, sent as a GET: on to the booklet's own address. */
	@GetMapping("/booklet/download")
	String download(@RequestParam(required = false) String course, @RequestParam(required = false) String lang,
			@RequestParam(required = false) String nation, @RequestParam(required = false) String size,
			@RequestParam(required = false) String org) {
		if (course == null || booklets.courses().stream().noneMatch(c -> c.id().equals(course))) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "booklet.error.chooseCourse");
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/courses/{id}/booklet.pdf");
		addIfPresent(uri, "lang", lang);
		addIfPresent(uri, "nation", nation);
		addIfPresent(uri, "size", size);
		addIfPresent(uri, "org", org);
		return "redirect:" + uri.buildAndExpand(course).encode(StandardCharsets.UTF_8).toUriString();
	}

	private static void addIfPresent(UriComponentsBuilder uri, String name, String value) {
		if (value != null && !value.isBlank()) {
			uri.queryParam(name, value.strip());
		}
	}

	@GetMapping("/courses/{courseId}/booklet.pdf")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal SignedInUser user, @PathVariable String courseId,
			@RequestParam(required = false) String lang, @RequestParam(required = false) String nation,
			@RequestParam(required = false) String size, @RequestParam(required = false) String org, Locale locale) {
		var account = accounts.get(user.accountId());
		String language = lang == null || lang.isBlank() ? ("cy".equals(locale.getLanguage()) ? "cy" : "en")
				: lang.strip().toLowerCase(Locale.ROOT);
		if (!Booklets.LANGUAGES.contains(language)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "booklet.error.language");
		}
		Nation chosenNation = nation == null || nation.isBlank() ? account.nation()
				: Booklets.nation(nation).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"booklet.error.nation"));
		Booklets.Size paper = size(size);
		Long organisationId = organisation(org);
		Booklets.Printed printed = booklets.print(user.accountId(),
				new Booklets.Request(courseId, language, chosenNation, paper, organisationId));
		String name = courseId + "-booklet-" + printed.language() + "-" + paper.name().toLowerCase(Locale.ROOT) + ".pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.header(HttpHeaders.CONTENT_LANGUAGE, "cy".equals(printed.language()) ? "cy" : "en-GB")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(printed.pdf());
	}

	private static Booklets.Size size(String size) {
		if (size == null || size.isBlank()) {
			return Booklets.Size.A4;
		}
		for (Booklets.Size s : Booklets.Size.values()) {
			if (s.name().equalsIgnoreCase(size.strip())) {
				return s;
			}
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "booklet.error.size");
	}

	private static Long organisation(String org) {
		if (org == null || org.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(org.strip());
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "booklet.error.organisation");
		}
	}

}
