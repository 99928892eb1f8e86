package org.opendoor.lms.course;

import java.time.LocalDate;
import java.util.List;

/**
 * A signposting contact, kept as data with its source and review date.
 *
 * @param id stable id
 * @param name the service's name
 * @param reach how to reach it, for example "Call 116 123"
 * @param hours when it is open and any limits (age, cost)
 * @param nations nation codes it serves: england, wales, scotland, northern-ireland
 * @param tier {@code urgent}, {@code support} or {@code information}
 * @param forWhom who it is for
 * @param source where the details come from
 * @param lastReviewed when someone last checked the details
 * @param note anything still to check, or {@code null}
 */
public record SupportContact(String id, String name, String reach, String hours, List<String> nations, String tier,
		String forWhom, String source, LocalDate lastReviewed, String note) {

	/** Contacts not reviewed for this long are flagged to admins. */
	public static final int REVIEW_MONTHS = 12;

	/** Whether the record is due for review on the given day. */
	public boolean isStale(LocalDate today) {
		return lastReviewed.plusMonths(REVIEW_MONTHS).isBefore(today);
	}

}
