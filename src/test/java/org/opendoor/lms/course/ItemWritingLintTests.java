package org.opendoor.lms.course;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.internal.ItemWriting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint warns, with file and line, about cues that let a learner guess an answer; a warning does not
 * stop the course loading. Each fixture course under {@code src/test/resources/item-writing} has one cue.
 */
class ItemWritingLintTests {

	private static final Path ROOT = Path.of("src/test/resources/item-writing");

	@Test
	void aCleanCourseHasNoWarnings() {
		assertThat(warnings("clean")).isEmpty();
		assertThat(lint("clean")).contains("ok clean 1.0.0").contains("lint passed").doesNotContain("warning:");
	}

	@Test
	void theRightAnswerLongestInMostOfABankIsAWarning() {
		assertThat(warnings("longest-across-bank")).containsExactly("longest-across-bank/check.yaml:3: item writing: the"
				+ " right answer is the longest option in 2 of 3 single-answer questions, so always picking the longest"
				+ " would pay: make the other options as long and as plausible");
	}

	@Test
	void aRightAnswerMuchLongerThanTheOthersIsAWarning() {
		assertThat(warnings("much-longer")).containsExactly("much-longer/check.yaml:26: item writing: in question 'q3'"
				+ " the right answer is much longer than every other option (47 characters, the others at most 19):"
				+ " make the options alike in length");
	}

	@Test
	void allOfTheAboveIsAWarning() {
		assertThat(warnings("all-of-the-above")).containsExactly("all-of-the-above/check.yaml:34: item writing:"
				+ " question 'q3' has an option 'All of the above': write options that each stand on their own (they are"
				+ " shown shuffled)");
	}

	@Test
	void theBestChoiceAlwaysInOnePlaceIsAWarning() {
		assertThat(warnings("best-always-first")).containsExactly("best-always-first/scenario.yaml:5: item writing:"
				+ " the best choice is choice 1 at all 3 decision points: vary where you put it");
	}

	@Test
	void theLintPrintsWarningsWithFileAndLineButPasses() {
		String out = lint("best-always-first");
		assertThat(out).contains("ok best-always-first 1.0.0")
			.containsPattern("(?m)^warning: .*/item-writing/best-always-first/scenario\\.yaml:5: item writing: the best"
					+ " choice is choice 1 at all 3 decision points")
			.contains("lint passed");
	}

	@Test
	void theFlagshipCourseHasNoItemWritingWarnings() {
		Path flagship = Path.of("courses/hub-leaders-mental-health-awareness");
		var result = CourseLint.readAll(flagship).get(0);
		assertThat(result.findings()).isEmpty();
		assertThat(ItemWriting.warnings(flagship, result.course())).isEmpty();
	}

	private static List<String> warnings(String fixture) {
		Path dir = ROOT.resolve(fixture);
		var results = CourseLint.readAll(dir);
		assertThat(results).hasSize(1);
		assertThat(results.get(0).findings()).as("the course loads").isEmpty();
		return ItemWriting.warnings(dir, results.get(0).course()).stream().map(LintFinding::toString).toList();
	}

	private static String lint(String fixture) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int problems = CourseLint.lint(ROOT.resolve(fixture), new PrintStream(bytes, true, StandardCharsets.UTF_8));
		assertThat(problems).as("warnings are not problems").isZero();
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
