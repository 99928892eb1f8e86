package org.opendoor.lms.course;

/**
 * One problem in a course file, with where it is.
 *
 * @param file path of the file relative to the courses folder, with forward slashes
 * @param line one-based line number (1 when the problem concerns the whole file)
 * @param message what is wrong, in plain words
 */
public record LintFinding(String file, int line, String message) {

	@Override
	public String toString() {
		return file + ":" + line + ": " + message;
	}

}
