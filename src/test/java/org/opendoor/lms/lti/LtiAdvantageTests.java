package org.opendoor.lms.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.learning.StepPlan;
import org.opendoor.lms.organisation.Member;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Dynamic registration, deep linking and a roster import against the platform emulator (which checks what
 * Moodle checks), and the site admin's registration page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class LtiAdvantageTests {

	static PlatformEmulator platform;

	static Orgs.Org org;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	LtiPlatforms platforms;

	@Autowired
	Organisations organisations;

	@Autowired
	Accounts accounts;

	@Autowired
	DynamicRegistration registration;

	@Autowired
	Rosters rosters;

	@Autowired
	CourseCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void start() throws Exception {
		platform = new PlatformEmulator();
	}

	@AfterAll
	static void stop() {
		platform.close();
	}

	/** Registers the emulator the way an LMS administrator would: by pasting a registration link. */
	synchronized Platform registered() {
		if (org == null) {
			org = Orgs.create(organisations, accounts, "Youth club");
			String link = registration.invite(org.id());
			LtiBrowser browser = new LtiBrowser(port);
			String url = link + "?openid_configuration="
					+ URLEncoder.encode(platform.url("/mod/lti/openid-configuration.php"), StandardCharsets.UTF_8)
					+ "&registration_token=" + platform.registrationToken;
			LtiBrowser.Page page = browser.get(url);
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertThat(page.body()).contains("Open Door is registered with Moodle");
			// the link works once
			assertThat(browser.get(url).status()).isEqualTo(400);
		}
		return platforms.find(platform.issuer, platform.clientId).orElseThrow();
	}

	@Test
	void dynamicRegistrationRegistersWhatMoodleAccepts() {
		Platform registered = registered();
		assertThat(registered.organisationId()).isEqualTo(org.id());
		assertThat(registered.deployments()).containsExactly(platform.deploymentId);
		assertThat(registered.authorizationEndpoint()).isEqualTo(platform.authEndpoint());
		assertThat(registered.tokenEndpoint()).isEqualTo(platform.tokenEndpoint());
		assertThat(registered.jwksUri()).isEqualTo(platform.jwksUri());
		JsonNode sent = platform.registration;
		String base = "http://localhost:" + port;
		assertThat(sent.path("initiate_login_uri").asString()).isEqualTo(base + "/lti/login");
		assertThat(sent.path("jwks_uri").asString()).isEqualTo(base + "/lti/jwks.json");
		assertThat(sent.path("scope").asString()).contains(Claims.SCOPE_SCORE).contains(Claims.SCOPE_NRPS);
		assertThat(sent.path(Claims.TOOL_CONFIGURATION).path("messages").get(0).path("type").asString())
			.isEqualTo(Claims.DEEP_LINKING_REQUEST);
		// and a launch through the registration works
		LtiBrowser.Page launched = new LtiBrowser(port).launch(platform.resourceLink("dyn-" + UUID.randomUUID(),
				PlatformEmulator.LEARNER, Map.of("course", "first-steps"), "Dyn Learner"));
		assertThat(launched.status()).as(launched.body()).isEqualTo(200);
	}

	@Test
	void aTeacherPicksAModuleAndItComesBackWithAGradebookLineItem() {
		registered();
		LtiBrowser teacher = new LtiBrowser(port);
		LtiBrowser.Page picker = teacher.launch(platform.deepLinking("teacher-" + UUID.randomUUID(), PlatformEmulator.INSTRUCTOR));
		assertThat(picker.status()).as(picker.body()).isEqualTo(200);
		CourseModule module = catalogue.latest("first-steps").orElseThrow().course().modules().get(1);
		assertThat(picker.body()).contains("first-steps/" + module.id());
		String token = LtiBrowser.hidden(picker.body()).get("token");
		LtiBrowser.Page response = teacher.post("/lti/deep-link", Map.of("token", token, "choice", "first-steps/" + module.id()));
		assertThat(response.status()).isEqualTo(200);
		String returnUrl = LtiBrowser.attribute(response.body(), "lti-autosubmit", "action");
		assertThat(returnUrl).startsWith(platform.url("/mod/lti/contentitem_return.php"));
		int before = platform.deepLinked.size();
		LtiBrowser.Page back = teacher.post(returnUrl, LtiBrowser.hidden(response.body()));
		assertThat(back.status()).as(back.body()).isEqualTo(200);
		assertThat(platform.deepLinked).hasSize(before + 1);
		JsonNode item = platform.deepLinked.get(before);
		assertThat(item.path("type").asString()).isEqualTo("ltiResourceLink");
		assertThat(item.path("url").asString()).isEqualTo("http://localhost:" + port + "/lti/launch");
		assertThat(item.path("custom").path("module").asString()).isEqualTo(module.id());
		assertThat(item.path("lineItem").path("scoreMaximum").asInt()).isEqualTo(100);
		// the token is used up
		assertThat(teacher.post("/lti/deep-link", Map.of("token", token, "choice", "first-steps")).status()).isEqualTo(400);

		// a learner launching the placed link lands on the module's first page
		LtiBrowser learner = new LtiBrowser(port);
		LtiBrowser.Page launched = learner.launch(platform.resourceLink("learner-" + UUID.randomUUID(), PlatformEmulator.LEARNER,
				Map.of("course", item.path("custom").path("course").asString(), "module", module.id()), null));
		LtiBrowser.Page opened = learner.get(LtiBrowser.attribute(launched.body(), "lti-continue", "href"));
		assertThat(opened.location()).endsWith("/steps/" + StepPlan.firstKeyOf(module));
		assertThat(learner.get(opened.location()).status()).isEqualTo(200);
	}

	@Test
	void aLearnerCannotAddCourses() {
		registered();
		LtiBrowser learner = new LtiBrowser(port);
		learner.language = "cy";
		LtiBrowser.Page refused = learner.launch(platform.deepLinking("learner-" + UUID.randomUUID(), PlatformEmulator.LEARNER));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("Dim ond athro neu adeiladwr cyrsiau");
	}

	@Test
	void anOrganisationAdminImportsTheRosterOfTheLmsCourse() throws Exception {
		registered();
		// a teacher's launch makes the course known, with its roster service
		String teacherSubject = "teacher-" + UUID.randomUUID();
		assertThat(new LtiBrowser(port).launch(platform.resourceLink(teacherSubject, PlatformEmulator.INSTRUCTOR,
				Map.of("course", "first-steps"), "Teacher One")).status()).isEqualTo(200);
		String a = "m-" + UUID.randomUUID();
		String b = "m-" + UUID.randomUUID();
		String gone = "m-" + UUID.randomUUID();
		platform.members.clear();
		platform.members.add(Map.of("user_id", a, "status", "Active", "name", "Aled Roberts", "roles", List.of(PlatformEmulator.LEARNER)));
		platform.members.add(Map.of("user_id", teacherSubject, "status", "Active", "name", "Teacher One", "roles", List.of(PlatformEmulator.INSTRUCTOR)));
		platform.members.add(Map.of("user_id", gone, "status", "Inactive", "name", "Left Already", "roles", List.of(PlatformEmulator.LEARNER)));
		platform.members.add(Map.of("user_id", b, "status", "Active", "given_name", "Bethan", "family_name", "Hughes",
				"email", "bethan-" + UUID.randomUUID() + "@example.org", "roles", List.of(PlatformEmulator.LEARNER)));
		long teacherId = jdbc.sql("select account_id from account_identity where subject = ?").param(teacherSubject)
			.query(Long.class).single();
		Account teacher = accounts.get(teacherId);
		List<Rosters.Course> courses = rosters.courses(org.id());
		assertThat(courses).extracting(Rosters.Course::title).contains("Volunteer induction");
		long course = courses.get(0).id();
		mvc.perform(get("/org/" + org.id() + "/lti").with(user(Learners.as(teacher))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Volunteer induction")));
		mvc.perform(post("/org/" + org.id() + "/lti/import").param("course", String.valueOf(course)).with(csrf())
				.with(user(Learners.as(teacher))))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attributeCount(1))
			.andExpect(flash().attribute("imported", new Rosters.Imported(2, 1)));
		List<Member> members = organisations.members(org.id(), null);
		assertThat(members).extracting(Member::displayName).contains("Aled Roberts", "Bethan Hughes", "Teacher One")
			.doesNotContain("Left Already");
		long group = organisations.groupNamed(org.id(), "Volunteer induction").orElseThrow().id();
		assertThat(organisations.members(org.id(), group)).extracting(Member::displayName).contains("Aled Roberts", "Bethan Hughes");
		// importing again adds no one
		assertThat(rosters.importRoster(org.id(), course)).isEqualTo(new Rosters.Imported(0, 3));
		// a learner of the organisation may not import (organisation pages answer 404 to non-admins, revealing nothing)
		Account learner = accounts.get(jdbc.sql("select account_id from account_identity where subject = ?").param(a)
			.query(Long.class).single());
		mvc.perform(post("/org/" + org.id() + "/lti/import").param("course", String.valueOf(course)).with(csrf())
				.with(user(Learners.as(learner))))
			.andExpect(status().isNotFound());
		assertThat(organisations.members(org.id(), null)).hasSize(members.size());
	}

	@Test
	void aSiteAdminRegistersAPlatformByHandAndBadInputIsExplained() throws Exception {
		Orgs.Org hub = Orgs.create(organisations, accounts, "Church café");
		Account admin = accounts.create(new Registration("Site Admin", UUID.randomUUID() + "@example.org", Learners.PASSWORD,
				Nation.WALES, "cy"), EnumSet.of(Role.LEARNER, Role.ADMIN));
		mvc.perform(get("/admin/lti").with(user(Learners.as(admin))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/lti/jwks.json")));
		String issuer = "https://moodle-" + UUID.randomUUID() + ".example.org";
		mvc.perform(post("/admin/lti/platforms").with(csrf()).with(user(Learners.as(admin)))
				.param("name", "Church Moodle").param("issuer", issuer).param("clientId", "abc123")
				.param("authorizationEndpoint", issuer + "/mod/lti/auth.php").param("tokenEndpoint", issuer + "/mod/lti/token.php")
				.param("jwksUri", issuer + "/mod/lti/certs.php").param("deploymentIds", "3, 4")
				.param("organisationId", String.valueOf(hub.id())))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("done", "lti.admin.registered"));
		assertThat(platforms.find(issuer, "abc123").orElseThrow().deployments()).containsExactly("3", "4");
		mvc.perform(post("/admin/lti/platforms").with(csrf()).with(user(Learners.as(admin)))
				.param("issuer", issuer).param("clientId", "xyz").param("authorizationEndpoint", "not a url")
				.param("tokenEndpoint", issuer).param("jwksUri", issuer).param("deploymentIds", "1")
				.param("organisationId", String.valueOf(hub.id())))
			.andExpect(flash().attribute("error", "lti.admin.invalid.url"));
		assertThat(platforms.find(issuer, "xyz")).isEmpty();
		mvc.perform(get("/admin/lti").with(user(Learners.as(Learners.register(accounts, "Not admin",
				Nation.WALES, "en"))))).andExpect(status().isForbidden());
	}

}
