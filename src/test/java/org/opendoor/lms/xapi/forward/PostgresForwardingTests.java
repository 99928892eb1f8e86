package org.opendoor.lms.xapi.forward;

import org.junit.jupiter.api.AfterAll;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.TestKeystore;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Forwarding on PostgreSQL, the production database, where several instances may share one outbox. */
@ActiveProfiles("test")
class PostgresForwardingTests extends ForwardingContractTests {

	static final FakeLrs LRS = new FakeLrs();

	@DynamicPropertySource
	static void lrs(DynamicPropertyRegistry registry) {
		forwardTo(LRS, registry);
		registry.add("spring.datasource.url", () -> EmbeddedPostgresSupport.newDatabase("forwarding_tests"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("lms.certificate.signing.keystore", TestKeystore::path);
		registry.add("lms.certificate.signing.password", () -> TestKeystore.PASSWORD);
	}

	@AfterAll
	static void stopLrs() {
		LRS.close();
	}

	@Override
	FakeLrs lrs() {
		return LRS;
	}

}
