package org.opendoor.lms.system;

import org.opendoor.lms.account.PasswordRules;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes passwords in Unicode normalisation form NFKC (NIST SP 800-63B section 3.1.1.2), so "café" typed with a
 * combining accent signs in as well as with a precomposed é. A hash made before normalisation was added still
 * matches the password as typed.
 */
final class NormalisingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	NormalisingPasswordEncoder(PasswordEncoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return delegate.encode(rawPassword == null ? null : PasswordRules.normalise(rawPassword.toString()));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null) {
			return false;
		}
		String normalised = PasswordRules.normalise(rawPassword.toString());
		return delegate.matches(normalised, encodedPassword)
				|| (!normalised.contentEquals(rawPassword) && delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return delegate.upgradeEncoding(encodedPassword);
	}

}
