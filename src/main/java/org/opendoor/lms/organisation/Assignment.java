package org.opendoor.lms.organisation;

import java.time.LocalDate;

/**
 * A course an organisation asks its volunteers to complete by a date.
 *
 * @param id internal id
 * @param organisationId the organisation
 * @param courseId the course
 * @param groupId the group it is for, or {@code null} for everyone in the organisation
 * @param groupName that group's name, or {@code null}
 * @param dueOn the date it should be completed by (overdue from the day after)
 */
public record Assignment(long id, long organisationId, String courseId, Long groupId, String groupName, LocalDate dueOn) {

	/** Whether it applies to a member in the given group ({@code null}: in no group). */
	public boolean appliesTo(Long memberGroupId) {
		return groupId == null || groupId.equals(memberGroupId);
	}

}
