package org.opendoor.lms.organisation;

import java.time.Instant;

/**
 * An email invitation to join an organisation, as its admins see it.
 *
 * @param id internal id
 * @param email who it was sent to
 * @param displayName the name given with it, or {@code null}
 * @param groupName the group they will join, or {@code null}
 * @param emailStatus {@code PENDING}, {@code SENDING} or {@code SENT}
 * @param expiresAt when the link stops working
 * @param acceptedAt when it was used, or {@code null}
 */
public record Invitation(long id, String email, String displayName, String groupName, String emailStatus,
		Instant expiresAt, Instant acceptedAt) {

	/** The last day the link works (UK time). */
	public java.time.LocalDate expiresOn() {
		return expiresAt.atZone(java.time.ZoneId.of("Europe/London")).toLocalDate();
	}

}
