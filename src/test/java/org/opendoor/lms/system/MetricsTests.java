package org.opendoor.lms.system;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Prometheus metrics for operators: site admins only, with the engine's own figures. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class MetricsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Test
	void adminsScrapeTheEnginesFigures() throws Exception {
		Account learner = Learners.register(accounts, "Counted", Nation.ENGLAND, "en");
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Account admin = accounts.create(new Registration("Operator", UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.ENGLAND, "en"), Set.of(Role.ADMIN));
		String text = mvc.perform(get("/actuator/prometheus").with(user(Learners.as(admin)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(text).contains("opendoor_xapi_statements_stored_total").contains("opendoor_learners_active")
			.contains("opendoor_certificates_issued").contains("opendoor_xapi_outbox{status=\"queued\"}");
		double stored = Double.parseDouble(text.lines().filter(l -> l.startsWith("opendoor_xapi_statements_stored_total"))
			.findFirst().orElseThrow().replaceAll(".* ", ""));
		assertThat(stored).isGreaterThan(10);
		double active = Double.parseDouble(text.lines().filter(l -> l.startsWith("opendoor_learners_active"))
			.findFirst().orElseThrow().replaceAll(".* ", ""));
		assertThat(active).isGreaterThanOrEqualTo(1);
		assertThat(mvc.perform(get("/actuator/prometheus").with(user(Learners.as(learner)))).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

}
