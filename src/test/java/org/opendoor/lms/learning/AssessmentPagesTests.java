package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 * What the assessment's pages show as a learner goes through them: the submit page counts the answered
 * questions of the round, and once the round is submitted its questions are shown but can no longer be
 * answered. (Each page reads only what it shows, so these are the pages that read answers and results.)
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class AssessmentPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Test
	void submitPageCountsAnswersAndSubmittedQuestionsAreLocked() throws Exception {
		Account account = Learners.register(accounts, "Assessment Pages", Nation.ENGLAND, "en");
		SignedInUser learner = Learners.as(account);
		UUID attempt = attempts.start(account.id(), "first-steps");
		String base = "/attempts/" + attempt + "/steps/";
		List<StepView> questions = new ArrayList<>();
		String lesson = null;
		String result = null;
		for (StepView v = attempts.view(account.id(), attempt, attempts.currentStep(account.id(), attempt)); v != null;
				v = v.nextKey() == null ? null : attempts.view(account.id(), attempt, v.nextKey())) {
			switch (v.step().kind()) {
				case ASSESSMENT_QUESTION -> questions.add(v);
				case LESSON -> lesson = lesson == null ? v.step().key() : lesson;
				case RESULT -> result = v.step().key();
				default -> {
				}
			}
		}
		assertThat(questions).hasSizeGreaterThan(1);
		StepView first = questions.get(0);
		String firstOption = first.step().question().options().get(0).key();
		mvc.perform(post(base + first.step().key()).param("choice", firstOption).with(user(learner)).with(csrf()));

		String submitPage = page(base + result, learner);
		assertThat(submitPage).contains("You have answered 1 of " + questions.size() + " questions.")
			.contains("Submit my answers");
		String open = page(base + first.step().key(), learner);
		assertThat(open).doesNotContain("<fieldset disabled").contains("Save and continue")
			.containsPattern("value=\"" + firstOption + "\"\\s+checked");

		mvc.perform(post("/attempts/" + attempt + "/submit").with(user(learner)).with(csrf()));

		String locked = page(base + first.step().key(), learner);
		assertThat(locked).contains("<fieldset disabled").doesNotContain("Save and continue")
			.containsPattern("value=\"" + firstOption + "\"\\s+checked");
		assertThat(page(base + questions.get(1).step().key(), learner)).contains("<fieldset disabled");
		assertThat(page(base + result, learner)).containsPattern("You got \\d+ of " + questions.size() + " right")
			.doesNotContain("Submit my answers");
		// a lesson page shows no question, answer or result, whatever the attempt holds
		assertThat(page(base + lesson, learner)).doesNotContain("<fieldset").doesNotContain("You got");
	}

	private String page(String path, SignedInUser learner) throws Exception {
		var response = mvc.perform(get(path).with(user(learner))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

}
