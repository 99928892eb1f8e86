package org.opendoor.lms.course;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.course.internal.CourseReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint reports each kind of problem with the exact file and line, and a course with any problem is
 * not loaded. Each test breaks one rule in an otherwise valid course.
 */
class CourseLintTests {

	@TempDir
	Path root;

	private final Map<String, String> files = new LinkedHashMap<>();

	@BeforeEach
	void validCourse() {
		files.put("course.yaml", """
				id: mini
				version: 1.0.0
				title: Mini
				description: A tiny course
				languages: [en]
				estimated_minutes: 5
				pass_mark: 80
				modules:
				  - id: m1
				    title: Module one
				    items:
				      - lesson: a.md
				      - lesson: b.md
				      - check: check.yaml
				      - scenario: scenario.yaml
				assessment:
				  bank: final.yaml
				  draw: 1
				""");
		files.put("a.md", """
				---
				id: a
				title: A
				---
				Hello. See [the next page](b.md).
				""");
		files.put("b.md", """
				---
				id: b
				title: B
				---
				Second page.
				""");
		files.put("check.yaml", """
				id: check
				title: Check
				questions:
				  - id: q1
				    type: single
				    prompt: Pick one
				    options:
				      - text: Right
				        correct: true
				        feedback: Yes, because it is right.
				      - text: Wrong
				        feedback: No, because it is wrong.
				""");
		files.put("scenario.yaml", """
				id: scen
				title: Scenario
				setting: food bank
				start: n1
				nodes:
				  - id: n1
				    text: Start
				    choices:
				      - text: Go on
				        next: end
				        feedback: Fine
				  - id: end
				    text: The end
				    ending: true
				""");
		files.put("final.yaml", """
				id: final
				title: Final
				questions:
				  - id: f1
				    type: true_false
				    critical: true
				    module: m1
				    prompt: Listening helps.
				    options:
				      - text: "True"
				        correct: true
				        feedback: Right.
				      - text: "False"
				        feedback: It does help.
				""");
	}

	private CourseReader.Result read() throws IOException {
		Path dir = root.resolve("mini");
		Files.createDirectories(dir);
		for (Map.Entry<String, String> f : files.entrySet()) {
			Files.writeString(dir.resolve(f.getKey()), f.getValue());
		}
		return new CourseReader().read(root, dir);
	}

	private void edit(String file, String from, String to) {
		String text = files.get(file);
		assertThat(text).contains(from);
		files.put(file, text.replace(from, to));
	}

	private List<String> findings() throws IOException {
		CourseReader.Result result = read();
		assertThat(result.course()).as("a course with findings is not loaded").isNull();
		return result.findings().stream().map(LintFinding::toString).toList();
	}

	@Test
	void validCourseLoadsWithNoFindings() throws IOException {
		CourseReader.Result result = read();
		assertThat(result.findings()).isEmpty();
		Course course = result.course();
		assertThat(course.id()).isEqualTo("mini");
		assertThat(course.version()).isEqualTo("1.0.0");
		assertThat(course.modules()).hasSize(1);
		assertThat(course.modules().get(0).items()).extracting(ModuleItem::id).containsExactly("a", "b", "check", "scen");
		assertThat(((Lesson) course.modules().get(0).items().get(0)).html()).contains("href=\"lesson-b\"");
		assertThat(course.assessment().questions().get(0).critical()).isTrue();
		assertThat(course.certificateValidityMonths()).isEqualTo(36);
	}

	@Test
	void unknownKeyIsReportedOnItsLine() throws IOException {
		edit("course.yaml", "title: Mini\n", "title: Mini\ntitel: Typo\n");
		assertThat(findings()).containsExactly("mini/course.yaml:4: unknown key 'titel' (expected one of: assessment, "
				+ "certificate_validity_months, description, estimated_minutes, id, languages, modules, pass_mark, title, version)");
	}

