package org.opendoor.lms.learning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which an attempt shows a question's options or a scenario node's choices: shuffled per
 * attempt so that "always the first" is no strategy, but the same every time the same attempt shows the
 * same item (on resume and in review). Answers are stored by the option's own key, never by position.
 */
public final class DisplayOrder {

	private DisplayOrder() {
	}

	/**
	 * The items in display order.
	 *
	 * @param items the items in the author's order
	 * @param fixed whether the author asked for their own order to be kept
	 * @param seed what makes the order: the attempt's id and the item's id, for example
	 */
	public static <T> List<T> of(List<T> items, boolean fixed, String seed) {
		List<T> out = new ArrayList<>(items);
		if (!fixed && out.size() > 1) {
			Collections.shuffle(out, new Random(seedOf(seed)));
		}
		return out;
	}

	private static long seedOf(String seed) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
			long v = 0;
			for (int i = 0; i < 8; i++) {
				v = (v << 8) | (hash[i] & 0xff);
			}
			return v;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
