package org.opendoor.lms.learning;

import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.TestKeystore;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Storage checks on a real PostgreSQL, the production database. */
@SpringBootTest
@ActiveProfiles("test")
class PostgresRepositoryTests extends RepositoryContractTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> EmbeddedPostgresSupport.newDatabase("repository_tests"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("lms.certificate.signing.keystore", TestKeystore::path);
		registry.add("lms.certificate.signing.password", () -> TestKeystore.PASSWORD);
	}

}
