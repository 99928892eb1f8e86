package org.opendoor.lms.learning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-attempt display order: a shuffle that is the same for the same seed, and none when fixed. */
class DisplayOrderTests {

	private static final List<String> OPTIONS = List.of("a", "b", "c", "d");

	@Test
	void theSameSeedGivesTheSameOrderAndEveryOptionOnce() {
		List<String> order = DisplayOrder.of(OPTIONS, false, "attempt-1:question-1");
		assertThat(DisplayOrder.of(OPTIONS, false, "attempt-1:question-1")).isEqualTo(order);
		assertThat(order).containsExactlyInAnyOrderElementsOf(OPTIONS);
	}

	@Test
	void attemptsSeeDifferentOrdersAndEveryOptionGetsEveryPlace() {
		Set<List<String>> orders = new HashSet<>();
		Set<String> first = new HashSet<>();
		for (int attempt = 0; attempt < 200; attempt++) {
			List<String> order = DisplayOrder.of(OPTIONS, false, "attempt-" + attempt + ":question-1");
			orders.add(order);
			first.add(order.get(0));
		}
		assertThat(orders).as("distinct orders over 200 attempts").hasSizeGreaterThan(12);
		assertThat(first).as("options shown first").containsExactlyInAnyOrderElementsOf(OPTIONS);
	}

	@Test
	void aFixedOrderIsTheAuthorsOrder() {
		for (int attempt = 0; attempt < 20; attempt++) {
			assertThat(DisplayOrder.of(OPTIONS, true, "attempt-" + attempt + ":scale")).isEqualTo(OPTIONS);
		}
	}

}
