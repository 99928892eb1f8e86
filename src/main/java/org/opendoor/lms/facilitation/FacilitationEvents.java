package org.opendoor.lms.facilitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events other modules (learning records) listen to, published in the same transaction as the change. */
public final class FacilitationEvents {

	private FacilitationEvents() {
	}

	/**
	 * An organisation admin recorded a facilitated group session; each attendee now has the course completed.
	 *
	 * @param sessionId the session (also its xAPI registration)
	 * @param courseId the course
	 * @param courseVersionId the stored course version the completions are on
	 * @param facilitatorId the facilitator's account id
	 * @param attendeeIds the attendees' account ids
	 * @param heldAt when the session took place
	 */
	public record SessionRecorded(UUID sessionId, String courseId, long courseVersionId, long facilitatorId,
			List<Long> attendeeIds, Instant heldAt) {
	}

}
