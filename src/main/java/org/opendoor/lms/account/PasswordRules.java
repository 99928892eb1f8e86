package org.opendoor.lms.account;

import java.util.Locale;
import java.util.Set;

/**
 * Password rules in the spirit of NIST SP 800-63B: length matters (checked on the form), composition
 * rules do not, and passwords everyone guesses first are refused.
 */
public final class PasswordRules {

	private static final Set<String> COMMON = Set.of("password12", "password123", "1234567890", "12345678910",
			"qwertyuiop", "iloveyou12", "letmein123", "welcome123", "password1!", "abc1234567", "0987654321",
			"1111111111", "passw0rd12", "football12", "changeme12", "qwerty1234", "1q2w3e4r5t", "monkey1234",
			"sunshine12", "princess12");

	private PasswordRules() {
	}

	/** Whether a password is on the list of commonly used ones, or is one character repeated. */
	public static boolean isCommon(String password) {
		if (password == null) {
			return false;
		}
		String p = password.toLowerCase(Locale.ROOT);
		return COMMON.contains(p) || p.chars().distinct().count() == 1;
	}

}
