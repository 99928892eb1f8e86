package org.opendoor.lms.directory;

import java.time.LocalDate;

/**
 * A local service in an organisation's signposting directory.
 *
 * @param id internal id
 * @param organisationId the organisation whose directory it is in
 * @param organisationName that organisation's name
 * @param name the service's name
 * @param offer what it offers
 * @param hours when it is open
 * @param reach how to reach it
 * @param forWhom who it is for
 * @param tier how pressing the help is
 * @param lastReviewed when someone last checked the details
 */
public record LocalService(long id, long organisationId, String organisationName, String name, String offer,
		String hours, String reach, String forWhom, Tier tier, LocalDate lastReviewed) {

	/** Local services not reviewed for this long are flagged to the organisation's admins. */
	public static final int REVIEW_MONTHS = 12;

	/** Whether the entry is due for review on the given day. */
	public boolean isStale(LocalDate today) {
		return lastReviewed.plusMonths(REVIEW_MONTHS).isBefore(today);
	}

	/** How to reach the service as HTML: the text as written, each phone number a {@code tel:} or {@code sms:} link. */
	public String reachHtml() {
		return org.opendoor.lms.course.PhoneLinks.html(reach);
	}

}
