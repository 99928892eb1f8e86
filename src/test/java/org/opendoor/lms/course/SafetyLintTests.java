package org.opendoor.lms.course;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.course.internal.SafeMessaging;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suicide and self-harm are found in every kind of course file (lessons, knowledge checks, scenario nodes,
 * the assessment's bank, plans, facilitator notes; English and Welsh), and a course that discusses them
 * without the support box on that page or the content note on its file is refused with the exact file and
 * line. One fixture course per rule under {@code src/test/resources/safety-lint}, each the valid course with
 * one flag taken away.
 */
class SafetyLintTests {

	private static final Path ROOT = Path.of("src/test/resources/safety-lint");

	private static CourseReader.Result read(String folder) {
		return new CourseReader().read(ROOT, ROOT.resolve(folder));
	}

	@Test
	void theValidFixtureLoadsWithItsFlagsOnEveryKindOfPage() {
		CourseReader.Result result = read("valid");
		assertThat(result.findings()).isEmpty();
		Course course = result.course();
		List<ModuleItem> items = course.modules().get(0).items();
		KnowledgeCheck check = (KnowledgeCheck) items.get(1);
		Scenario scenario = (Scenario) items.get(2);
		WellbeingPlan plan = (WellbeingPlan) items.get(3);
		assertThat(check.contentNote()).isTrue();
		assertThat(check.questions()).extracting(Question::supportBox).containsExactly(true, false);
		assertThat(scenario.contentNote()).isTrue();
		assertThat(scenario.nodes()).extracting(Scenario.Node::supportBox).containsExactly(false, true, false);
		assertThat(plan.contentNote()).isTrue();
		assertThat(plan.supportBox()).isTrue();
		assertThat(course.assessment().contentNote()).isTrue();
		assertThat(course.assessment().questions().get(0).supportBox()).isTrue();
		assertThat(SafetyFlags.discusses(course.modules().get(0))).isTrue();
	}

	static Stream<Arguments> rules() {
		return Stream.of(
				Arguments.of("lesson-support-box", List.of(
						"lesson-support-box/a.md:2: safe messaging: the lesson mentions suicide or self-harm but has no support box (support_box: true)")),
				Arguments.of("module-content-note", List.of(
						"module-content-note/course.yaml:9: safe messaging: module 'm1' discusses suicide or self-harm but its first lesson has no content note (content_note: true)")),
				Arguments.of("check-support-box", List.of(
						"check-support-box/check.yaml:7: safe messaging: question 'q1' mentions suicide or self-harm ('end their life') but has no support box (support_box: true)")),
				Arguments.of("feedback-mention", List.of(
						"feedback-mention/check.yaml:25: safe messaging: question 'q2' mentions suicide or self-harm ('hurting themselves') but has no support box (support_box: true)")),
				Arguments.of("check-content-note", List.of(
						"check-content-note/check.yaml:1: safe messaging: this knowledge check discusses suicide or self-harm (line 7) but has no content note (content_note: true at the top of the file)")),
				Arguments.of("scenario-support-box", List.of(
						"scenario-support-box/scenario.yaml:16: safe messaging: node 'n2' mentions suicide or self-harm ('better off without him') but has no support box (support_box: true)")),
				Arguments.of("scenario-content-note", List.of(
						"scenario-content-note/scenario.yaml:1: safe messaging: this scenario discusses suicide or self-harm (line 16) but has no content note (content_note: true at the top of the file)")),
				Arguments.of("assessment-support-box", List.of(
						"assessment-support-box/final.yaml:9: safe messaging: question 'f1' mentions suicide or self-harm ('self-harm') but has no support box (support_box: true)")),
				Arguments.of("assessment-content-note", List.of(
						"assessment-content-note/final.yaml:1: safe messaging: this assessment's question bank discusses suicide or self-harm (line 9) but has no content note (content_note: true at the top of the file)")),
				Arguments.of("plan-support-box", List.of(
						"plan-support-box/plan.yaml:4: safe messaging: the plan mentions suicide or self-harm ('suicide') but has no support box (support_box: true)")),
				Arguments.of("plan-content-note", List.of(
						"plan-content-note/plan.yaml:1: safe messaging: this plan discusses suicide or self-harm (line 4) but has no content note (content_note: true at the top of the file)")),
				Arguments.of("facilitator-safety", List.of(
						"facilitator-safety/facilitator.yaml:3: safe messaging: module 'm1' discusses suicide or self-harm (its pages have a content note) but its notes have no safety reminder (safety:)")),
				Arguments.of("facilitator-phrase", List.of(
						"facilitator-phrase/facilitator.yaml:8: safe messaging: avoid 'committed suicide' (say 'died by suicide' or 'took their own life')")),
				Arguments.of("welsh", List.of(
						"welsh/check.cy.yaml:9: safe messaging: question 'q1' mentions suicide or self-harm ('frifo ei hun') but has no support box (support_box: true)",
						"welsh/check.yaml:7: safe messaging: question 'q1' mentions suicide or self-harm ('hurting himself') but has no support box (support_box: true)")),
				Arguments.of("phrases-everywhere", List.of(
						"phrases-everywhere/course.yaml:4: safe messaging: avoid 'cry for help' (avoid judging phrases; say 'a sign they need support')",
						"phrases-everywhere/course.yaml:4: awareness course: do not suggest the learner can diagnose (say what they can notice, ask and signpost)",
						"phrases-everywhere/final.yaml:3: safe messaging: avoid 'mental health first aider' (this is an awareness course: the term is protected)",
						"phrases-everywhere/plan.yaml:8: safe messaging: avoid 'failed attempt' (say 'survived a suicide attempt')",
						"phrases-everywhere/scenario.yaml:4: safe messaging: avoid 'committed suicide' (say 'died by suicide' or 'took their own life')",
						// on the line of the words, inside a folded text
						"phrases-everywhere/scenario.yaml:24: safe messaging: avoid 'cry for help' (avoid judging phrases; say 'a sign they need support')")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void eachMissingFlagRefusesTheCourseWithItsFileAndLine(String folder, List<String> expected) {
		CourseReader.Result result = read(folder);
		assertThat(result.course()).as("a course with findings is not loaded").isNull();
		assertThat(result.findings()).extracting(LintFinding::toString).containsExactlyElementsOf(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "He died by suicide last year.", "She is suicidal.", "Self-harm is common.",
			"They self harm when stressed.", "he wants to end his life", "She took her own life.",
			"I want to kill myself.", "He has been hurting himself.", "They cut themselves.",
			"Everyone would be better off without me.", "I can't do this any more. Goodbye.", "I can’t go on",
			"I just want to die", "I feel like giving up", "She talked about ending it all.",
			"Bu farw drwy hunanladdiad.", "Mae hunan-niwed yn gyffredin.", "ymgais i ladd ei hun",
			"Mae e wedi bod yn ei frifo ei hun.", "Dw i wedi brifo fy hun", "rhoi diwedd ar ei fywyd",
			"mae hi'n bwriadu dod â’i bywyd i ben", "yn well eu byd hebddo i", "Alla i ddim gwneud hyn rhagor.",
			"teimlo fel rhoi’r gorau iddi", "Dw i eisiau marw" })
	void theseWordsTalkAboutSuicideOrSelfHarm(String text) {
		assertThat(SafeMessaging.mentionsSuicideOrSelfHarm(text)).as(text).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Say goodbye and lock up.", "Do not give up if the first number is busy.",
			"An adult at home is hurting her.", "A child at risk of harm.", "At the end of their shift, thank them.",
			"Take their time to answer.", "The end of life care team", "He is giving up smoking.",
			"Mae’r oedolyn yn ei brifo hi.", "rhoi’r gorau i ddod i’r clwb", "Dywedwch hwyl fawr.",
			"Hunaniaeth a pherthyn", "Peidiwch â bod yn hunanol", "ar ddiwedd y dydd" })
	void everydayWordsDoNot(String text) {
		assertThat(SafeMessaging.mentionsSuicideOrSelfHarm(text)).as(text).isFalse();
	}

}
