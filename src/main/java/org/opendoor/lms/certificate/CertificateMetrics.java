package org.opendoor.lms.certificate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Operations figures: certificates issued so far (all instances: read from the database on each scrape). */
@Component
class CertificateMetrics {

	CertificateMetrics(MeterRegistry registry, JdbcClient jdbc) {
		Gauge.builder("opendoor.certificates.issued", () -> jdbc.sql("select count(*) from certificate")
			.query(Long.class)
			.single()).description("Certificates issued").register(registry);
	}

}
