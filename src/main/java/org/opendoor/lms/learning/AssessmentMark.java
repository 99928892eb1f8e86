package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.Question;

/**
 * The mark for one assessment round: a pass needs the pass mark <em>and</em> every critical-safety item
 * right, so 90 % with a critical item wrong is a fail.
 *
 * @param correct how many drawn questions were answered right
 * @param total how many were drawn
 * @param percent the score, rounded down
 * @param criticalMissed how many critical-safety items were wrong or unanswered
 * @param passed whether the round is passed
 * @param revisit ids of modules to revisit, in course order
 */
public record AssessmentMark(int correct, int total, int percent, int criticalMissed, boolean passed,
		List<String> revisit) {

	/**
	 * Marks a round.
	 * @param course the course version the attempt is on
	 * @param drawn the drawn questions
	 * @param chosen the option keys chosen for each question id (missing means unanswered)
	 */
	public static AssessmentMark of(Course course, List<Question> drawn, Map<String, Set<String>> chosen) {
		int correct = 0;
		int criticalMissed = 0;
		Set<String> wrongModules = new LinkedHashSet<>();
		for (Question q : drawn) {
			boolean right = q.isCorrect(chosen.getOrDefault(q.id(), Set.of()));
			if (right) {
				correct++;
			}
			else {
				if (q.critical()) {
					criticalMissed++;
				}
				if (q.revisitModule() != null) {
					wrongModules.add(q.revisitModule());
				}
			}
		}
		int total = drawn.size();
		boolean passed = total > 0 && correct * 100 >= course.passMark() * total && criticalMissed == 0;
		List<String> revisit = new ArrayList<>();
		for (CourseModule m : course.modules()) {
			if (wrongModules.contains(m.id())) {
				revisit.add(m.id());
			}
		}
		return new AssessmentMark(correct, total, total == 0 ? 0 : correct * 100 / total, criticalMissed, passed,
				revisit);
	}

}
