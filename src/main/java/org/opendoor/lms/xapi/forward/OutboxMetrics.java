package org.opendoor.lms.xapi.forward;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Operations figures shared by all instances: statements waiting and dead-lettered in the outbox now. */
@Component
class OutboxMetrics {

	OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
		for (String status : new String[] { "QUEUED", "DEAD" }) {
			Gauge.builder("opendoor.xapi.outbox", () -> jdbc.sql("select count(*) from xapi_outbox where status = ?")
				.param(status)
				.query(Long.class)
				.single()).tag("status", status.toLowerCase(java.util.Locale.ROOT))
				.description("Statements in the outbox by status")
				.register(registry);
		}
	}

}