	@Test
	void missingFieldIsReportedAtItsMapping() throws IOException {
		edit("check.yaml", "        feedback: No, because it is wrong.\n", "");
		assertThat(findings()).containsExactly("mini/check.yaml:11: missing field 'feedback'");
	}

	@Test
	void brokenInternalLinkIsReportedOnItsLine() throws IOException {
		edit("a.md", "(b.md)", "(c.md)");
		assertThat(findings()).containsExactly("mini/a.md:5: broken link to 'c.md': no lesson of this course is at that path");
	}

	@Test
	void questionWithNoCorrectAnswerIsReported() throws IOException {
		edit("check.yaml", "        correct: true\n", "");
		assertThat(findings()).containsExactly("mini/check.yaml:4: question 'q1' has no correct answer");
	}

	@Test
	void unreachableScenarioNodeIsReported() throws IOException {
		edit("scenario.yaml", "    ending: true\n", """
				    ending: true
				  - id: lost
				    text: Nobody gets here
				    ending: true
				""");
		assertThat(findings()).containsExactly("mini/scenario.yaml:15: unreachable: no choice leads to node 'lost'");
	}

	@Test
	void deadEndScenarioNodeIsReported() throws IOException {
		edit("scenario.yaml", "    ending: true\n", "");
		assertThat(findings()).containsExactly("mini/scenario.yaml:12: dead end: node 'end' has no choices and is not an ending");
	}

	@Test
	void scenarioLoopWithNoWayOutIsADeadEnd() throws IOException {
		edit("scenario.yaml", "        next: end\n", "        next: n1\n");
		assertThat(findings()).containsExactly("mini/scenario.yaml:6: dead end: no ending can be reached from node 'n1'",
				"mini/scenario.yaml:12: unreachable: no choice leads to node 'end'");
	}

	@Test
	void choiceLeadingToUnknownNodeIsReported() throws IOException {
		edit("scenario.yaml", "        next: end\n", "        next: nowhere\n");
		assertThat(findings()).contains("mini/scenario.yaml:10: choice in node 'n1' leads to unknown node 'nowhere'");
	}

	@Test
	void duplicateIdsAreReportedAtTheSecondUse() throws IOException {
		edit("b.md", "id: b", "id: a");
		assertThat(findings()).containsExactly("mini/b.md:2: duplicate id 'a' (first used at mini/a.md:2)");
	}

	@Test
	void duplicateQuestionIdsAcrossBanksAreReported() throws IOException {
		edit("final.yaml", "id: f1", "id: q1");
		assertThat(findings()).containsExactly("mini/final.yaml:4: duplicate id 'q1' (first used at mini/check.yaml:4)");
	}

	@Test
	void missingReferencedFileIsReported() throws IOException {
		edit("course.yaml", "lesson: b.md", "lesson: missing.md");
		assertThat(findings()).containsExactly("mini/a.md:5: broken link to 'b.md': no lesson of this course is at that path",
				"mini/course.yaml:13: file not found: missing.md");
	}

	@Test
	void yamlSyntaxErrorIsReportedWithItsLine() throws IOException {
		edit("check.yaml", "    prompt: Pick one\n", "    prompt: [Pick one\n");
		assertThat(findings()).hasSize(1).first().asString().startsWith("mini/check.yaml:").contains("YAML syntax error");
	}

	@Test
	void drawLargerThanTheBankIsReported() throws IOException {
		edit("course.yaml", "draw: 1", "draw: 3");
		assertThat(findings()).containsExactly("mini/course.yaml:18: the assessment draws 3 questions but its bank has only 1");
	}

	@Test
	void singleChoiceWithTwoRightAnswersIsReported() throws IOException {
		edit("check.yaml", "        feedback: No, because it is wrong.\n", "        feedback: No.\n        correct: true\n");
		assertThat(findings()).containsExactly("mini/check.yaml:4: question 'q1' has 2 correct answers but only one can be chosen");
	}

