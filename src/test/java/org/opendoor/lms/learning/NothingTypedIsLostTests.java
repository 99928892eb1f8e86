package org.opendoor.lms.learning;

import java.util.EnumMap;

import jakarta.servlet.http.Cookie;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What the player does with a form sent by Previous or Next (no script: the pager's buttons belong to the
 * page's form): a chosen answer or a typed plan is saved before moving, nothing chosen only moves; a plan
 * counts a line break as one character, as the browser did, and a refused plan comes back as typed. And a new
 * volunteer is signed in by registering, and taken back to the join link they came from.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class NothingTypedIsLostTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Organisations organisations;

	/** The first page of each kind in a new attempt at First steps. */
	private Map<StepKind, StepView> firstOfEachKind(Account account, UUID attempt) {
		Map<StepKind, StepView> first = new EnumMap<>(StepKind.class);
		for (StepView v = attempts.peek(account.id(), attempt, attempts.currentStep(account.id(), attempt)); v != null;
				v = v.nextKey() == null ? null : attempts.peek(account.id(), attempt, v.nextKey())) {
			first.putIfAbsent(v.step().kind(), v);
		}
		return first;
	}

	private MockHttpServletResponse send(SignedInUser learner, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(user(learner)).with(csrf())).andReturn().getResponse();
	}

	@Test
	void nextAndPreviousSaveWhatWasChosenAndOnlyMoveWhenNothingWas() throws Exception {
		Account account = Learners.register(accounts, "Pager Sends", Nation.WALES, "en");
		SignedInUser learner = Learners.as(account);
		UUID attempt = attempts.start(account.id(), "first-steps");
		String base = "/attempts/" + attempt + "/steps/";
		Map<StepKind, StepView> pages = firstOfEachKind(account, attempt);

		StepView check = pages.get(StepKind.CHECK_QUESTION);
		assertThat(send(learner, post(base + check.step().key()).param("then", "next")).getRedirectedUrl())
			.as("nothing chosen: Next moves on").isEqualTo(base + check.nextKey());
		String option = check.step().question().options().get(0).key();
		assertThat(send(learner, post(base + check.step().key()).param("choice", option).param("then", "next"))
			.getRedirectedUrl()).as("a check answered with Next shows its feedback").isEqualTo(base + check.step().key() + "#feedback");
		assertThat(attempts.peek(account.id(), attempt, check.step().key()).chosen()).containsExactly(option);
		assertThat(send(learner, post(base + check.step().key()).param("choice", option).param("then", "next"))
			.getRedirectedUrl()).as("the same answer again: Next moves on").isEqualTo(base + check.nextKey());

		StepView scenario = pages.get(StepKind.SCENARIO);
		assertThat(send(learner, post(base + scenario.step().key()).param("node", scenario.scenario().current().id())
			.param("then", "prev")).getRedirectedUrl()).isEqualTo(base + scenario.previousKey());
		assertThat(send(learner, post(base + scenario.step().key()).param("node", scenario.scenario().current().id())
			.param("option", "0").param("then", "next")).getRedirectedUrl()).isEqualTo(base + scenario.step().key() + "#feedback");
		assertThat(attempts.peek(account.id(), attempt, scenario.step().key()).scenario().taken())
			.as("the choice is recorded").hasSize(1);

		StepView question = pages.get(StepKind.ASSESSMENT_QUESTION);
		String answer = question.step().question().options().get(1).key();
		assertThat(send(learner, post(base + question.step().key()).param("choice", answer).param("then", "next"))
			.getRedirectedUrl()).isEqualTo(base + question.nextKey());
		assertThat(attempts.peek(account.id(), attempt, question.step().key()).chosen()).containsExactly(answer);
		assertThat(send(learner, post(base + question.nextKey()).param("then", "prev")).getRedirectedUrl())
			.isEqualTo(base + question.step().key());
		String submitPage = send(learner, get(base + StepPlan.RESULT)).getContentAsString();
		assertThat(submitPage).contains("You have answered 1 of");
	}

	@Test
	void aPlanCountsLineBreaksAsTheBrowserDidAndComesBackAsTypedWhenRefused() throws Exception {
		Account account = Learners.register(accounts, "Plan Keeper", Nation.WALES, "en");
		SignedInUser learner = Learners.as(account);
		UUID attempt = attempts.start(account.id(), "first-steps");
		String base = "/attempts/" + attempt + "/steps/";
		StepView plan = firstOfEachKind(account, attempt).get(StepKind.PLAN);
		String prompt = "prompt-" + ((org.opendoor.lms.course.WellbeingPlan) plan.step().item()).prompts().get(0).id();
		String typed = ("a".repeat(198) + "\n").repeat(10) + "b".repeat(10);
		assertThat(typed).as("what the browser's maxlength allows").hasSize(2000);
		String sent = typed.replace("\n", "\r\n");

		MockHttpServletResponse saved = send(learner, post(base + plan.step().key()).param(prompt, sent).param("then", "next"));
		assertThat(saved.getRedirectedUrl()).as("saved, then on to the next page").isEqualTo(base + plan.nextKey());
		assertThat(attempts.peek(account.id(), attempt, plan.step().key()).planEntries()).containsValue(typed);

		String tooLong = typed + "my own words at the end";
		MockHttpServletResponse refused = send(learner, post(base + plan.step().key()).param(prompt, tooLong).param("then", "next"));
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains("Each answer can be up to 2,000 characters.")
			.as("what was typed is given back").contains("my own words at the end");
		assertThat(attempts.peek(account.id(), attempt, plan.step().key()).planEntries())
			.as("the saved plan is unchanged").containsValue(typed);
	}

	@Test
	void registeringThenSigningInGoesBackToTheJoinLinkAndNeverSignsAnyoneIn() throws Exception {
		Orgs.Org org = Orgs.create(organisations, accounts, "Tuesday food bank");
		String code = organisations.joinCode(org.id());
		String joinPath = "/join/" + code;
		MockHttpServletResponse asked = mvc.perform(get(joinPath).accept("text/html")).andReturn().getResponse();
		assertThat(asked.getRedirectedUrl()).as("a join link asks a stranger to sign in or register").endsWith("/login");
		Cookie before = asked.getCookie("SESSION");
		assertThat(before).isNotNull();
		String email = UUID.randomUUID() + "@example.org";
		MockHttpServletResponse registered = register("Nia Food-Bank", email, before);
		assertThat(registered.getRedirectedUrl()).as("registering never signs in (an address with an account gets the same answer)")
			.startsWith("/login?registered");
		MockHttpServletResponse signedIn = mvc.perform(post("/login").with(csrf()).cookie(before)
			.param("username", email).param("password", Learners.PASSWORD)).andReturn().getResponse();
		assertThat(signedIn.getRedirectedUrl()).as("back to the join link, signed in").contains(joinPath);
		Cookie after = signedIn.getCookie("SESSION");
		assertThat(after).as("session fixation protection: a new session id").isNotNull();
		assertThat(after.getValue()).isNotEqualTo(before.getValue());
		String join = mvc.perform(get(joinPath).cookie(after)).andReturn().getResponse().getContentAsString();
		assertThat(join).contains("Tuesday food bank").contains("Its organisers will see your name");

		// someone registering with the address of an existing account is not signed in to it
		MockHttpServletResponse taken = register("Not Nia", email, null);
		assertThat(taken.getRedirectedUrl()).isEqualTo(registered.getRedirectedUrl());
		assertThat(mvc.perform(get("/courses").cookie(taken.getCookie("SESSION") == null ? new Cookie("SESSION", "none")
				: taken.getCookie("SESSION"))).andReturn().getResponse().getRedirectedUrl())
			.as("still a stranger").endsWith("/login");
		String courses = mvc.perform(get("/courses").cookie(after)).andReturn().getResponse().getContentAsString();
		assertThat(courses).contains("href=\"/join\"");
		assertThat(mvc.perform(get("/directory").cookie(after)).andReturn().getResponse().getContentAsString())
			.contains("You do not belong to an organisation yet.").contains("href=\"/join\"");
	}

	private MockHttpServletResponse register(String name, String email, Cookie session) throws Exception {
		MockHttpServletRequestBuilder request = post("/register").with(csrf())
			.param("displayName", name)
			.param("email", email)
			.param("password", Learners.PASSWORD)
			.param("nation", "WALES")
			.param("language", "en");
		return mvc.perform(session == null ? request : request.cookie(session)).andReturn().getResponse();
	}

}
