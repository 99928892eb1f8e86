package org.opendoor.lms.learning;

import java.time.Instant;
import java.util.UUID;

/**
 * Events other modules (learning records, certificates, reporting) listen to. Each is published in the
 * same transaction as the change it describes.
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
	 * @param at when
	 */
	public record AttemptStarted(UUID attemptId, UUID registration, long learnerId, String courseId, String version,
			Instant at) {
	}

	/**
	 * A learner opened a page.
	 *
	 * @param attemptId the attempt
	 * @param stepKey the page
	 * @param at when
	 */
	public record PageViewed(UUID attemptId, String stepKey, Instant at) {
	}

	/**
	 * A learner answered a question or made a scenario choice.
	 *
	 * @param attemptId the attempt
	 * @param answerKey what was answered
	 * @param response the response as stored
	 * @param correct whether it was right (for a scenario choice: the best choice)
	 * @param at when
	 */
	public record Answered(UUID attemptId, String answerKey, String response, boolean correct, Instant at) {
	}

	/**
	 * A learner submitted an assessment round.
	 *
	 * @param attemptId the attempt
	 * @param learnerId the learner's account id
	 * @param courseId the course
	 * @param courseVersionId the stored course version the attempt is on
	 * @param round the round number
	 * @param mark the mark
	 * @param at when
	 */
	public record AssessmentSubmitted(UUID attemptId, long learnerId, String courseId, long courseVersionId, int round,
			AssessmentMark mark, Instant at) {
	}

}
