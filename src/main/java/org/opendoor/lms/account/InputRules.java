package org.opendoor.lms.account;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the site accepts from a person in a name or a date, wherever it is typed or imported. Text may hold no
 * control characters (NUL, BEL, line breaks…) and no bidirectional controls (a right-to-left override can
 * make a name read differently on the verify page than in the PDF); it is stored NFC-normalised, so the same
 * name is the same characters. Dates lie between {@value #FIRST_YEAR} and {@value #LAST_YEAR}, which every
 * database and every date sum here can hold.
 */
public final class InputRules {

	/** The earliest year a date may have. */
	public static final int FIRST_YEAR = 1900;

	/** The latest year a date may have. */
	public static final int LAST_YEAR = 2200;

	private static final String REFUSED = "\\p{Cc}\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

	/**
	 * Text without control characters, line or paragraph separators and bidirectional controls (Arabic letter
	 * mark, left-to-right and right-to-left marks, embeddings, overrides and isolates), for {@code @Pattern}.
	 */
	public static final String PLAIN_TEXT = "[^" + REFUSED + "]*";

	private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile(PLAIN_TEXT);

	private static final java.util.regex.Pattern REFUSED_CHARACTER = java.util.regex.Pattern.compile("[" + REFUSED + "]");

	private static final java.util.regex.Pattern DATE_SHAPE = java.util.regex.Pattern.compile("([+-]?\\d+)-\\d{2}-\\d{2}");

	private InputRules() {
	}

	/** Whether the text has none of the refused characters (null counts as plain). */
	public static boolean isPlain(String text) {
		return text == null || PLAIN.matcher(text).matches();
	}

	/** The text with any refused character taken out, for names that come from elsewhere (an identity provider). */
	public static String withoutRefused(String text) {
		return text == null ? null : REFUSED_CHARACTER.matcher(text).replaceAll("");
	}

	/** The text stripped of surrounding space and NFC-normalised; null stays null. */
	public static String normalise(String text) {
		return text == null ? null : Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
	}

	/** Whether a date lies in the years the site accepts. */
	public static boolean inRange(LocalDate date) {
		return date != null && date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
	}

	/**
	 * Whether the text is written as a date (year, month, day) whose year lies outside the accepted years, so
	 * the person can be told about the years rather than the format.
	 */
	public static boolean yearOutOfRange(String text) {
		java.util.regex.Matcher m = DATE_SHAPE.matcher(text == null ? "" : text.strip());
		if (!m.matches()) {
			return false;
		}
		String digits = m.group(1).replaceFirst("^[+-]", "");
		return digits.length() > 6 || m.group(1).startsWith("-") || Integer.parseInt(digits) < FIRST_YEAR
				|| Integer.parseInt(digits) > LAST_YEAR;
	}

	/** A date written like 2026-11-23 and within the accepted years, or empty. */
	public static Optional<LocalDate> date(String text) {
		if (text == null || text.isBlank() || text.length() > 20) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(text.strip())).filter(InputRules::inRange);
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

}
