package org.opendoor.lms.xapi.forward;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Forwarding on H2, the demo database. */
@ActiveProfiles({ "demo", "test" })
class H2ForwardingTests extends ForwardingContractTests {

	static final FakeLrs LRS = new FakeLrs();

	@DynamicPropertySource
	static void lrs(DynamicPropertyRegistry registry) {
		forwardTo(LRS, registry);
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
