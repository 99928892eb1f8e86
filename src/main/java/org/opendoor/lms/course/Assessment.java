package org.opendoor.lms.course;

import java.util.List;
import java.util.Map;

/**
 * The final assessment: a bank of questions from which each attempt draws some.
 *
 * @param id bank id
 * @param title title shown to the learner
 * @param draw how many questions each attempt draws
 * @param questions the whole bank
 * @param source path of the bank file relative to the course folder
 * @param blueprint what every attempt must cover, or {@code null} (then every critical item is drawn first
 * when there is room, and the rest at random)
 * @param contentNote whether the assessment opens with a content note (its bank discusses suicide or
 * self-harm)
 */
public record Assessment(String id, String title, int draw, List<Question> questions, String source,
		Blueprint blueprint, boolean contentNote) {

	/** An assessment without a blueprint or content note. */
	public Assessment(String id, String title, int draw, List<Question> questions, String source) {
		this(id, title, draw, questions, source, null, false);
	}

	/**
	 * What every attempt's draw must cover.
	 *
	 * @param modules the least number of questions drawn from each module, by module id, in course order
	 * @param topics topics of which every attempt draws at least one question, in the order they are drawn
	 */
	public record Blueprint(Map<String, Integer> modules, List<String> topics) {
	}

}