	@Test
	void questionPointingAtUnknownModuleIsReported() throws IOException {
		edit("final.yaml", "module: m1", "module: m9");
		assertThat(findings()).containsExactly("mini/final.yaml:7: question refers to unknown module 'm9'");
	}

	@Test
	void pathsMayNotLeaveTheCourseFolder() throws IOException {
		edit("course.yaml", "lesson: b.md", "lesson: ../../etc/passwd");
		assertThat(findings()).contains("mini/course.yaml:13: '../../etc/passwd' is outside the course folder");
	}

	@Test
	void scriptInACourseFileIsRenderedInert() throws IOException {
		edit("a.md", "Hello.", """
				<script>alert('x')</script><img src=x onerror="alert(1)"> [click](javascript:alert(2))
				<iframe src="https://example.org"></iframe><p onclick="alert(3)">text</p>
				""");
		edit("check.yaml", "prompt: Pick one", "prompt: Pick <script>alert(4)</script> one");
		CourseReader.Result result = read();
		assertThat(result.findings()).isEmpty();
		String html = ((Lesson) result.course().modules().get(0).items().get(0)).html();
		String prompt = ((KnowledgeCheck) result.course().modules().get(0).items().get(2)).questions().get(0).promptHtml();
		for (String h : List.of(html, prompt)) {
			assertThat(h.toLowerCase()).doesNotContain("<script", "onerror=", "href=\"javascript", "<iframe", "onclick=", "<img");
		}
		assertThat(html).contains("text");
	}

	@Test
	void commandLineLintPrintsFileAndLineAndCountsProblems() throws IOException {
		edit("a.md", "(b.md)", "(c.md)");
		read();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int problems = CourseLint.lint(root, new PrintStream(out, true, StandardCharsets.UTF_8));
		assertThat(problems).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains(root.resolve("mini/a.md").toString() + ":5: broken link")
			.contains("1 problem found");
	}

	@Test
	void bannedPhrasingInALessonIsReportedOnItsLine() throws IOException {
		edit("b.md", "Second page.", "Second page.\nHer brother committed suicide last year.");
		assertThat(findings()).contains("mini/b.md:6: safe messaging: avoid 'committed suicide' (say 'died by suicide' or 'took their own life')");
	}

	@Test
	void bannedPhrasingInFeedbackIsReported() throws IOException {
		edit("check.yaml", "feedback: Yes, because it is right.", "feedback: It was a cry for help.");
		assertThat(findings()).containsExactly(
				"mini/check.yaml:10: safe messaging: avoid 'cry for help' (avoid judging phrases; say 'a sign they need support')");
	}

	@Test
	void aLessonMentioningSuicideNeedsTheSupportBoxAndItsModuleAContentNote() throws IOException {
		edit("b.md", "Second page.", "Some people think about ending their life. Asking about suicide directly is safe.");
		assertThat(findings()).containsExactly(
				"mini/b.md:2: safe messaging: the lesson mentions suicide or self-harm but has no support box (support_box: true)",
				"mini/course.yaml:9: safe messaging: module 'm1' discusses suicide or self-harm but its first lesson has no content note (content_note: true)");
		edit("b.md", "title: B", "title: B\nsupport_box: true");
		edit("a.md", "title: A", "title: A\ncontent_note: true");
		assertThat(read().findings()).isEmpty();
	}

	@Test
	void theLearnerIsNeverCalledAFirstAiderNorToldTheyDiagnose() throws IOException {
		edit("a.md", "Hello.", "Hello, Mental Health First Aider.\nYou can diagnose what is wrong.\nYou do not diagnose or treat.");
		assertThat(findings()).containsExactly(
				"mini/a.md:5: safe messaging: avoid 'mental health first aider' (this is an awareness course: the term is protected)",
				"mini/a.md:6: awareness course: do not suggest the learner can diagnose (say what they can notice, ask and signpost)");
	}

}
