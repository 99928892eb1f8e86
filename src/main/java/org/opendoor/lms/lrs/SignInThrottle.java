package org.opendoor.lms.lrs;

import java.util.OptionalLong;

/**
 * Slows guessing of LRS client secrets. The LRS counts failed Basic-auth sign-ins from a network address
 * here and refuses, with 429, an address this says must wait, before its credentials are checked. Another
 * module provides it as a Spring bean (the LRS depends on no module); without one, nothing is throttled.
 * Addresses are never logged.
 */
public interface SignInThrottle {

	/** No throttling: for an LRS used without a provider. */
	SignInThrottle NONE = new SignInThrottle() {
		@Override
		public OptionalLong retryAfterSeconds(String address) {
			return OptionalLong.empty();
		}

		@Override
		public void failed(String address) {
		}
	};

	/** How many seconds this address must wait before it may sign in again; empty when it may now. */
	OptionalLong retryAfterSeconds(String address);

	/** Counts a failed sign-in (wrong key or secret) from this address. */
	void failed(String address);

}
