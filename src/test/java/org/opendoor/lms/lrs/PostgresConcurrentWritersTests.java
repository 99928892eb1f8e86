package org.opendoor.lms.lrs;

import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.TestKeystore;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Concurrent writers of one statement id on PostgreSQL, the production database. */
@ActiveProfiles("test")
class PostgresConcurrentWritersTests extends ConcurrentWritersContractTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> EmbeddedPostgresSupport.newDatabase("concurrent_writers_tests"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("lms.certificate.signing.keystore", TestKeystore::path);
		registry.add("lms.certificate.signing.password", () -> TestKeystore.PASSWORD);
	}

}
