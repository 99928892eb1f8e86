package org.opendoor.lms.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed {@code docs/content-report.md} is the report the courses give today: regenerated for the
 * date written in it, it must come out the same, so a change to a lesson, a course or a contact that
 * leaves the report behind fails the build.
 */
class ContentReportCurrentTests {

	static final Path REPORT = Path.of("docs/content-report.md");

	static final String COMMAND = "./mvnw -q compile exec:java -Dexec.mainClass=org.opendoor.lms.course.ContentReport";

	private static final Pattern GENERATED_ON = Pattern.compile("^Generated on (\\d{4}-\\d{2}-\\d{2}) ", Pattern.MULTILINE);

	/** The date the committed report says it was generated on. */
	static LocalDate generatedOn(String report) {
		Matcher m = GENERATED_ON.matcher(report);
		assertThat(m.find()).as("the report names the day it was generated").isTrue();
		return LocalDate.parse(m.group(1));
	}

	@Test
	void theCommittedReportMatchesTheCoursesAsTheyAreNow() throws IOException {
		String committed = Files.readString(REPORT);
		String fresh = ContentReport.write(ContentSafetyTests.COURSES, generatedOn(committed));
		assertThat(committed).as("docs/content-report.md is out of date; regenerate it with " + COMMAND).isEqualTo(fresh);
	}

	@Test
	void theReportChangesWhenALessonChanges(@TempDir Path root) throws IOException {
		Path courses = root.resolve("courses");
		FileSystemUtils.copyRecursively(Path.of("courses/first-steps"), courses.resolve("first-steps"));
		Files.copy(ContentSafetyTests.COURSES.resolve(SupportContacts.FILE), courses.resolve(SupportContacts.FILE));
		Files.copy(ContentSafetyTests.COURSES.resolve("support-contacts.cy.yaml"), courses.resolve("support-contacts.cy.yaml"));
		LocalDate day = LocalDate.of(2026, 12, 7);
		String before = ContentReport.write(courses, day);
		Path lesson = courses.resolve("first-steps/lessons/01-welcome.md");
		Files.writeString(lesson, Files.readString(lesson) + "\nA new sentence makes the lesson longer.\n");
		String after = ContentReport.write(courses, day);
		assertThat(generatedOn(before)).isEqualTo(day);
		assertThat(after).isNotEqualTo(before);
		assertThat(after.lines().filter(l -> l.startsWith("| listening | welcome |")))
			.singleElement()
			.isNotIn(before.lines().toList());
	}

}
