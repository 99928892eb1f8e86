package org.opendoor.lms.xapi.internal;

import java.time.Duration;
import java.util.OptionalLong;

import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;
import org.opendoor.lms.lrs.SignInThrottle;
import org.springframework.stereotype.Component;

/**
 * The built-in LRS's sign-in throttle: {@value #MAX_FAILURES} failed Basic-auth attempts from one network
 * address in {@code WINDOW}, then one more every ten seconds; past that the address must wait. Counts are
 * in the database, shared by every instance ({@link RateLimits}).
 */
@Component
class LrsSignInLimits implements SignInThrottle {

	static final int MAX_FAILURES = 30;

	static final Duration WINDOW = Duration.ofMinutes(5);

	static final Limit FAILURES = Limit.of("lrs-auth", MAX_FAILURES, WINDOW);

	private final RateLimits limits;

	LrsSignInLimits(RateLimits limits) {
		this.limits = limits;
	}

	@Override
	public OptionalLong retryAfterSeconds(String address) {
		RateLimits.Decision decision = limits.check(FAILURES, address);
		return decision.allowed() ? OptionalLong.empty() : OptionalLong.of(decision.retryAfterSeconds());
	}

	@Override
	public void failed(String address) {
		limits.take(FAILURES, address);
	}

}
