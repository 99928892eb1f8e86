package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Question;

/**
 * Draws an attempt's assessment questions from the bank.
 * <p>
 * With a blueprint: one question on each of the blueprint's topics first (so every attempt tests, for
 * example, asking directly about suicide), then more from each module until it has its least number,
 * then the rest at random; the drawn questions are shown in shuffled order. Without a blueprint: every
 * critical-safety item first when the draw has room, then others at random.
 * <p>
 * The package player ({@code packaging/player/player.js}) draws the same way.
 */
public final class AssessmentDraw {

	private AssessmentDraw() {
	}

	/** Draws question ids. */
	public static List<String> draw(Assessment assessment, Random random) {
		if (assessment == null) {
			return List.of();
		}
		Assessment.Blueprint blueprint = assessment.blueprint();
		Set<Question> chosen = new LinkedHashSet<>();
		List<Question> bank = assessment.questions();
		if (blueprint != null) {
			for (String topic : blueprint.topics()) {
				pick(bank, chosen, q -> topic.equals(q.topic()), 1, random);
			}
			for (Map.Entry<String, Integer> module : blueprint.modules().entrySet()) {
				long have = chosen.stream().filter(q -> module.getKey().equals(q.revisitModule())).count();
				pick(bank, chosen, q -> module.getKey().equals(q.revisitModule()), module.getValue() - (int) have,
						random);
			}
		}
		else {
			pick(bank, chosen, Question::critical, assessment.draw(), random);
		}
		pick(bank, chosen, q -> true, assessment.draw() - chosen.size(), random);
		List<String> drawn = new ArrayList<>(chosen.stream().limit(assessment.draw()).map(Question::id).toList());
		Collections.shuffle(drawn, random);
		return drawn;
	}

	/** Adds up to {@code count} questions not yet chosen that match, picked at random. */
	private static void pick(List<Question> bank, Set<Question> chosen, Predicate<Question> wanted, int count,
			Random random) {
		if (count <= 0) {
			return;
		}
		List<Question> candidates = new ArrayList<>(bank.stream().filter(wanted).filter(q -> !chosen.contains(q)).toList());
		Collections.shuffle(candidates, random);
		chosen.addAll(candidates.subList(0, Math.min(count, candidates.size())));
	}

}
