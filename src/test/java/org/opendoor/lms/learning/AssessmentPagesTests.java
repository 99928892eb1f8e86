package org.opendoor.lms.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.QuestionType;
import org.opendoor.lms.course.Scenario;
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
 * Options and scenario choices are shown in the attempt's own shuffled order, the same on every visit,
 * and an answer is recorded by the option's key, wherever it was shown.
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

	@Test
	void optionsKeepTheirShuffledOrderOnReloadAndAnAnswerIsRecordedByItsKey() throws Exception {
		Account account = Learners.register(accounts, "Shuffled Options", Nation.WALES, "en");
		SignedInUser learner = Learners.as(account);
		UUID attempt = attempts.start(account.id(), "hub-leaders-mental-health-awareness");
		String base = "/attempts/" + attempt + "/steps/";
		List<StepView> questions = new ArrayList<>();
		StepView check = null;
		StepView scale = null;
		StepView scenario = null;
		for (StepView v = attempts.view(account.id(), attempt, attempts.currentStep(account.id(), attempt)); v != null;
				v = v.nextKey() == null ? null : attempts.view(account.id(), attempt, v.nextKey())) {
			switch (v.step().kind()) {
				case ASSESSMENT_QUESTION -> questions.add(v);
				case CHECK_QUESTION -> {
					check = check == null && v.step().question().type() == QuestionType.SINGLE ? v : check;
					scale = scale == null && v.step().question().fixedOrder() ? v : scale;
				}
				case SCENARIO -> scenario = scenario == null ? v : scenario;
				default -> {
				}
			}
		}
		boolean anyShuffled = false;
		for (StepView q : questions) {
			String path = base + q.step().key();
			List<String> shown = shownOptions(page(path, learner));
			assertThat(shownOptions(page(path, learner))).as("the same order on reload").isEqualTo(shown);
			assertThat(shown).as("the attempt's own order")
				.isEqualTo(DisplayOrder.of(q.step().question().options(), q.step().question().fixedOrder(),
						attempt + ":" + q.step().question().id())
					.stream().map(Question.Option::key).toList())
				.containsExactlyInAnyOrderElementsOf(q.step().question().options().stream().map(Question.Option::key).toList());
			anyShuffled |= !shown.equals(shown.stream().sorted().toList());
		}
		assertThat(anyShuffled).as("options are not all in the author's order").isTrue();

		// answering by key: the option shown last is recorded, and shown as chosen after a reload
		StepView first = questions.get(0);
		List<String> shown = shownOptions(page(base + first.step().key(), learner));
		String last = shown.get(shown.size() - 1);
		mvc.perform(post(base + first.step().key()).param("choice", last).with(user(learner)).with(csrf()));
		assertThat(attempts.view(account.id(), attempt, first.step().key()).chosen()).containsExactly(last);
		String reloaded = page(base + first.step().key(), learner);
		assertThat(shownOptions(reloaded)).isEqualTo(shown);
		assertThat(reloaded).containsPattern("value=\"" + last + "\"\\s+checked");

		// a knowledge check's feedback speaks to the option chosen, whatever its place
		Question q = check.step().question();
		String wrong = q.options().stream().filter(o -> !o.correct()).map(Question.Option::key).findFirst().orElseThrow();
		mvc.perform(post(base + check.step().key()).param("choice", wrong).with(user(learner)).with(csrf()));
		String feedback = page(base + check.step().key(), learner);
		assertThat(feedback).contains(q.options().get(wrong.charAt(0) - 'a').feedbackHtml());

		// a question that keeps its order (the tiers 1, 2, 3) is shown in the author's order
		assertThat(shownOptions(page(base + scale.step().key(), learner)))
			.isEqualTo(scale.step().question().options().stream().map(Question.Option::key).toList());

		// a scenario's choices: the same order on reload, and the choice sent is the one recorded
		String scenarioPage = page(base + scenario.step().key(), learner);
		List<Integer> order = shownChoices(scenarioPage);
		assertThat(shownChoices(page(base + scenario.step().key(), learner))).isEqualTo(order);
		assertThat(order).isEqualTo(scenario.choiceOrder());
		int picked = order.get(order.size() - 1);
		Scenario.Node start = scenario.scenario().current();
		mvc.perform(post(base + scenario.step().key()).param("node", start.id()).param("option", String.valueOf(picked))
			.with(user(learner)).with(csrf()));
		StepView after = attempts.view(account.id(), attempt, scenario.step().key());
		assertThat(after.scenario().last().choice()).isEqualTo(start.choices().get(picked));
	}

	private static List<String> shownOptions(String html) {
		return java.util.regex.Pattern.compile("id=\"choice-([a-z])\"").matcher(html).results().map(m -> m.group(1)).toList();
	}

	private static List<Integer> shownChoices(String html) {
		return java.util.regex.Pattern.compile("id=\"option-(\\d+)\"").matcher(html).results()
			.map(m -> Integer.valueOf(m.group(1))).toList();
	}

	private String page(String path, SignedInUser learner) throws Exception {
		var response = mvc.perform(get(path).with(user(learner))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(200);
		return response.getContentAsString();
	}

}
