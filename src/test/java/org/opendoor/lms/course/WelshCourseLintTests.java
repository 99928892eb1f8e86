package org.opendoor.lms.course;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.internal.CourseReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A course that lists {@code cy} is read with its Welsh siblings: a complete translation gives a Welsh
 * course with the same ids, and each kind of translation problem is reported with the Welsh file and line
 * (fixture courses under {@code src/test/resources/welsh-lint}).
 */
class WelshCourseLintTests {

	private static final Path ROOT = Path.of("src/test/resources/welsh-lint");

	private static CourseReader.Result read(String folder) {
		return new CourseReader().read(ROOT, ROOT.resolve(folder));
	}

	private static List<String> findings(String folder) {
		return read(folder).findings().stream().map(f -> f.file() + ":" + f.line() + ": " + f.message()).toList();
	}

	@Test
	void aCompleteTranslationGivesTheWelshCourseWithTheSameIds() {
		CourseReader.Result result = read("valid");
		assertThat(result.findings()).isEmpty();
		Course english = result.course();
		Course welsh = result.translations().get("cy");
		assertThat(welsh.title()).isEqualTo("Bach");
		assertThat(welsh.modules().get(0).title()).isEqualTo("Modiwl un");
		assertThat(welsh.modules().get(0).items()).extracting(ModuleItem::id)
			.isEqualTo(english.modules().get(0).items().stream().map(ModuleItem::id).toList());
		Lesson a = (Lesson) welsh.modules().get(0).items().get(0);
		assertThat(a.html()).contains("Helo.").contains("href=\"lesson-b\"").doesNotContain("Hello");
		KnowledgeCheck check = (KnowledgeCheck) welsh.modules().get(0).items().get(2);
		assertThat(check.questions().get(0).options()).extracting(Question.Option::correct).containsExactly(true, false);
		assertThat(check.questions().get(0).promptHtml()).contains("Dewiswch un");
	}

	@Test
	void aMissingSiblingIsReportedWhereTheItemIsListed() {
		assertThat(findings("missing")).containsExactly(
				"missing/course.cy.yaml:13: missing translation: missing/b.cy.md (the course lists 'cy' in languages)");
		assertThat(read("missing").course()).as("not loaded").isNull();
	}

	@Test
	void structuralDifferencesAreReportedAtTheTranslationsLines() {
		assertThat(findings("mismatched")).containsExactlyInAnyOrder(
				"mismatched/b.cy.md:2: translation differs from mismatched/b.md: keys differ; not in the source minutes",
				"mismatched/b.cy.md:2: translation differs from mismatched/b.md: 'id' is 'b-cy' but the source has 'b' (only text is translated)",
				"mismatched/check.cy.yaml:5: translation differs from mismatched/check.yaml: 'questions[1].type' is 'multiple' but the source has 'single' (only text is translated)",
				"mismatched/check.cy.yaml:8: translation differs from mismatched/check.yaml: 'questions[1].options' has 3 entries but the source has 2");
	}

	@Test
	void aYamlErrorInAWelshFileIsReportedInThatFile() {
		List<String> found = findings("broken");
		assertThat(found).hasSize(1);
		assertThat(found.get(0)).startsWith("broken/check.cy.yaml:").contains("YAML syntax error");
	}

	@Test
	void anUntranslatedLessonAndWelshSafeMessagingProblemsAreReported() {
		assertThat(findings("untranslated")).containsExactly(
				"untranslated/a.cy.md:5: untranslated: the lesson text is the same as in untranslated/a.md",
				"untranslated/b.cy.md:2: safe messaging: the lesson mentions suicide or self-harm but has no support box (support_box: true)",
				"untranslated/b.cy.md:5: safe messaging: avoid 'cyflawni hunanladdiad' (say 'marw drwy hunanladdiad' or 'rhoi diwedd ar ei fywyd')",
				"untranslated/b.cy.md:6: awareness course: do not suggest the learner can ddiagnosio (say what they can notice, ask and signpost)");
	}

	@Test
	void theCommandLineLintReportsAMissingWelshSupportContactsFile() {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int problems = CourseLint.lint(Path.of("courses"), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
		assertThat(problems).as(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
		assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("ok support contacts in Welsh")
			.contains("ok first-steps 1.0.0");
	}

}
