package org.opendoor.lms.course;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course lint checks a course's facilitator notes ({@code facilitator.yaml}) and their Welsh sibling:
 * YAML errors, unknown keys and module ids, and structural differences, each with file and line.
 */
class FacilitatorNotesLintTests {

	@TempDir
	Path root;

	Path course;

	@BeforeEach
	void copyFirstSteps() throws IOException {
		course = root.resolve("first-steps");
		Path source = Path.of("courses/first-steps");
		try (Stream<Path> files = Files.walk(source)) {
			files.forEach(f -> {
				try {
					Path target = course.resolve(source.relativize(f).toString());
					if (Files.isDirectory(f)) {
						Files.createDirectories(target);
					}
					else {
						Files.copy(f, target);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private String lint() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CourseLint.lint(root, new PrintStream(out, true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private void write(String name, String text) throws IOException {
		Files.writeString(course.resolve(name), text);
	}

	@Test
	void theShippedNotesPass() {
		assertThat(lint()).contains("ok first-steps").contains("lint passed");
	}

	@Test
	void unknownModulesAndKeysAreReportedWithTheirLines() throws IOException {
		write("facilitator.yaml", """
				opening: Welcome.
				modules:
				  - module: listening
				    minutes: 10
				  - module: no-such-module
				    timing: 5
				""");
		write("facilitator.cy.yaml", """
				opening: Croeso.
				modules:
				  - module: listening
				    minutes: 10
				  - module: no-such-module
				""");
		String out = lint();
		assertThat(out).contains("first-steps/facilitator.yaml:5: unknown module 'no-such-module'")
			.contains("first-steps/facilitator.yaml:6: unknown key 'timing'")
			.doesNotContain("ok first-steps");
	}

	@Test
	void aYamlErrorIsReportedWithItsLine() throws IOException {
		write("facilitator.yaml", """
				opening: Welcome.
				ground_rules:
				  - one
				   - two: [
				""");
		assertThat(lint()).containsPattern("first-steps/facilitator\\.yaml:[45]: YAML syntax error");
	}

	@Test
	void theWelshSiblingMustHaveTheSameStructure() throws IOException {
		write("facilitator.cy.yaml", """
				opening: Croeso.
				ground_rules:
				  - Rhannwch dim ond yr hyn rydych chi’n gyfforddus yn ei rannu.
				modules:
				  - module: signposting
				    minutes: 15
				""");
		String out = lint();
		assertThat(out).contains("first-steps/facilitator.cy.yaml:1: differs from facilitator.yaml: ground_rules is 1 here but 3")
			.contains("modules[1].module is signposting here but listening in the source");
	}

	@Test
	void unsafeWordingIsReported() throws IOException {
		String text = Files.readString(course.resolve("facilitator.yaml"))
			.replace("Share only what you are comfortable sharing.", "Remind people that you can diagnose nothing here.");
		write("facilitator.yaml", text.replace("Talk about situations, not named people.", "You can diagnose and treat."));
		assertThat(lint()).containsPattern("first-steps/facilitator\\.yaml:\\d+: awareness course: do not suggest the learner can diagnose");
	}

}
