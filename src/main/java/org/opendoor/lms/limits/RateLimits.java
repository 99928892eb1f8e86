package org.opendoor.lms.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import org.opendoor.lms.limits.internal.DatabaseBuckets;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every rate limit of the site, as Bucket4j token buckets in the database table {@code rate_limit_bucket}:
 * each instance reads and writes the same rows (under a row lock), so N instances allow what one does.
 * A bucket is found by a SHA-256 of the limit's name and what it counts, so the table holds no address or
 * email; a full bucket's row is deleted, so the table holds only what is being counted now.
 */
@Component
public class RateLimits {

	private static final int CLEAN_BATCH = 1000;

	private final DatabaseBuckets buckets;

	public RateLimits(DataSource dataSource, Optional<Clock> clock) {
		Clock time = clock.orElse(Clock.systemUTC());
		TimeMeter meter = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				Instant now = time.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
		this.buckets = new DatabaseBuckets(dataSource, ClientSideConfig.getDefault()
			.withClientClock(meter)
			.withExpirationAfterWriteStrategy(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))));
	}

	/**
	 * What a limit said.
	 *
	 * @param allowed whether it may go ahead
	 * @param retryAfter how long until one more is allowed (zero when allowed)
	 */
	public record Decision(boolean allowed, Duration retryAfter) {

		/** The wait in whole seconds, at least one, for a {@code Retry-After} header. */
		public long retryAfterSeconds() {
			return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		}

	}

	/** Counts one against the limit for {@code who}, if it is not used up. */
	public Decision take(Limit limit, String who) {
		ConsumptionProbe probe = bucket(limit, who).tryConsumeAndReturnRemaining(1);
		return new Decision(probe.isConsumed(),
				probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** Whether one more would be allowed for {@code who}, counting nothing (and storing nothing). */
	public Decision check(Limit limit, String who) {
		if (!buckets.exists(key(limit, who))) {
			return new Decision(true, Duration.ZERO);
		}
		EstimationProbe probe = bucket(limit, who).estimateAbilityToConsume(1);
		return new Decision(probe.canBeConsumed(),
				probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/** Forgets what was counted for {@code who}, as after a successful sign-in. */
	public void forget(Limit limit, String who) {
		buckets.removeProxy(key(limit, who));
	}

	/** Deletes the rows of buckets that have filled up again; every instance may run it. */
	@Scheduled(fixedDelayString = "${lms.limits.clean-every:PT5M}", initialDelayString = "${lms.limits.clean-every:PT5M}")
	public int removeFullBuckets() {
		int removed = 0;
		int batch;
		do {
			batch = buckets.removeExpired(CLEAN_BATCH);
			removed += batch;
		}
		while (batch == CLEAN_BATCH);
		return removed;
	}

	private BucketProxy bucket(Limit limit, String who) {
		return buckets.builder().build(key(limit, who), () -> configuration(limit));
	}

	private static BucketConfiguration configuration(Limit limit) {
		var builder = BucketConfiguration.builder();
		for (Limit.Band band : limit.bands()) {
			builder.addLimit(l -> l.capacity(band.count()).refillGreedy(band.count(), band.per()));
		}
		return builder.build();
	}

	private static String key(Limit limit, String who) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((limit.name() + "\u0000" + (who == null ? "" : who)).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
