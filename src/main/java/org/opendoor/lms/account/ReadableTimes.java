package org.opendoor.lms.account;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Moments as people read them, in UK time (Europe/London, so summer time counts) and in the reader's language:
 * "7 December 2026, 22:30" or "7 Rhagfyr 2026, 22:30", never {@code 2026-12-07T22:30:00Z}. Pages call it as
 * {@code @readableTimes}.
 */
@Component("readableTimes")
public class ReadableTimes {

	/** The time zone every time shown to people is in. */
	public static final ZoneId UK = ZoneId.of("Europe/London");

	/** A date and time, for example "7 December 2026, 22:30"; empty for none. */
	public String dateTime(Instant moment, Locale locale) {
		return format(moment, "d MMMM yyyy, HH:mm", locale);
	}

	/** A date, for example "7 December 2026"; empty for none. */
	public String date(Instant moment, Locale locale) {
		return format(moment, "d MMMM yyyy", locale);
	}

	private static String format(Instant moment, String pattern, Locale locale) {
		if (moment == null) {
			return "";
		}
		Locale language = locale != null && "cy".equals(locale.getLanguage()) ? Locale.forLanguageTag("cy") : Locale.UK;
		return DateTimeFormatter.ofPattern(pattern, language).format(moment.atZone(UK));
	}

}
