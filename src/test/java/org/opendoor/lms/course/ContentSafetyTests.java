package org.opendoor.lms.course;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.internal.CourseReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content checks on the real courses: every course under courses/ passes the lint (which includes
 * the safe-messaging rules), the flagship course reads at about age 11, and the support contacts are
 * complete. The failing fixtures for each rule are in {@link CourseLintTests}.
 */
class ContentSafetyTests {

	static final Path COURSES = Path.of("courses");

	static final String FLAGSHIP = "hub-leaders-mental-health-awareness";

	@Test
	void everyCourseUnderCoursesPassesTheLintAndSafeMessagingChecks() {
		List<CourseReader.Result> results = CourseLint.readAll(COURSES);
		assertThat(results).extracting(CourseReader.Result::courseId).contains("first-steps", FLAGSHIP);
		for (CourseReader.Result result : results) {
			assertThat(result.findings()).as(result.courseId()).isEmpty();
		}
	}

	@Test
	void theFlagshipCourseReadsAtAboutAgeEleven() {
		Course course = CourseLint.readAll(COURSES).stream()
			.filter(r -> r.courseId().equals(FLAGSHIP))
			.findFirst()
			.orElseThrow()
			.course();
		List<ContentReport.LessonScore> scores = ContentReport.scores(course);
		assertThat(scores).hasSizeGreaterThan(20);
		assertThat(ContentReport.median(scores)).as("median Flesch–Kincaid grade").isLessThanOrEqualTo(7.0);
		for (ContentReport.LessonScore s : scores) {
			assertThat(s.score().grade()).as("grade of lesson " + s.lessonId()).isLessThanOrEqualTo(9.0);
		}
	}

	@Test
	void theReadabilityCheckCanFail() {
		assertThat(Readability.ofText("We talk. You listen. It helps.").grade()).isLessThan(3);
		Readability.Score dense = Readability.ofText("Organisational infrastructure facilitates intersectoral collaboration "
				+ "characterised by comprehensive multidisciplinary accountability mechanisms and institutional sustainability.");
		assertThat(dense.grade()).isGreaterThan(12);
		assertThat(Readability.syllables("community")).isEqualTo(4);
		assertThat(Readability.syllables("listen")).isEqualTo(2);
	}

	@Test
	void everyNationHasUrgentAndSupportContactsWithSourcesAndReviewDates() {
		var read = new org.opendoor.lms.course.internal.ContactsReader().read(COURSES, COURSES.resolve(SupportContacts.FILE));
		assertThat(read.findings()).isEmpty();
		for (String nation : List.of("england", "wales", "scotland", "northern-ireland")) {
			assertThat(read.contacts()).filteredOn(c -> c.nations().contains(nation))
				.as(nation)
				.anySatisfy(c -> assertThat(c.tier()).isEqualTo("urgent"))
				.anySatisfy(c -> assertThat(c.tier()).isEqualTo("support"));
		}
		// a record nobody has checked with the service has no date (it is shown as unchecked): see SupportContactFileTests
		assertThat(read.contacts()).allSatisfy(c -> assertThat(c.source()).isNotBlank());
	}

	@Test
	void aContactNotReviewedForTwelveMonthsIsFlagged() {
		SupportContact old = new SupportContact("x", "X", "call", "any", List.of("wales"), "support", "all", "src",
				LocalDate.of(2025, 1, 1), null, LocalDate.of(2025, 1, 1));
		assertThat(old.isStale(LocalDate.of(2026, 1, 2))).isTrue();
		assertThat(old.isStale(LocalDate.of(2025, 12, 31))).isFalse();
	}

	@Test
	void theReportGivesTheFiguresForEveryCourse() {
		String report = ContentReport.write(COURSES, LocalDate.of(2026, 11, 23));
		assertThat(report).contains("## First steps").contains("| listening | welcome |").contains("median grade")
			.contains("## Support contacts");
	}

}
