package org.opendoor.lms.xapi.forward;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counters for monitoring, tagged with the destination's name: {@code opendoor.xapi.forward.queued},
 * {@code .sent}, {@code .deferred} (an attempt failed and will be repeated) and {@code .dead}.
 */
@Component
class ForwardMetrics {

	private final MeterRegistry registry;

	ForwardMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable();
	}

	void queued(String destination) {
		count("queued", destination, 1);
	}

	void sent(String destination, int n) {
		count("sent", destination, n);
	}

	void deferred(String destination, int n) {
		count("deferred", destination, n);
	}

	void dead(String destination) {
		count("dead", destination, 1);
	}

	private void count(String what, String destination, int n) {
		if (registry != null && n > 0) {
			registry.counter("opendoor.xapi.forward." + what, "destination", destination).increment(n);
		}
	}

}
