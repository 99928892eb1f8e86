package org.opendoor.lms.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rate limit by name: at most {@code count} a {@code per} for each band, each band refilled evenly (one
 * more allowed every {@code per / count}), so going over slows a caller down rather than shutting them
 * out for a fixed window. A second, longer band makes the wait grow for someone who keeps going.
 *
 * @param name what is limited, part of each bucket's key (for example {@code sign-in:pair})
 * @param bands the limits that all apply
 */
public record Limit(String name, List<Band> bands) {

	/**
	 * One band of a limit.
	 *
	 * @param count how many
	 * @param per in how long
	 */
	public record Band(long count, Duration per) {
	}

	public Limit {
		bands = List.copyOf(bands);
	}

	/** A limit of one band. */
	public static Limit of(String name, long count, Duration per) {
		return new Limit(name, List.of(new Band(count, per)));
	}

	/** This limit with another band that applies as well. */
	public Limit and(long count, Duration per) {
		List<Band> more = new ArrayList<>(bands);
		more.add(new Band(count, per));
		return new Limit(name, more);
	}

}
