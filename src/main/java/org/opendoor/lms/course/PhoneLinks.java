package org.opendoor.lms.course;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Finds UK phone numbers and text short codes in text people read, so a phone can call or text them with a
 * tap: {@code 999}, {@code 111}, {@code 116 123}, {@code 0800 1111}, {@code 028 9032 8474} become {@code tel:}
 * links; "text SHOUT to 85258" becomes {@code sms:85258?&body=SHOUT} and "text 86463" {@code sms:86463}. The
 * visible text stays exactly as written.
 */
public final class PhoneLinks {

	/** A keyword texted to a short code: "SHOUT to 85258" (Welsh: "SHOUT i 85258"). */
	private static final Pattern SMS_KEYWORD = Pattern
		.compile("(?<![\\w-])([A-Z][A-Z0-9]{1,15})[ \\u00a0]+(?:to|i|at)[ \\u00a0]+(\\d{5,6}|999)(?![\\w-]|[.,:]\\d)");

	/** A number to text: "text 86463", "tecstiwch 88247". */
	private static final Pattern SMS_NUMBER = Pattern.compile(
			"(?i)(?<![\\w-])(?:text|texting|tecstiwch|tecstio|neges destun (?:i|at))[ \\u00a0]+(?:on[ \\u00a0]+)?(\\d{5,6}|999)(?![\\w-]|[.,:]\\d)");

	/** A UK number starting with 0, in groups: "0800 58 58 58", "080880 23456". */
	private static final Pattern LONG = Pattern
		.compile("(?<![\\w+£$.,/-])0\\d{2,10}(?!\\d)(?:[ \\u00a0]\\d{2,6}(?!\\d)){0,4}");

	/** The short numbers: 999, 111, 112, 101, 119 and the 116 helplines; not "999 BSL", a service that is no call. */
	private static final Pattern SHORT = Pattern.compile(
			"(?<![\\w+£$.,/:-])(?:999|111|112|101|119|116[ \\u00a0]?\\d{3})(?![\\w%-]|[.,:/]\\d|[ \\u00a0]BSL)");

	private static final String CHILDLINE = "08001111";

	private PhoneLinks() {
	}

	/**
	 * A number found in text.
	 *
	 * @param start where the link text starts
	 * @param end where it ends (exclusive)
	 * @param href {@code tel:…} or {@code sms:…}
	 */
	public record Found(int start, int end, String href) {
	}

	/** Every number in the text, in order, none overlapping. */
	public static List<Found> find(String text) {
		List<Found> all = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return all;
		}
		Matcher m = SMS_KEYWORD.matcher(text);
		while (m.find()) {
			all.add(new Found(m.start(), m.end(), "sms:" + m.group(2) + "?&body=" + m.group(1)));
		}
		m = SMS_NUMBER.matcher(text);
		while (m.find()) {
			all.add(new Found(m.start(1), m.end(1), "sms:" + m.group(1)));
		}
		m = LONG.matcher(text);
		while (m.find()) {
			String[] groups = m.group().split("[ \\u00a0]");
			// Childline's 0800 1111 is the one short freephone number: followed by other figures, it ends there
			int longest = groups.length >= 2 && (groups[0] + groups[1]).equals(CHILDLINE) ? 2 : groups.length;
			for (int n = longest; n > 0; n--) {
				String digits = String.join("", java.util.Arrays.copyOf(groups, n));
				if (isUkNumber(digits)) {
					int length = String.join(" ", java.util.Arrays.copyOf(groups, n)).length();
					all.add(new Found(m.start(), m.start() + length, "tel:" + digits));
					break;
				}
			}
		}
		m = SHORT.matcher(text);
		while (m.find()) {
			all.add(new Found(m.start(), m.end(), "tel:" + m.group().replaceAll("\\D", "")));
		}
		all.sort(java.util.Comparator.comparingInt(Found::start).thenComparing(f -> -f.end()));
		List<Found> kept = new ArrayList<>();
		int after = 0;
		for (Found f : all) {
			if (f.start() >= after) {
				kept.add(f);
				after = f.end();
			}
		}
		return kept;
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	private static boolean isUkNumber(String digits) {
		return digits.length() == 10 || digits.length() == 11 || digits.equals(CHILDLINE);
	}

	/** The links' targets in the text, for comparing a translation's numbers with the source's. */
	public static Set<String> targets(String text) {
		Set<String> targets = new LinkedHashSet<>();
		for (Found f : find(text)) {
			targets.add(f.href());
		}
		return targets;
	}

	/** Plain text as HTML: escaped, with each number a link whose text is the number as written. */
	public static String html(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder html = new StringBuilder();
		int at = 0;
		for (Found f : find(text)) {
			html.append(escape(text.substring(at, f.start())))
				.append("<a class=\"phone\" href=\"")
				.append(escape(f.href()))
				.append("\">")
				.append(escape(text.substring(f.start(), f.end())))
				.append("</a>");
			at = f.end();
		}
		return html.append(escape(text.substring(at))).toString();
	}

}
