package org.opendoor.lms.certificate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public verify page limits how often one address can ask, so codes cannot be guessed in bulk. */
@SpringBootTest(properties = "lms.certificate.verify-requests-per-minute=5")
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class VerifyRateLimitTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theSixthCheckInAMinuteIsRefused() throws Exception {
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/verify/AAAA-BBBB-CCCC-DDDD-EEE" + i)).andExpect(status().isNotFound());
		}
		mvc.perform(get("/verify/AAAA-BBBB-CCCC-DDDD-EEEF")).andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-6]?[0-9]")));
	}

}
