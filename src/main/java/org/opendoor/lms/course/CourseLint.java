package org.opendoor.lms.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.course.internal.ItemWriting;

/**
 * The course lint as a command: {@code ./mvnw -q compile exec:java} checks every course under
 * {@code courses/} (or {@code -Dexec.args=path}) and prints each problem as {@code file:line: message}.
 * Exits with status 1 when anything is wrong.
 */
public final class CourseLint {

	private CourseLint() {
	}

	public static void main(String[] args) {
		Path target = Path.of(args.length > 0 ? args[0] : "courses");
		int problems = lint(target, System.out);
		System.exit(problems == 0 ? 0 : 1);
	}

	/** Lints a courses folder, or one course folder, printing findings; returns how many there were. */
	public static int lint(Path target, PrintStream out) {
		List<CourseReader.Result> results = readAll(target);
		Path root = Files.isRegularFile(target.resolve(CourseReader.MANIFEST)) ? target.toAbsolutePath().getParent()
				: target;
		int problems = 0;
		for (CourseReader.Result result : results) {
			for (LintFinding finding : result.findings()) {
				out.println(root.resolve(finding.file()).normalize().toString().replace('\\', '/') + ":" + finding.line()
						+ ": " + finding.message());
				problems++;
			}
			if (result.findings().isEmpty()) {
				out.println("ok " + result.courseId() + " " + result.version());
			}
			if (result.course() != null) {
				// warnings are printed but not counted: the course still loads
				for (LintFinding warning : ItemWriting.warnings(target, result.course())) {
					out.println("warning: " + root.resolve(warning.file()).normalize().toString().replace('\\', '/') + ":"
							+ warning.line() + ": " + warning.message());
				}
			}
		}
		Path contacts = Files.isRegularFile(target.resolve(CourseReader.MANIFEST)) ? null
				: target.resolve(org.opendoor.lms.course.SupportContacts.FILE);
		if (contacts != null && Files.exists(contacts)) {
			java.time.LocalDate today = java.time.LocalDate.now();
			org.opendoor.lms.course.internal.ContactsReader.Result read = new org.opendoor.lms.course.internal.ContactsReader(today)
				.read(target, contacts);
			for (LintFinding finding : read.findings()) {
				out.println(target.resolve(finding.file()).normalize().toString().replace('\\', '/') + ":" + finding.line()
						+ ": " + finding.message());
				problems++;
			}
			for (SupportContact c : read.contacts()) {
				if (c.lastReviewed() == null) {
					out.println("warning: support contact '" + c.id() + "' is unchecked: check it with the service");
				}
				else if (c.isStale(today)) {
					out.println("warning: support contact '" + c.id() + "' was last checked on " + c.lastReviewed()
							+ ", more than " + SupportContact.REVIEW_MONTHS + " months ago: check it with the service");
				}
			}
			if (read.findings().isEmpty()) {
				out.println("ok support contacts (" + read.contacts().size() + ")");
			}
			Path welsh = CourseReader.sibling(contacts, CourseReader.WELSH);
			boolean welshCourse = results.stream().anyMatch(r -> !r.translations().isEmpty());
			if (Files.exists(welsh) || welshCourse) {
				List<LintFinding> cy = Files.exists(welsh)
						? new org.opendoor.lms.course.internal.ContactsReader(today).readTranslation(target, contacts, CourseReader.WELSH).findings()
						: List.of(new LintFinding(target.relativize(welsh).toString(), 1,
								"missing translation: a course is offered in Welsh, so the support contacts need this file"));
				for (LintFinding finding : cy) {
					out.println(target.resolve(finding.file()).normalize().toString().replace('\\', '/') + ":" + finding.line()
							+ ": " + finding.message());
					problems++;
				}
				if (cy.isEmpty()) {
					out.println("ok support contacts in Welsh");
				}
			}
		}
		if (results.isEmpty()) {
			out.println("no course folders (with " + CourseReader.MANIFEST + ") under " + target);
		}
		out.println(problems == 0 ? "lint passed" : problems + " problem" + (problems == 1 ? "" : "s") + " found");
		return problems;
	}

	/** Reads every course folder under a courses folder, or the one course folder given. */
	static List<CourseReader.Result> readAll(Path target) {
		CourseReader reader = new CourseReader();
		if (Files.isRegularFile(target.resolve(CourseReader.MANIFEST))) {
			Path abs = target.toAbsolutePath().normalize();
			return List.of(reader.read(abs.getParent(), abs));
		}
		List<CourseReader.Result> results = new ArrayList<>();
		try (Stream<Path> dirs = Files.list(target)) {
			for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
				results.add(reader.read(target, dir));
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read the courses folder " + target + ": " + ex.getMessage(), ex);
		}
		return results;
	}

}
