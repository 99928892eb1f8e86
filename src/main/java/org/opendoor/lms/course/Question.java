package org.opendoor.lms.course;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A question with coaching feedback on every option.
 *
 * @param id question id, unique in the course
 * @param type how many options may be chosen
 * @param promptHtml the question, rendered and sanitised
 * @param options the options in order; their keys are a, b, c…
 * @param critical whether the item is critical to safety: a wrong answer fails the assessment whatever
 * the score
 * @param revisitModule id of the module to revisit when this is answered wrongly, or {@code null}
 * @param explanationHtml coaching shown after any answer, or {@code null}
 * @param topic the assessment blueprint topic the question covers (for example {@code asking-directly}),
 * or {@code null}
 * @param fixedOrder whether the options must be shown in the author's order (for example "1 to 5"
 * scales); otherwise each attempt shows them in its own shuffled order
 * @param supportBox whether the question's page carries the support box (questions on suicide or
 * self-harm must)
 */
public record Question(String id, QuestionType type, String promptHtml, List<Option> options, boolean critical,
		String revisitModule, String explanationHtml, String topic, boolean fixedOrder, boolean supportBox) {

	/** A question with no blueprint topic whose options are shuffled per attempt. */
	public Question(String id, QuestionType type, String promptHtml, List<Option> options, boolean critical,
			String revisitModule, String explanationHtml) {
		this(id, type, promptHtml, options, critical, revisitModule, explanationHtml, null, false, false);
	}

	/** The keys of the right options, for example {@code [a, c]}. */
	public Set<String> correctKeys() {
		return IntStream.range(0, options.size())
			.filter(i -> options.get(i).correct())
			.mapToObj(Option::keyFor)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** Whether the chosen option keys are exactly the right ones. */
	public boolean isCorrect(Set<String> chosen) {
		return !chosen.isEmpty() && correctKeys().equals(new TreeSet<>(chosen));
	}

	/**
	 * One option of a question.
	 *
	 * @param key the option's key (a, b, c…)
	 * @param textHtml the option text, rendered and sanitised
	 * @param correct whether choosing it is right
	 * @param feedbackHtml coaching for a learner who chose it
	 */
	public record Option(String key, String textHtml, boolean correct, String feedbackHtml) {

		/** The key of the option at a zero-based position. */
		public static String keyFor(int index) {
			return String.valueOf((char) ('a' + index));
		}

	}

}
