package org.opendoor.lms.learning;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The support box shows the contacts for the learner's own nation, and not those of other nations. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class NationContactsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			ENGLAND          | NHS 111, mental health option;NHS Talking Therapies;Mind Infoline | NHS 24;Breathing Space;Lifeline;NHS 111 Wales;Meic;C.A.L.L.
			WALES            | NHS 111 Wales, press 2;Samaritans Welsh-language line;Mind Infoline;Meic;C.A.L.L. | NHS 24;Breathing Space;Lifeline;NHS 111, mental health option
			SCOTLAND         | NHS 24 Mental Health Hub;Breathing Space;SAMH | NHS 111, mental health option;NHS 111 Wales;Lifeline;Mind Infoline;Meic;C.A.L.L.
			NORTHERN_IRELAND | Lifeline;Inspire | NHS 24;Breathing Space;NHS 111, mental health option;NHS 111 Wales;Mind Infoline;Meic;C.A.L.L.
			""")
	void aLearnerSeesTheirNationsContacts(Nation nation, String shown, String hidden) throws Exception {
		Account learner = accounts.register(new Registration("Learner", UUID.randomUUID() + "@example.org",
				"long enough password", nation, "en"));
		UUID attempt = attempts.start(learner.id(), "first-steps");
		String html = mvc.perform(get("/attempts/" + attempt + "/steps/lesson-three-tiers")
			.with(user(new SignedInUser(learner.id(), learner.email(), "", learner.roles()))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String box = html.substring(html.indexOf("class=\"support-box\""));
		for (String name : List.of(shown.split(";"))) {
			assertThat(box).as(nation + " sees " + name).contains(name.strip());
		}
		assertThat(box).contains("Emergency services").contains("Samaritans").contains("116 123").contains("Childline")
			.contains("NSPCC Helpline").contains("999 by text (emergencySMS)").contains("999 BSL").contains("Papyrus HOPELINE247");
		for (String name : List.of(hidden.split(";"))) {
			assertThat(box).as(nation + " does not see " + name).doesNotContain(name.strip());
		}
	}

}
