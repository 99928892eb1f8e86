package org.opendoor.lms.course;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One version of a course as parsed from its folder: everything a player, a package writer or a
 * booklet needs, with Markdown already rendered to sanitised HTML.
 *
 * @param id stable course id (the folder's manifest id)
 * @param version the author's version string; attempts stay on the version they started with
 * @param title course title
 * @param description short description for the catalogue
 * @param languages language codes the course is offered in, the first being the source language
 * @param estimatedMinutes estimated learning time in minutes
 * @param passMark percentage of assessment items needed to pass (critical items must all be right too)
 * @param certificateValidityMonths how long a certificate for this course stays valid
 * @param modules the modules in order
 * @param assessment the final assessment, or {@code null} when the course has none
 */
public record Course(String id, String version, String title, String description, List<String> languages,
		int estimatedMinutes, int passMark, int certificateValidityMonths, List<CourseModule> modules,
		Assessment assessment) {

	/** Every knowledge-check and assessment question in the course. */
	public Stream<Question> allQuestions() {
		Stream<Question> checks = modules.stream()
			.flatMap(m -> m.items().stream())
			.filter(KnowledgeCheck.class::isInstance)
			.flatMap(i -> ((KnowledgeCheck) i).questions().stream());
		return assessment == null ? checks : Stream.concat(checks, assessment.questions().stream());
	}

	/** The module with the given id, if any. */
	public Optional<CourseModule> module(String moduleId) {
		return modules.stream().filter(m -> m.id().equals(moduleId)).findFirst();
	}

}
