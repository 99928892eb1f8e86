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
	 * @param answerKey what was answered: {@code check:Q}, {@code scenario:S} or {@code assessment:ROUND:Q}
	 * @param response the response as stored (for a scenario: the path of choices so far)
	 * @param correct whether it was right (for a scenario choice: the best choice)
	 * @param at when
	 */
	public record Answered(UUID attemptId, UUID registration, long learnerId, long courseVersionId, String answerKey,
			String response, boolean correct, Instant at) {
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
