package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Question;

/**
 * Draws an attempt's assessment questions from the bank: critical-safety items first (so every
 * attempt is tested on safety when the draw has room), then others at random, in shuffled order.
 */
public final class AssessmentDraw {

	private AssessmentDraw() {
	}

	/** Draws question ids. */
	public static List<String> draw(Assessment assessment, Random random) {
		if (assessment == null) {
			return List.of();
		}
		List<Question> critical = new ArrayList<>(assessment.questions().stream().filter(Question::critical).toList());
		List<Question> other = new ArrayList<>(assessment.questions().stream().filter(q -> !q.critical()).toList());
		Collections.shuffle(critical, random);
		Collections.shuffle(other, random);
		List<Question> pool = new ArrayList<>(critical);
		pool.addAll(other);
		List<String> drawn = new ArrayList<>(pool.subList(0, Math.min(assessment.draw(), pool.size()))
			.stream()
			.map(Question::id)
			.toList());
		Collections.shuffle(drawn, random);
		return drawn;
	}

}
