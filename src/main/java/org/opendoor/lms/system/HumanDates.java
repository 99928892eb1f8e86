package org.opendoor.lms.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Dates as people read them, in the visitor's language: "7 December 2026", "7 Rhagfyr 2026". A moment in time is
 * shown as the day it was in the UK. Templates call it as {@code @dates.day(date, #locale)}.
 */
@Component("dates")
public class HumanDates {

	static final ZoneId UK = ZoneId.of("Europe/London");

	/**
	 * The day in words, or an empty text for no date.
	 * @param date the day
	 * @param locale the visitor's language
	 * @return for example "7 December 2026"
	 */
	public String day(LocalDate date, Locale locale) {
		return date == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(date);
	}

	/**
	 * The UK day of a moment in words, or an empty text for none.
	 * @param moment the moment
	 * @param locale the visitor's language
	 * @return for example "7 December 2026"
	 */
	public String day(Instant moment, Locale locale) {
		return moment == null ? "" : day(moment.atZone(UK).toLocalDate(), locale);
	}

}
