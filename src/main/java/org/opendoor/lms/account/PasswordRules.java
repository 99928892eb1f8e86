package org.opendoor.lms.account;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Zxcvbn;

/**
 * Password rules following NIST SP 800-63B (revision 4, 2025), section 3.1.1.2 "Password verifiers":
 * <ul>
 * <li>at least {@value #MIN_LENGTH} characters, because a password is the only factor here ("If passwords are used as
 * a single-factor authenticator, they SHALL be a minimum of 15 characters in length");</li>
 * <li>up to {@value #MAX_LENGTH} characters allowed (the standard asks for at least 64);</li>
 * <li>every printable Unicode character and spaces accepted; characters are counted as Unicode code points after
 * NFKC normalisation (the password encoder normalises the same way before hashing);</li>
 * <li>no composition rules (no "one digit, one symbol") and no forced periodic change;</li>
 * <li>a blocklist: passwords that are common, expected or compromised are refused. The check uses zxcvbn
 * (com.nulab-inc:zxcvbn, the Java port of Dropbox's estimator), which bundles the 30,000 most frequent passwords of
 * a leaked-password corpus, English words and names, and recognises keyboard runs, sequences, repeats and
 * dates. A password it estimates needs fewer than 10<sup>8</sup> guesses ("passwordpassword",
 * "123456789012345", "iloveyou1234567") is refused;</li>
 * <li>context words: a password containing the site's name or the person's email name (or their name) is
 * refused.</li>
 * </ul>
 * Each refusal has its own message saying why.
 */
public final class PasswordRules {

	/** The shortest password accepted, in characters (NIST SP 800-63B rev. 4, section 3.1.1.2). */
	public static final int MIN_LENGTH = 15;

	/** The longest password accepted, in characters. */
	public static final int MAX_LENGTH = 128;

	/** Fewer estimated guesses than this and the password is refused as too easy to guess. */
	static final double MIN_GUESSES = 1e8;

	/** The site's own name, as people might put it into a password. */
	static final List<String> SITE_WORDS = List.of("opendoor");

	/**
	 * The guess estimator's word lists take about as much memory as the rest of the running app, and are
	 * needed only when someone chooses a password: loaded on first use, and let go when memory is short
	 * (loaded again, in well under a second, the next time).
	 */
	private static java.lang.ref.SoftReference<Zxcvbn> estimator = new java.lang.ref.SoftReference<>(null);

	private static synchronized Zxcvbn estimator() {
		Zxcvbn loaded = estimator.get();
		if (loaded == null) {
			loaded = new Zxcvbn();
			estimator = new java.lang.ref.SoftReference<>(loaded);
		}
		return loaded;
	}

	/** Why a password was refused; each has a message key in {@code messages.properties}. */
	public enum Problem {

		/** Shorter than {@value #MIN_LENGTH} or longer than {@value #MAX_LENGTH} characters. */
		LENGTH("register.password.length"),
		/** On the list of common passwords, or a pattern that is guessed early. */
		COMMON("register.password.common"),
		/** Contains the site's name or the person's own name or email name. */
		CONTEXT("register.password.context");

		private final String messageKey;

		Problem(String messageKey) {
			this.messageKey = messageKey;
		}

		/** The key of the message that explains the problem. */
		public String messageKey() {
			return messageKey;
		}

	}

	private PasswordRules() {
	}

	/**
	 * What is wrong with a new password, if anything.
	 *
	 * @param password the password as typed
	 * @param email the person's email address (its name part is a context word), or {@code null}
	 * @param displayName the person's name (each word of it is a context word), or {@code null}
	 */
	public static Optional<Problem> check(String password, String email, String displayName) {
		if (password == null) {
			return Optional.of(Problem.LENGTH);
		}
		String normalised = normalise(password);
		int length = normalised.codePointCount(0, normalised.length());
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			return Optional.of(Problem.LENGTH);
		}
		List<String> context = contextWords(email, displayName);
		String squashed = squash(normalised);
		for (String word : context) {
			if (squashed.contains(word)) {
				return Optional.of(Problem.CONTEXT);
			}
		}
		if (isCommon(normalised)) {
			return Optional.of(Problem.COMMON);
		}
		return Optional.empty();
	}

	/** Whether a password is common or guessed early (see the class comment). */
	public static boolean isCommon(String password) {
		if (password == null) {
			return false;
		}
		// zxcvbn's cost grows with length; the first 64 characters are plenty to judge guessability
		String p = normalise(password);
		String judged = p.codePointCount(0, p.length()) > 64 ? p.substring(0, p.offsetByCodePoints(0, 64)) : p;
		return estimator().measure(judged).getGuesses() < MIN_GUESSES;
	}

	/**
	 * A password in Unicode normalisation form NFKC, as NIST SP 800-63B section 3.1.1.2 recommends, so the same
	 * password typed on two keyboards hashes the same.
	 */
	public static String normalise(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	private static List<String> contextWords(String email, String displayName) {
		List<String> words = new ArrayList<>(SITE_WORDS);
		if (email != null && email.indexOf('@') > 0) {
			addIfLongEnough(words, squash(email.substring(0, email.indexOf('@'))));
		}
		if (displayName != null) {
			for (String part : displayName.split("\\s+")) {
				addIfLongEnough(words, squash(part));
			}
		}
		return words;
	}

	/** Short names ("Jo", "Ann") would refuse too many innocent passwords. */
	private static void addIfLongEnough(List<String> words, String word) {
		if (word.length() >= 4) {
			words.add(word);
		}
	}

	/** Lower case, letters and digits only: "Open Door!" and "open-door" both become "opendoor". */
	private static String squash(String text) {
		StringBuilder out = new StringBuilder();
		text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
		return out.toString();
	}

}
