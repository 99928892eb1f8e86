package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One learner with the course open in several windows (or a double click, or a phone resending on a
 * bad signal): pages and answers hitting the same attempt at the same moment all succeed, and every
 * answer is kept.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class TwoWindowsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Test
	void simultaneousPagesAndAnswersOnOneAttemptNeverFail() throws Exception {
		Account account = Learners.register(accounts, "Two Windows", Nation.WALES, "en");
		SignedInUser learner = Learners.as(account);
		UUID attempt = attempts.start(account.id(), "first-steps");
		String base = "/attempts/" + attempt + "/steps/";
		List<String> pages = List.of("lesson-welcome", "lesson-listening", "lesson-three-tiers", "check-open-question");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			String page = base + pages.get(i % pages.size());
			Callable<Integer> request = i % 10 == 3
					? () -> mvc.perform(post(base + "check-open-question").param("choice", "b").with(user(learner)).with(csrf()))
						.andReturn().getResponse().getStatus()
					: () -> mvc.perform(get(page).with(user(learner))).andReturn().getResponse().getStatus();
			results.add(pool.submit(request));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> f : results) {
			statuses.add(f.get());
		}
		pool.shutdown();
		assertThat(statuses).allMatch(s -> s == 200 || s == 302);
		String question = mvc.perform(get(base + "check-open-question").with(user(learner))).andReturn().getResponse()
			.getContentAsString();
		assertThat(ResumeAfterRestartTests.checkedOptions(question)).isEqualTo("b");
	}

}
