package org.opendoor.lms.course;

import java.time.LocalDate;
import java.util.List;

/**
 * A signposting contact, kept as data with its source and the date someone last checked it with the service.
 *
 * @param id stable id
 * @param name the service's name
 * @param reach how to reach it, for example "Call 116 123"
 * @param hours when it is open and any limits (age, cost)
 * @param nations nation codes it serves: england, wales, scotland, northern-ireland
 * @param tier {@code urgent}, {@code support} or {@code information}
 * @param forWhom who it is for
 * @param source where the details come from
 * @param lastReviewed the latest day someone checked the details with the service (in the file or recorded by a
 *        site admin), or {@code null} when nobody has: the record is unchecked
 * @param note anything still to check, or {@code null}
 * @param status whether the record is checked, overdue for a check or unchecked, on the day the list was made
 */
public record SupportContact(String id, String name, String reach, String hours, List<String> nations, String tier,
		String forWhom, String source, LocalDate lastReviewed, String note, Status status) {

	/** Contacts not checked for this long are flagged to admins and shown to learners as due for a check. */
	public static final int REVIEW_MONTHS = 12;

	/** Where a record stands. */
	public enum Status {

		/** Checked with the service in the last 12 months. */
		CHECKED,
		/** Last checked more than 12 months ago. */
		OVERDUE,
		/** Nobody has checked it with the service. */
		UNCHECKED;

		/** The status of a record last checked on {@code checkedOn} (or never, {@code null}) as it stands on {@code today}. */
		public static Status of(LocalDate checkedOn, LocalDate today) {
			if (checkedOn == null) {
				return UNCHECKED;
			}
			return checkedOn.plusMonths(REVIEW_MONTHS).isBefore(today) ? OVERDUE : CHECKED;
		}

	}

	/** A record as read from the file, its status as it stands on {@code today}. */
	public SupportContact(String id, String name, String reach, String hours, List<String> nations, String tier,
			String forWhom, String source, LocalDate lastReviewed, String note, LocalDate today) {
		this(id, name, reach, hours, nations, tier, forWhom, source, lastReviewed, note, Status.of(lastReviewed, today));
	}

	/** Whether the record needs a check on the given day: never checked, or not for 12 months. */
	public boolean isStale(LocalDate today) {
		return Status.of(lastReviewed, today) != Status.CHECKED;
	}

	/**
	 * The record with a check recorded in the app taken into account: the later of its own date and
	 * {@code checkedOn} (or its own when {@code null}), its status as it stands on {@code today}.
	 */
	public SupportContact withCheck(LocalDate checkedOn, LocalDate today) {
		LocalDate latest = checkedOn == null || (lastReviewed != null && lastReviewed.isAfter(checkedOn)) ? lastReviewed
				: checkedOn;
		return new SupportContact(id, name, reach, hours, nations, tier, forWhom, source, latest, note,
				Status.of(latest, today));
	}

	/** How to reach the service as HTML: the text as written, each phone number a {@code tel:} or {@code sms:} link. */
	public String reachHtml() {
		return PhoneLinks.html(reach);
	}

}
