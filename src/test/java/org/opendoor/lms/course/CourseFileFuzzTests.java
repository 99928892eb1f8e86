package org.opendoor.lms.course;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opendoor.lms.course.internal.ContactsReader;
import org.opendoor.lms.course.internal.CourseReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the course files: each input replaces one file of a copy of the first-steps course (or the
 * support contacts file) and the folder is read with {@link CourseReader} and linted as
 * {@code ./mvnw exec:java} does. The only acceptable outcome is a course or findings, each with a file
 * and a line in it; an exception escaping is a crash. The input's first byte picks the file ('0' the
 * manifest, '1' a lesson, '2' a check, '3' a scenario, '4' a plan, '5' the assessment bank, '6' the
 * contacts), the rest is its new content. Seeds are under {@code CourseFileFuzzTestsInputs/}.
 */
class CourseFileFuzzTests {

	private static final List<String> TARGETS = List.of("first-steps/course.yaml", "first-steps/lessons/01-welcome.md",
			"first-steps/checks/listening-check.yaml", "first-steps/scenarios/cafe-chat.yaml",
			"first-steps/plans/my-next-step.yaml", "first-steps/assessment/final.yaml", SupportContacts.FILE);

	private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

	private static Path root;

	@BeforeAll
	static void copyCourse() throws IOException {
		root = Files.createTempDirectory("course-fuzz");
		Path source = Path.of("courses");
		try (Stream<Path> files = Files.walk(source.resolve("first-steps"))) {
			for (Path p : files.toList()) {
				Path target = root.resolve(source.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
		Files.copy(source.resolve(SupportContacts.FILE), root.resolve(SupportContacts.FILE));
		Path welshContacts = CourseReader.sibling(source.resolve(SupportContacts.FILE), CourseReader.WELSH);
		Files.copy(welshContacts, root.resolve(welshContacts.getFileName().toString()));
	}

	@AfterAll
	static void removeCourse() throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	@FuzzTest
	void courseFiles(byte[] input) throws IOException {
		String target = TARGETS.get(input.length == 0 ? 0 : Math.floorMod(input[0] - '0', TARGETS.size()));
		byte[] content = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
		Path file = root.resolve(target);
		byte[] original = Files.readAllBytes(file);
		Files.write(file, content);
		try {
			List<LintFinding> findings = new ArrayList<>();
			for (CourseReader.Result result : CourseLint.readAll(root)) {
				assertThat(result.course() == null).as("a course is read exactly when there are no findings")
					.isEqualTo(!result.findings().isEmpty());
				findings.addAll(result.findings());
			}
			findings.addAll(new ContactsReader().read(root, root.resolve(SupportContacts.FILE)).findings());
			findings.addAll(new ContactsReader().readTranslation(root, root.resolve(SupportContacts.FILE), CourseReader.WELSH)
				.findings());
			for (LintFinding f : findings) {
				assertThat(f.message()).as("a finding says what is wrong").isNotBlank();
				assertThat(f.file()).as("a finding names its file: " + f).isNotBlank();
				assertThat(f.line()).as("a finding has a line: " + f).isPositive();
				Path named = root.resolve(f.file());
				if (Files.isRegularFile(named)) {
					assertThat(f.line()).as("a finding's line is in its file: " + f).isLessThanOrEqualTo(lines(named) + 1);
				}
			}
			assertThat(CourseLint.lint(root, NOWHERE)).as("the lint counts every finding").isEqualTo(findings.size());
		}
		finally {
			Files.write(file, original);
		}
	}

	private static int lines(Path file) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			String text = new String(bytes, StandardCharsets.UTF_8);
			return text.split("\r\n|\r|\n|\u0085|\u2028|\u2029", -1).length;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
