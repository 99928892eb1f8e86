package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.QuestionType;

import static org.assertj.core.api.Assertions.assertThat;

/** The pass rule: the pass mark and every critical-safety item right. */
class AssessmentMarkTests {

	private static Question question(String id, boolean critical, String module) {
		return new Question(id, QuestionType.SINGLE, "<p>" + id + "</p>",
				List.of(new Question.Option("a", "right", true, "yes"), new Question.Option("b", "wrong", false, "no")),
				critical, module, null);
	}

	private final List<Question> bank = new ArrayList<>();

	private Course course() {
		Lesson lesson = new Lesson("l", "L", 1, false, false, "x", "<p>x</p>", "l.md");
		return new Course("c", "1", "C", "d", List.of("en"), 10, 80, 36,
				List.of(new CourseModule("m1", "One", List.of(lesson)), new CourseModule("m2", "Two", List.of(lesson))),
				new Assessment("final", "Final", 10, bank, "final.yaml"));
	}

	private Map<String, Set<String>> allRightExcept(String... wrong) {
		Map<String, Set<String>> chosen = new HashMap<>();
		bank.forEach(q -> chosen.put(q.id(), Set.of("a")));
		for (String id : wrong) {
			chosen.put(id, Set.of("b"));
		}
		return chosen;
	}

	private void tenQuestionsWithCriticalFirst() {
		bank.add(question("crit", true, "m2"));
		for (int i = 1; i < 10; i++) {
			bank.add(question("q" + i, false, i % 2 == 0 ? "m1" : "m2"));
		}
	}

	@Test
	void ninetyPercentWithACriticalItemWrongFails() {
		tenQuestionsWithCriticalFirst();
		AssessmentMark mark = AssessmentMark.of(course(), bank, allRightExcept("crit"));
		assertThat(mark.percent()).isEqualTo(90);
		assertThat(mark.criticalMissed()).isEqualTo(1);
		assertThat(mark.passed()).isFalse();
		assertThat(mark.revisit()).containsExactly("m2");
	}

	@Test
	void eightyPercentWithEveryCriticalItemRightPasses() {
		tenQuestionsWithCriticalFirst();
		AssessmentMark mark = AssessmentMark.of(course(), bank, allRightExcept("q1", "q2"));
		assertThat(mark.percent()).isEqualTo(80);
		assertThat(mark.passed()).isTrue();
		assertThat(mark.revisit()).containsExactly("m1", "m2");
	}

	@Test
	void belowThePassMarkFailsAndUnansweredCountsAsWrong() {
		tenQuestionsWithCriticalFirst();
		Map<String, Set<String>> chosen = allRightExcept("q1", "q2");
		chosen.remove("q3");
		AssessmentMark mark = AssessmentMark.of(course(), bank, chosen);
		assertThat(mark.correct()).isEqualTo(7);
		assertThat(mark.passed()).isFalse();
	}

	@Test
	void multipleChoiceNeedsExactlyTheRightOptions() {
		Question multi = new Question("m", QuestionType.MULTIPLE, "p",
				List.of(new Question.Option("a", "1", true, "f"), new Question.Option("b", "2", true, "f"),
						new Question.Option("c", "3", false, "f")),
				false, null, null);
		assertThat(multi.isCorrect(Set.of("a", "b"))).isTrue();
		assertThat(multi.isCorrect(Set.of("a"))).isFalse();
		assertThat(multi.isCorrect(Set.of("a", "b", "c"))).isFalse();
		assertThat(multi.isCorrect(Set.of())).isFalse();
	}

	@Test
	void everyDrawIncludesTheCriticalItemsWhenThereIsRoom() {
		for (int i = 0; i < 5; i++) {
			bank.add(question("crit" + i, true, "m1"));
		}
		for (int i = 0; i < 20; i++) {
			bank.add(question("q" + i, false, "m1"));
		}
		Assessment assessment = new Assessment("final", "Final", 15, bank, "final.yaml");
		for (int seed = 0; seed < 20; seed++) {
			List<String> draw = AssessmentDraw.draw(assessment, new Random(seed));
			assertThat(draw).hasSize(15).doesNotHaveDuplicates().contains("crit0", "crit1", "crit2", "crit3", "crit4");
		}
	}

}
