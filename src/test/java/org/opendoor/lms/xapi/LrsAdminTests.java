package org.opendoor.lms.xapi;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.lrs.XapiClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The admin side of the built-in LRS: the statement browser and its exports, LRS clients, who may see
 * them, and erasing a learner's records.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class LrsAdminTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	XapiClients clients;

	@Autowired
	LearningRecords records;

	@Autowired
	JdbcClient jdbc;

	private Account admin() {
		return accounts.create(new Registration("Site Admin", UUID.randomUUID() + "@example.org", Learners.PASSWORD,
				Nation.ENGLAND, "en"), Set.of(Role.ADMIN));
	}

	@Test
	void adminsBrowseAndExportALearnersRecordsByEmail() throws Exception {
		Account learner = Learners.register(accounts, "=HYPERLINK(\"http://evil\")", Nation.SCOTLAND, "en");
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Account other = Learners.register(accounts, "Other", Nation.SCOTLAND, "en");
		attempts.start(other.id(), "first-steps");
		String page = mvc.perform(get("/admin/xapi/statements").param("learner", learner.email())
			.param("verb", "http://adlnet.gov/expapi/verbs/passed")
			.with(user(Learners.as(admin())))).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(learner.learnerRef().toString()).contains("passed").contains("score 1")
			.doesNotContain(other.learnerRef().toString());
		String csv = mvc.perform(get("/admin/xapi/statements.csv").param("learner", learner.email())
			.with(user(Learners.as(admin())))).andReturn().getResponse().getContentAsString();
		assertThat(csv.lines().count()).isGreaterThan(10);
		assertThat(csv).contains(learner.learnerRef().toString()).doesNotContain(learner.email());
		String json = mvc.perform(get("/admin/xapi/statements.json").param("learner", learner.email())
			.with(user(Learners.as(admin())))).andReturn().getResponse().getContentAsString();
		assertThat(json).startsWith("[{\"id\":");
		String unknown = mvc.perform(get("/admin/xapi/statements").param("learner", "nobody@example.org")
			.with(user(Learners.as(admin())))).andReturn().getResponse().getContentAsString();
		assertThat(unknown).contains("No statements match.");
	}

	@Test
	void csvCellsCannotRunAsFormulas() {
		assertThat(org.opendoor.lms.xapi.internal.LrsAdminAccess.cell("=1+1")).isEqualTo("\"'=1+1\"");
		assertThat(org.opendoor.lms.xapi.internal.LrsAdminAccess.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
		assertThat(org.opendoor.lms.xapi.internal.LrsAdminAccess.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
	}

	@Test
	void onlySiteAdminsSeeTheRecordsAndClients() throws Exception {
		Account learner = Learners.register(accounts, "Nosy", Nation.WALES, "cy");
		for (String path : new String[] { "/admin/xapi/statements", "/admin/xapi/statements.csv",
				"/admin/xapi/statements.json", "/admin/xapi/clients" }) {
			assertThat(mvc.perform(get(path).with(user(Learners.as(learner)))).andReturn().getResponse().getStatus())
				.as(path).isEqualTo(403);
			assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).as(path).isEqualTo(302);
		}
	}

	@Test
	void adminsCreateClientsSeeTheSecretOnceAndRevokeThem() throws Exception {
		Account admin = admin();
		var result = mvc.perform(post("/admin/xapi/clients").param("name", "Charity dashboard").param("scope", "READ")
			.with(user(Learners.as(admin))).with(csrf())).andReturn();
		XapiClients.Created created = (XapiClients.Created) result.getFlashMap().get("created");
		assertThat(created.secret()).hasSize(48);
		assertThat(clients.authenticate(created.client().key(), created.secret())).isPresent();
		String list = mvc.perform(get("/admin/xapi/clients").with(user(Learners.as(admin)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(list).contains("Charity dashboard").doesNotContain(created.secret());
		assertThat(mvc.perform(post("/admin/xapi/clients/" + created.client().id() + "/revoke")
			.with(user(Learners.as(admin)))).andReturn().getResponse().getStatus()).as("no CSRF token").isEqualTo(403);
		mvc.perform(post("/admin/xapi/clients/" + created.client().id() + "/revoke").with(user(Learners.as(admin)))
			.with(csrf()));
		assertThat(clients.authenticate(created.client().key(), created.secret())).isEmpty();
	}

	@Test
	void erasingALearnerRemovesTheirStatementsAndNoOneElses() {
		Account leaving = Learners.register(accounts, "Leaving", Nation.ENGLAND, "en");
		Account staying = Learners.register(accounts, "Staying", Nation.ENGLAND, "en");
		Learners.takeFirstStepsAssessment(attempts, leaving, true);
		Learners.takeFirstStepsAssessment(attempts, staying, false);
		long before = count(staying);
		assertThat(count(leaving)).isGreaterThan(10);
		int erased = records.eraseLearner(leaving.learnerRef());
		assertThat(erased).isGreaterThan(10);
		assertThat(count(leaving)).isZero();
		assertThat(count(staying)).isEqualTo(before);
	}

	@Autowired
	org.opendoor.lms.privacy.PersonalData personalData;

	@Test
	void erasingAnAccountErasesItsStatementsInTheSameTransaction() {
		Account leaving = Learners.register(accounts, "Erase Me", Nation.WALES, "en");
		Learners.takeFirstStepsAssessment(attempts, leaving, true);
		assertThat(count(leaving)).isGreaterThan(10);
		personalData.erase(leaving.id());
		assertThat(count(leaving)).isZero();
	}

	private long count(Account a) {
		return jdbc.sql("select count(*) from xapi_statement where body like ?")
			.param("%" + a.learnerRef() + "%")
			.query(Long.class)
			.single();
	}

}
