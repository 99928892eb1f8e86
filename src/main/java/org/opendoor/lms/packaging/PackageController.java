package org.opendoor.lms.packaging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

	@GetMapping(value = "/api/courses/{courseId}/packages/{standard}",
			produces = { "application/zip", MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	@Tag(name = "Packages", description = "Courses as packages for other learning management systems")
	@Operation(summary = "Download a course package",
			description = "The latest version of a course as a SCORM 1.2, SCORM 2004 4th Edition or cmi5 package that runs "
					+ "in another LMS without calling this server. Site admins only, signed in (a session cookie): anyone "
					+ "else is sent to the sign-in page (302) or refused (403).",
			security = @SecurityRequirement(name = "session"))
	@ApiResponse(responseCode = "200", description = "The package",
			content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "400", description = "Unknown standard",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No course has this id",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<byte[]> download(@Parameter(description = "Course id") @PathVariable String courseId,
			@Parameter(description = "Package standard", schema = @Schema(allowableValues = { "scorm12", "scorm2004",
					"cmi5" })) @PathVariable String standard,
			@Parameter(description = "Language of the package: en (default) or cy, when the course is offered in Welsh")
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
