package org.opendoor.lms.organisation;

import java.time.Instant;

/**
 * A person in an organisation, as its admins see them.
 *
 * @param accountId their account id
 * @param displayName their name
 * @param email their email address (personal data: shown to this organisation's admins only)
 * @param role {@code LEARNER} or {@code ORG_ADMIN} in this organisation
 * @param groupId their group, or {@code null}
 * @param groupName their group's name, or {@code null}
 * @param joinedAt when they joined
 */
public record Member(long accountId, String displayName, String email, String role, Long groupId, String groupName,
		Instant joinedAt) {

	/** Whether they administer this organisation. */
	public boolean admin() {
		return "ORG_ADMIN".equals(role);
	}

}
