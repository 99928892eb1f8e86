package org.opendoor.lms.learning;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Operations figures: learners active in the last 15 minutes, read from the attempts on each scrape. */
@Component
class LearningMetrics {

	LearningMetrics(MeterRegistry registry, JdbcClient jdbc) {
		Gauge.builder("opendoor.learners.active", () -> jdbc
			.sql("select count(distinct learner_id) from attempt where updated_at > ?")
			.param(Timestamp.from(Instant.now().minus(Duration.ofMinutes(15))))
			.query(Long.class)
			.single())
			.description("Learners who changed an attempt in the last 15 minutes")
			.register(registry);
	}

}
