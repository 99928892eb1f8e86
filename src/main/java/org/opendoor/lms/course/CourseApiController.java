package org.opendoor.lms.course;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The course catalogue for a charity's other systems: {@code GET /api/courses}, public. */
@RestController
@Tag(name = "Courses", description = "The courses learners can take")
class CourseApiController {

	private final CourseCatalogue catalogue;

	CourseApiController(CourseCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/**
	 * A course in the catalogue.
	 *
	 * @param id stable course id
	 * @param version the version new attempts start on
	 * @param title course title
	 * @param description short description
	 * @param languages language codes the course is offered in, the first being its source language
	 * @param estimatedMinutes estimated learning time
	 */
	@Schema(name = "Course", description = "A course learners can start now")
	record CourseSummary(@Schema(description = "Stable course id", example = "hub-leaders-mental-health-awareness") String id,
			@Schema(description = "The version new attempts start on", example = "1.0.0") String version,
			@Schema(description = "Course title") String title,
			@Schema(description = "Short description for a catalogue") String description,
			@ArraySchema(schema = @Schema(description = "Language code", example = "en")) List<String> languages,
			@Schema(description = "Estimated learning time in minutes", example = "120") int estimatedMinutes) {
	}

	@GetMapping(value = "/api/courses", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The course catalogue",
			description = "Every course learners can start now, by title, in the version new attempts start on. Public: "
					+ "no sign-in needed, and no personal data.")
	@ApiResponse(responseCode = "200", description = "The courses",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = CourseSummary.class))))
	List<CourseSummary> courses() {
		return catalogue.available()
			.stream()
			.map(CatalogueEntry::course)
			.map(c -> new CourseSummary(c.id(), c.version(), c.title(), c.description(), c.languages(), c.estimatedMinutes()))
			.toList();
	}

}
