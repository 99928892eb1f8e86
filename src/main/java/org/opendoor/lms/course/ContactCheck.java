package org.opendoor.lms.course;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One check of a support contact with its service, recorded by a site admin.
 *
 * @param id the row's id (0 before it is stored)
 * @param contactId the contact's id in {@code support-contacts.yaml}
 * @param checkedOn the day of the check
 * @param checkedBy who checked, as the admin wrote it
 * @param method how: by phone, on the service's website or by email
 * @param confirmed whether the check found the details right; a check that found something to change does not
 *        count as a check of the record until the file is corrected
 * @param note what was checked or found, or {@code null}
 * @param recordedBy the account id of the admin who recorded it
 * @param recordedAt when it was recorded
 */
public record ContactCheck(long id, String contactId, LocalDate checkedOn, String checkedBy, Method method,
		boolean confirmed, String note, long recordedBy, Instant recordedAt) {

	/** How a check was made. */
	public enum Method {

		/** By phoning the service. */
		PHONE,
		/** On the service's own website. */
		WEBSITE,
		/** By email with the service. */
		EMAIL

	}

}
