package org.opendoor.lms.lrs;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.LrsClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing LRS credentials is slowed: after 30 failures from one address it gets 429, even with the
 * right secret, until the limit has refilled enough for one more. (Its own application context, so the block touches no other test.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "lms.test.context=throttle")
@ActiveProfiles({ "demo", "test" })
class LrsAuthThrottleTests {

	@LocalServerPort
	int port;

	@Test
	void repeatedWrongSecretsAreRefusedWith429() {
		LrsClient good = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		LrsClient wrong = new LrsClient(port, "demo-lrs-key", "guess", "1.0.3");
		assertThat(good.get("/xapi/statements?limit=1").status()).isEqualTo(200);
		for (int i = 0; i < 30; i++) {
			assertThat(wrong.get("/xapi/statements?limit=1").status()).isEqualTo(401);
		}
		LrsClient.Reply blocked = good.get("/xapi/statements?limit=1");
		assertThat(blocked.status()).isEqualTo(429);
		// one more is allowed every ten seconds (30 in five minutes, refilled evenly)
		assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 10L);
		assertThat(new LrsClient(port, null, null, "1.0.3").get("/xapi/about").status()).isEqualTo(200);
	}

}
