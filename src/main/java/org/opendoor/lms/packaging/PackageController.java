package org.opendoor.lms.packaging;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Package downloads for admins: {@code GET /api/courses/{courseId}/packages/{scorm12|scorm2004|cmi5}}. */
@RestController
class PackageController {

	private final CoursePackages packages;

	PackageController(CoursePackages packages) {
		this.packages = packages;
	}

	@GetMapping("/api/courses/{courseId}/packages/{standard}")
	ResponseEntity<byte[]> download(@PathVariable String courseId, @PathVariable String standard,
			@org.springframework.web.bind.annotation.RequestParam(name = "lang", required = false) String lang) {
		if (lang != null && !lang.isEmpty() && !"en".equals(lang) && !"cy".equals(lang)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown language '" + lang + "': use en or cy");
		}
		PackageStandard s = PackageStandard.of(standard)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Unknown package standard '" + standard + "': use scorm12, scorm2004 or cmi5"));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(courseId + "-" + s.pathName() + ("cy".equals(lang) ? "-cy" : "") + ".zip").build().toString())
			.body(packages.export(courseId, s, lang));
	}

}
