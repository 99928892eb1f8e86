package org.opendoor.lms.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.TestKeystore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One learner in several windows of one browser (one web session) on PostgreSQL, over real HTTP: pages that
 * move the learner's place and answers at the same moment. A page view wrote the attempt's row before the
 * learning records and an answer the other way round, so PostgreSQL ended one of them as a deadlock and the
 * learner got a server error (seen in the 500-learner load test). Every request must succeed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class TwoWindowsOnPostgresTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> EmbeddedPostgresSupport.newDatabase("two_windows"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("lms.certificate.signing.keystore", TestKeystore::path);
		registry.add("lms.certificate.signing.password", () -> TestKeystore.PASSWORD);
	}

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Test
	void pagesAndAnswersOfOneSessionAtOnceNeverFail() throws Exception {
		Account account = Learners.register(accounts, "Two Windows", Nation.WALES, "en");
		UUID attempt = attempts.start(account.id(), "first-steps");
		BrowserlessSession browser = new BrowserlessSession(port);
		assertThat(browser.signIn(account.email(), Learners.PASSWORD).location()).contains("/courses");
		String base = "/attempts/" + attempt + "/steps/";
		// one page first, as a browser shows one before its windows multiply: the session's CSRF token exists
		assertThat(browser.get(base + "lesson-welcome").status()).isEqualTo(200);
		List<String> pages = List.of("lesson-welcome", "lesson-listening", "lesson-three-tiers", "check-open-question");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<List<Integer>>> results = new ArrayList<>();
		for (int i = 0; i < 160; i++) {
			int n = i;
			BrowserlessSession window = browser.sameBrowser(port);
			results.add(pool.submit(() -> {
				List<Integer> statuses = new ArrayList<>();
				// every page view moves the learner's place; every fifth task also answers the question
				statuses.add(window.get(base + pages.get(n % pages.size())).status());
				if (n % 5 == 0) {
					statuses.add(window.post(base + "check-open-question", "choice", n % 2 == 0 ? "b" : "a").status());
				}
				return statuses;
			}));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<List<Integer>> f : results) {
			statuses.addAll(f.get());
		}
		pool.shutdown();
		assertThat(statuses).hasSizeGreaterThan(190).allMatch(s -> s == 200 || s == 302);
	}

}
