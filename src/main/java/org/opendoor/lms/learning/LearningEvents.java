package org.opendoor.lms.learning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events other modules (learning records, certificates, reporting) listen to. Each is published in the
 * same transaction as the change it describes, and carries typed fields (ids, keys, flags): no listener
 * parses a string the learning module made.
 */
public final class LearningEvents {

	private LearningEvents() {
	}

	/**
	 * A learner started an attempt.
	 *
	 * @param attemptId the attempt
	 * @param registration the attempt's registration id
	 * @param learnerId the learner's account id
	 * @param courseId the course
	 * @param version the course version
	 * @param courseVersionId the stored course version
	 * @param at when
	 */
	public record AttemptStarted(UUID attemptId, UUID registration, long learnerId, String courseId, String version,
			long courseVersionId, Instant at) {
	}

	/**
	 * A learner opened a page.
	 *
	 * @param attemptId the attempt
	 * @param registration the attempt's registration id
	 * @param learnerId the learner's account id
	 * @param courseVersionId the stored course version the attempt is on
	 * @param stepKey the page
	 * @param at when
	 */
	public record PageViewed(UUID attemptId, UUID registration, long learnerId, long courseVersionId, String stepKey,
			Instant at) {
	}

	/**
	 * A learner answered a question or made a scenario choice.
	 *
	 * @param attemptId the attempt
	 * @param registration the attempt's registration id
	 * @param learnerId the learner's account id
	 * @param courseVersionId the stored course version the attempt is on
	 * @param answer what was answered, and how
	 * @param at when
	 */
	public record Answered(UUID attemptId, UUID registration, long learnerId, long courseVersionId, Answer answer,
			Instant at) {
	}

	/** One kind of answer, with the ids a listener needs to find the question or decision point. */
	public sealed interface Answer permits CheckAnswer, AssessmentAnswer, ScenarioChoice, ScenarioRestarted {

		/** The module the answer belongs to, or {@code null} for the final assessment. */
		String moduleId();

		/** Whether the answer was right (for a scenario choice: the best choice at that point). */
		boolean correct();

	}

	/**
	 * An answer to a knowledge-check question.
	 *
	 * @param moduleId the module holding the check
	 * @param checkId the knowledge check
	 * @param questionId the question
	 * @param chosen the keys of the chosen options (a, b, c… in the author's order), sorted
	 * @param correct whether exactly the right options were chosen
	 */
	public record CheckAnswer(String moduleId, String checkId, String questionId, List<String> chosen,
			boolean correct) implements Answer {

		public CheckAnswer {
			chosen = List.copyOf(chosen);
		}

	}

	/**
	 * An answer to a question of the final assessment.
	 *
	 * @param round the assessment round (1 for the first, 2 after one retake…)
	 * @param questionId the question
	 * @param chosen the keys of the chosen options (a, b, c… in the author's order), sorted
	 * @param correct whether exactly the right options were chosen
	 */
	public record AssessmentAnswer(int round, String questionId, List<String> chosen, boolean correct)
			implements Answer {

		public AssessmentAnswer {
			chosen = List.copyOf(chosen);
		}

		@Override
		public String moduleId() {
			return null;
		}

	}

	/**
	 * A choice at a decision point of a scenario.
	 *
	 * @param moduleId the module holding the scenario
	 * @param scenarioId the scenario
	 * @param nodeId the decision point
	 * @param choice the chosen choice's index in the author's order (from 0)
	 * @param correct whether it is the best choice there
	 * @param critical whether it is a safety mistake
	 * @param path the decision points passed so far in this run of the scenario, this one last
	 */
	public record ScenarioChoice(String moduleId, String scenarioId, String nodeId, int choice, boolean correct,
			boolean critical, List<String> path) implements Answer {

		public ScenarioChoice {
			path = List.copyOf(path);
		}

	}

	/**
	 * The learner started a scenario again from its first decision point.
	 *
	 * @param moduleId the module holding the scenario
	 * @param scenarioId the scenario
	 */
	public record ScenarioRestarted(String moduleId, String scenarioId) implements Answer {

		@Override
		public boolean correct() {
			return false;
		}

	}

	/**
	 * A learner submitted an assessment round.
	 *
	 * @param attemptId the attempt
	 * @param registration the attempt's registration id
	 * @param learnerId the learner's account id
	 * @param courseId the course
	 * @param courseVersionId the stored course version the attempt is on
	 * @param round the round number
	 * @param mark the mark
	 * @param startedAt when the attempt started
	 * @param at when
	 */
	public record AssessmentSubmitted(UUID attemptId, UUID registration, long learnerId, String courseId,
			long courseVersionId, int round, AssessmentMark mark, Instant startedAt, Instant at) {
	}

	/**
	 * An organisation admin recorded that a learner completed a course in a facilitated group session. The
	 * learner has a new passed attempt (with no assessment result), so progress, dashboards, exports and
	 * reminders count the course as completed. No certificate is issued for it (see docs/facilitation.md).
	 *
	 * @param attemptId the new attempt that holds the completion
	 * @param learnerId the learner's account id
	 * @param courseId the course
	 * @param courseVersionId the stored course version (the latest when the session was recorded)
	 * @param at when the session took place
	 */
	public record CompletedInGroup(UUID attemptId, long learnerId, String courseId, long courseVersionId, Instant at) {
	}

}
