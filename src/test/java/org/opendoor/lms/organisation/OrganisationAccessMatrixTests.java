package org.opendoor.lms.organisation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every organisation route (pages, forms and the CSV export) for every kind of visitor: anonymous, a
 * learner of organisation A, the admin of A, the admin of B and a site admin. Only A's admin and site
 * admins reach A's pages; everyone else signed in gets "not found" and changes nothing; ids of B's
 * people, groups and assignments put into A's URLs are not found either.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class OrganisationAccessMatrixTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Assignments assignments;

	@Autowired
	Invitations invitations;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	Orgs.Org a;

	Orgs.Org b;

	Account learnerOfA;

	Account learnerOfB;

	Account siteAdmin;

	long groupOfA;

	long groupOfB;

	long assignmentOfA;

	long assignmentOfB;

	@Autowired
	org.opendoor.lms.facilitation.GroupSessions groupSessions;

	UUID sessionOfA;

	@BeforeEach
	void twoOrganisations() {
		a = Orgs.create(organisations, accounts, "Hub A");
		b = Orgs.create(organisations, accounts, "Hub B");
		groupOfA = organisations.createGroup(a.id(), "Site A");
		groupOfB = organisations.createGroup(b.id(), "Site B");
		learnerOfA = Orgs.member(organisations, accounts, a.id(), "Learner A", groupOfA);
		learnerOfB = Orgs.member(organisations, accounts, b.id(), "Learner B", groupOfB);
		assignmentOfA = assignments.assign(a.id(), "first-steps", null, LocalDate.now().plusDays(10), a.admin().id());
		assignmentOfB = assignments.assign(b.id(), "first-steps", null, LocalDate.now().plusDays(10), b.admin().id());
		sessionOfA = groupSessions.record(a.id(), a.admin().id(), new org.opendoor.lms.facilitation.GroupSessions.Form(
				"first-steps", LocalDate.now().toString(), String.valueOf(a.admin().id()), "",
				List.of(String.valueOf(learnerOfA.id()))));
		siteAdmin = accounts.create(new Registration("Site Admin", UUID.randomUUID() + "@example.org", Learners.PASSWORD,
				Nation.ENGLAND, "en"), EnumSet.of(Role.LEARNER, Role.ADMIN));
	}

	/** Every organisation route, with A's ids filled in. */
	private List<String[]> routesOfA() {
		List<String[]> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/org/{orgId}")) {
					continue;
				}
				String path = pattern.replace("{orgId}", String.valueOf(a.id()))
					.replace("{accountId}", String.valueOf(learnerOfA.id()))
					.replace("{assignmentId}", String.valueOf(assignmentOfA))
					.replace("{sessionId}", String.valueOf(sessionOfA));
				assertThat(path).as("every path variable is filled in").doesNotContain("{");
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					routes.add(new String[] { m.name(), path });
				}
			}
		}
		assertThat(routes).extracting(r -> r[1]).contains("/org/" + a.id() + "/dashboard", "/org/" + a.id() + "/export.csv",
				"/org/" + a.id() + "/members", "/org/" + a.id() + "/invite", "/org/" + a.id() + "/assignments",
				"/org/" + a.id() + "/import");
		return routes;
	}

	private AbstractMockHttpServletRequestBuilder<?> request(String method, String path) {
		if (path.endsWith("/import")) {
			return multipart(path).file("file", "email\nx@example.org\n".getBytes()).with(csrf());
		}
		return method.equals("GET") ? get(path)
				: post(path).with(csrf())
					.param("name", "Changed")
					.param("email", "someone@example.org")
					.param("groupId", String.valueOf(groupOfA))
					.param("role", "ORG_ADMIN")
					.param("courseId", "first-steps")
					.param("dueOn", "2030-01-01");
	}

	/** What A looks like, to show a refused request changed nothing. */
	private Map<String, Object> stateOfA() {
		return Map.of("members", organisations.members(a.id(), null), "groups", organisations.groups(a.id()), "assignments",
				assignments.of(a.id()), "code", organisations.joinCode(a.id()),
				"invitations", invitations.open(a.id()));
	}

	@Test
	void anonymousVisitorsAreSentToSignIn() throws Exception {
		for (String[] route : routesOfA()) {
			MvcResult r = mvc.perform(request(route[0], route[1])).andReturn();
			assertThat(r.getResponse().getStatus()).as(route[0] + " " + route[1]).isEqualTo(302);
			assertThat(r.getResponse().getRedirectedUrl()).as(route[0] + " " + route[1]).endsWith("/login");
		}
	}

	@Test
	void learnersAndOtherOrganisationsAdminsFindNothingAndChangeNothing() throws Exception {
		Map<String, Object> before = stateOfA();
		for (Account outsider : List.of(learnerOfA, b.admin(), learnerOfB)) {
			for (String[] route : routesOfA()) {
				MvcResult r = mvc.perform(request(route[0], route[1]).with(user(Learners.as(outsider)))).andReturn();
				assertThat(r.getResponse().getStatus()).as(outsider.displayName() + ": " + route[0] + " " + route[1])
					.isEqualTo(404);
				assertThat(r.getResponse().getContentAsString()).doesNotContain("Learner A").doesNotContain(learnerOfA.email());
			}
		}
		assertThat(stateOfA()).isEqualTo(before);
	}

	@Test
	void theOrganisationsAdminAndSiteAdminsSeeEveryPage() throws Exception {
		for (Account insider : List.of(a.admin(), siteAdmin)) {
			for (String[] route : routesOfA()) {
				if (!route[0].equals("GET")) {
					continue;
				}
				MvcResult r = mvc.perform(get(route[1]).with(user(Learners.as(insider)))).andReturn();
				int status = r.getResponse().getStatus();
				assertThat(status).as(insider.displayName() + ": " + route[1]).isIn(200, 302);
				if (route[1].endsWith("/members")) {
					assertThat(r.getResponse().getContentAsString()).contains(learnerOfA.email())
						.doesNotContain(learnerOfB.email());
				}
				if (route[1].endsWith("/export.csv")) {
					assertThat(r.getResponse().getContentAsString()).contains(learnerOfA.email())
						.doesNotContain(learnerOfB.email());
				}
			}
		}
	}

	@Test
	void idsFromAnotherOrganisationCannotBeUsedInThisOnesUrls() throws Exception {
		var admin = user(Learners.as(a.admin()));
		String base = "/org/" + a.id();
		Map<String, Object> before = stateOfA();
		List<AbstractMockHttpServletRequestBuilder<?>> guesses = List.of(
				get(base + "/dashboard").param("group", String.valueOf(groupOfB)),
				get(base + "/export.csv").param("group", String.valueOf(groupOfB)),
				get(base + "/members").param("group", String.valueOf(groupOfB)),
				post(base + "/members/" + learnerOfB.id() + "/remove").with(csrf()),
				post(base + "/members/" + learnerOfB.id() + "/role").param("role", "ORG_ADMIN").with(csrf()),
				post(base + "/members/" + learnerOfB.id() + "/group").with(csrf()),
				post(base + "/members/" + learnerOfA.id() + "/group").param("groupId", String.valueOf(groupOfB)).with(csrf()),
				post(base + "/assignments/" + assignmentOfB + "/remove").with(csrf()),
				post(base + "/assignments").param("courseId", "first-steps").param("groupId", String.valueOf(groupOfB))
					.param("dueOn", "2030-01-01").with(csrf()),
				post(base + "/invitations").param("email", "x@example.org").param("groupId", String.valueOf(groupOfB))
					.with(csrf()));
		for (AbstractMockHttpServletRequestBuilder<?> guess : guesses) {
			MvcResult r = mvc.perform(guess.with(admin)).andReturn();
			assertThat(r.getResponse().getStatus()).as(r.getRequest().getMethod() + " " + r.getRequest().getRequestURI())
				.isEqualTo(404);
		}
		assertThat(stateOfA()).isEqualTo(before);
		assertThat(organisations.membershipsOf(learnerOfB.id())).extracting(Membership::organisationId).containsExactly(b.id());
		assertThat(assignments.of(b.id())).hasSize(1);
		assertThat(organisations.member(b.id(), learnerOfB.id()).role()).isEqualTo("LEARNER");
	}

	@Test
	void eachAdminsListShowsOnlyTheirOrganisationsAndOnlySiteAdminsManageAll() throws Exception {
		String mine = mvc.perform(get("/org").with(user(Learners.as(b.admin())))).andReturn().getResponse().getContentAsString();
		assertThat(mine).contains(organisations.find(b.id()).orElseThrow().name())
			.doesNotContain(organisations.find(a.id()).orElseThrow().name());
		String learner = mvc.perform(get("/org").with(user(Learners.as(learnerOfA)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(learner).contains("You do not run any organisation");
		assertThat(mvc.perform(get("/admin/organisations").with(user(Learners.as(a.admin())))).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/admin/organisations").param("name", "Sneaky").param("adminEmail", a.admin().email())
			.with(csrf()).with(user(Learners.as(a.admin())))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/admin/organisations").with(user(Learners.as(siteAdmin)))).andReturn().getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void theNavigationOffersOrganisationPagesOnlyToThoseWhoRunOne() throws Exception {
		String admin = mvc.perform(get("/courses").with(user(Learners.as(a.admin())))).andReturn().getResponse()
			.getContentAsString();
		assertThat(admin).contains("href=\"/org\"");
		String learner = mvc.perform(get("/courses").with(user(Learners.as(learnerOfA)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(learner).doesNotContain("href=\"/org\"");
	}

}
