package org.opendoor.lms.lti;

import java.time.Instant;
import java.util.UUID;

/** What the LTI module tells other modules. */
public final class LtiEvents {

	private LtiEvents() {
	}

	/**
	 * A learner opened a course from a learning platform (an LTI resource link launch).
	 *
	 * @param learnerId the learner's account
	 * @param attemptId the attempt the course opened on
	 * @param platformIssuer the platform's issuer (for Moodle, its address)
	 * @param platformName the platform's name as the site admin registered it
	 * @param contextId the platform's course (LTI context) id, or {@code null}
	 * @param contextTitle the platform's course title, or {@code null}
	 * @param resourceLinkId the platform's placement of the course (LTI resource link) id
	 * @param resourceLinkTitle the placement's title, or {@code null}
	 * @param at when
	 */
	public record CourseOpened(long learnerId, UUID attemptId, String platformIssuer, String platformName, String contextId,
			String contextTitle, String resourceLinkId, String resourceLinkTitle, Instant at) {
	}

}
