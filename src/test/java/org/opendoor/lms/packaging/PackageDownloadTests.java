package org.opendoor.lms.packaging;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Admins download packages; learners cannot; bad requests get a clear 4xx. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class PackageDownloadTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void adminsDownloadPackagesAndOthersCannot() throws Exception {
		Account admin = accounts.create(new org.opendoor.lms.account.Registration("Admin", java.util.UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.ENGLAND, "en"), EnumSet.of(Role.ADMIN));
		var result = mvc.perform(get("/api/courses/hub-leaders-mental-health-awareness/packages/scorm2004")
			.with(user(Learners.as(admin)))).andExpect(status().isOk()).andReturn().getResponse();
		assertThat(result.getContentType()).isEqualTo("application/zip");
		assertThat(result.getHeader("Content-Disposition")).contains("hub-leaders-mental-health-awareness-scorm2004.zip");
		assertThat(PackageManifestTests.unzip(result.getContentAsByteArray())).containsKey("imsmanifest.xml");

		String bad = mvc.perform(get("/api/courses/first-steps/packages/scorm3000").with(user(Learners.as(admin))))
			.andExpect(status().isBadRequest()).andReturn().getResolvedException().getMessage();
		assertThat(bad).contains("use scorm12, scorm2004 or cmi5");
		mvc.perform(get("/api/courses/no-such-course/packages/cmi5").with(user(Learners.as(admin))))
			.andExpect(status().isNotFound());

		Account learner = Learners.register(accounts, "Learner", Nation.WALES, "en");
		mvc.perform(get("/api/courses/first-steps/packages/scorm12").with(user(Learners.as(learner))))
			.andExpect(status().isForbidden());
	}

}
