package org.opendoor.lms.course;

import java.util.List;

/**
 * What happened to one course folder at the last load: loaded, or rejected with its lint findings.
 *
 * @param folder the folder name under {@code courses/}
 * @param courseId the course id (the folder name if the manifest could not be read)
 * @param version the version, if it could be read
 * @param loaded whether learners can start it
 * @param findings lint findings, empty when the course loaded
 * @param notes remarks that do not stop loading (for example content changed without a new version)
 * @param warnings item-writing warnings with file and line: they do not stop loading
 */
public record CourseReport(String folder, String courseId, String version, boolean loaded,
		List<LintFinding> findings, List<String> notes, List<LintFinding> warnings) {

	/** A report without warnings. */
	public CourseReport(String folder, String courseId, String version, boolean loaded, List<LintFinding> findings,
			List<String> notes) {
		this(folder, courseId, version, loaded, findings, notes, List.of());
	}

}
