package org.opendoor.lms.privacy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.AccountEvents;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.certificate.Certificate;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.learning.LearnerRecords;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A learner's data download, erasing an account, and the audit log of who saw whose data. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class PersonalDataTests {

	/** Listens, as the learning record store will, for erased accounts (published on the server's thread). */
	@TestConfiguration
	static class ErasureListener {

		final List<AccountEvents.AccountErased> heard = new CopyOnWriteArrayList<>();

		/** An account whose erasure this listener fails, as a module might (for example its database refusing). */
		volatile long failFor = -1;

		@EventListener
		void on(AccountEvents.AccountErased event) {
			if (event.accountId() == failFor) {
				throw new IllegalStateException("the learning record store could not erase");
			}
			heard.add(event);
		}

	}

	@Autowired
	ErasureListener listener;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Attempts attempts;

	@Autowired
	LearnerRecords records;

	@Autowired
	Certificates certificates;

	@Autowired
	PersonalDataAudit audit;

	@Autowired
	PersonalData personalData;

	final JsonMapper json = JsonMapper.builder().build();

	People people;

	Account learner;

	UUID attempt;

	@BeforeEach
	void aVolunteerWithProgress() {
		people = People.create(accounts, organisations);
		learner = people.volunteerA();
		attempt = Learners.takeFirstStepsAssessment(attempts, learner, true);
		attempts.savePlan(learner.id(), attempt, "plan-my-next-step",
				Map.of("notice", "Mrs Jones seems low on Tuesdays", "local", "", "support", "My sister"));
	}

	private Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				files.put(e.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	@Test
	void aLearnerDownloadsEverythingHeldAboutThemAndTheDownloadIsAudited() throws Exception {
		String page = mvc.perform(get("/account/data").with(user(Learners.as(learner)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Download my data (zip)").contains("Enter your password to confirm");
		byte[] zip = mvc.perform(get("/account/data/export").with(user(Learners.as(learner))))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		Map<String, byte[]> files = unzip(zip);
		JsonNode doc = json.readTree(files.get(PersonalData.JSON_FILE));
		assertThat(doc.get("account").get("email").asString()).isEqualTo(learner.email());
		assertThat(doc.get("account").get("displayName").asString()).isEqualTo("Volunteer A");
		assertThat(doc.get("account").get("learnerRef").asString()).isEqualTo(learner.learnerRef().toString());
		assertThat(doc.get("memberships").get(0).get("organisationId").asLong()).isEqualTo(people.orgA());
		JsonNode attemptNode = doc.get("attempts").get(0);
		assertThat(attemptNode.get("id").asString()).isEqualTo(attempt.toString());
		assertThat(attemptNode.get("status").asString()).isEqualTo("PASSED");
		assertThat(attemptNode.get("answers")).hasSize(10);
		assertThat(attemptNode.get("results").get(0).get("passed").asBoolean()).isTrue();
		assertThat(doc.get("plans").toString()).contains("Mrs Jones seems low on Tuesdays").contains("My sister");
		Certificate certificate = certificates.of(learner.id()).get(0);
		JsonNode cert = doc.get("certificates").get(0);
		assertThat(cert.get("code").asString()).isEqualTo(certificate.code());
		assertThat(cert.get("printed").get("learnerName").asString()).isEqualTo("Volunteer A");
		byte[] pdf = files.get(cert.get("pdfFile").asString());
		assertThat(pdf).isNotNull();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(audit.about(learner.id())).extracting(PersonalDataAudit.Entry::action, PersonalDataAudit.Entry::actorId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(PersonalDataAudit.Action.EXPORTED, learner.id()));
	}

	@Test
	void deletingAnAccountErasesThePersonButKeepsAnonymousCounts() throws Exception {
		Certificate certificate = certificates.of(learner.id()).get(0);
		certificates.pdf(certificate.id());
		BrowserlessSession session = new BrowserlessSession(port);
		BrowserlessSession otherDevice = new BrowserlessSession(port);
		assertThat(session.signIn(learner.email(), Learners.PASSWORD).location()).contains("/courses");
		assertThat(otherDevice.signIn(learner.email(), Learners.PASSWORD).location()).contains("/courses");

		session.get("/account/data");
		BrowserlessSession.Page wrong = session.post("/account/delete", "password", "not my password");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("That password is not right");
		assertThat(accounts.isActive(learner.id())).isTrue();

		session.get("/account/data");
		BrowserlessSession.Page deleted = session.post("/account/delete", "password", Learners.PASSWORD);
		assertThat(deleted.location()).endsWith("/login?erased");
		assertThat(session.get("/login?erased").body()).contains("Your account and your personal data have been deleted");

		// The person can no longer sign in, and their other session has ended.
		assertThat(new BrowserlessSession(port).signIn(learner.email(), Learners.PASSWORD).location()).endsWith("/login?error");
		// (erasure ended it in the database: it is simply signed out, as on every instance)
		assertThat(otherDevice.get("/courses").location()).endsWith("/login");
		assertThat(accounts.findByEmail(learner.email())).isEmpty();
		Account erased = accounts.get(learner.id());
		assertThat(erased.displayName()).isEqualTo("Erased");
		assertThat(erased.email()).doesNotContain(learner.email());
		assertThat(erased.learnerRef()).isNotEqualTo(learner.learnerRef());
		assertThat(erased.roles()).isEmpty();

		// Personal data gone: answers, plans, memberships, the certificate's name, PDF and badge.
		assertThat(records.plans(learner.id())).isEmpty();
		assertThat(organisations.membershipsOf(learner.id())).isEmpty();
		List<org.opendoor.lms.learning.LearnerRecords.AttemptRecord> kept = records.attempts(learner.id());
		assertThat(kept).singleElement().satisfies(a -> {
			assertThat(a.answers()).isEmpty();
			assertThat(a.status()).isEqualTo("PASSED");
			assertThat(a.results()).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
		});
		Certificate revoked = certificates.of(learner.id()).get(0);
		assertThat(revoked.status()).isEqualTo("REVOKED");
		assertThat(revoked.content().learnerName()).isEqualTo("Erased");
		String verify = new BrowserlessSession(port).get("/verify/" + certificate.code()).body();
		assertThat(verify).doesNotContain("Volunteer A");
		assertThat(verify.toLowerCase()).contains("revoked");

		// Other modules (the learning record store) are told, with the reference they knew the learner by.
		assertThat(listener.heard).contains(new AccountEvents.AccountErased(learner.id(), learner.learnerRef()));
		assertThat(audit.about(learner.id())).extracting(PersonalDataAudit.Entry::action)
			.containsExactly(PersonalDataAudit.Action.ERASED);
	}

	@Test
	void anErasureThatFailsInAnyModuleErasesNothing() {
		listener.failFor = learner.id();
		assertThatThrownBy(() -> personalData.erase(learner.id())).hasMessageContaining("could not erase");
		assertThat(accounts.isActive(learner.id())).isTrue();
		assertThat(accounts.get(learner.id()).email()).isEqualTo(learner.email());
		assertThat(records.plans(learner.id())).isNotEmpty();
		assertThat(records.attempts(learner.id()).get(0).answers()).hasSize(10);
		assertThat(organisations.membershipsOf(learner.id())).isNotEmpty();
		assertThat(certificates.of(learner.id()).get(0).status()).isEqualTo("VALID");
		assertThat(audit.about(learner.id())).isEmpty();
	}

	@Test
	void anAccountWithoutAPasswordConfirmsDeletionWithItsEmailAddress() throws Exception {
		Account viaProvider = accounts.signInWithIdentity("https://idp.example.org", "sub-" + UUID.randomUUID(),
				UUID.randomUUID() + "@idp.example.org", "Provider Person", Nation.ENGLAND).account();
		String page = mvc.perform(get("/account/data").with(user(Learners.as(viaProvider)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("Type your email address to confirm").doesNotContain("Enter your password");
		mvc.perform(post("/account/delete").param("email", "someone-else@example.org").with(csrf())
			.with(user(Learners.as(viaProvider)))).andExpect(status().isBadRequest());
		assertThat(accounts.isActive(viaProvider.id())).isTrue();
		mvc.perform(post("/account/delete").param("email", viaProvider.email().toUpperCase()).with(csrf())
			.with(user(Learners.as(viaProvider)))).andExpect(redirectedUrl("/login?erased"));
		assertThat(accounts.isActive(viaProvider.id())).isFalse();
		assertThat(accounts.record(viaProvider.id()).identities()).isEmpty();
	}

	@Test
	void aSiteAdminsLookUpIsRecordedAndShownInTheAuditLog() throws Exception {
		Account admin = people.siteAdmin();
		mvc.perform(get("/admin/personal-data/lookup").param("email", learner.email()).with(user(Learners.as(admin))))
			.andExpect(redirectedUrl("/admin/personal-data/people/" + learner.id()));
		String view = mvc.perform(get("/admin/personal-data/people/" + learner.id()).with(user(Learners.as(admin))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(view).contains(learner.email()).contains("Mrs Jones seems low on Tuesdays")
			.contains("This view has been recorded");
		assertThat(audit.about(learner.id())).extracting(PersonalDataAudit.Entry::action, PersonalDataAudit.Entry::actorId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(PersonalDataAudit.Action.VIEWED, admin.id()));
		String log = mvc.perform(get("/admin/personal-data").with(user(Learners.as(admin)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(log).contains("Site Admin (" + admin.id() + ")").contains("Viewed")
			.contains("Volunteer A (" + learner.id() + ")");
		mvc.perform(get("/admin/personal-data/lookup").param("email", "nobody@example.org").with(user(Learners.as(admin))))
			.andExpect(redirectedUrl("/admin/personal-data?notFound"));
		mvc.perform(get("/admin/personal-data/people/99999999").with(user(Learners.as(admin))))
			.andExpect(status().isNotFound());
	}

	@Test
	void theLookUpAndTheLogReadAsLabelledTextWithDatesForPeopleInTheVisitorsLanguage() throws Exception {
		Account admin = people.siteAdmin();
		java.time.Instant registered = accounts.record(learner.id()).createdAt();
		java.time.ZonedDateTime uk = registered.atZone(java.time.ZoneId.of("Europe/London"));
		String view = mvc.perform(get("/admin/personal-data/people/" + learner.id()).with(user(Learners.as(admin))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(view).contains("<dt>Email address</dt>").contains("<dd>" + learner.email() + "</dd>")
			.contains("<dt>Registered</dt>")
			.contains("<dd>" + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", java.util.Locale.UK).format(uk) + "</dd>")
			.contains("<dt>Nation</dt>").contains("<dd>Wales</dd>").contains("<dt>Passed</dt>").contains("<dd>Yes</dd>")
			.contains("What was written").contains("Mrs Jones seems low on Tuesdays")
			.doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}").doesNotContain("{&quot;").doesNotContain("\"createdAt\"");
		String log = mvc.perform(get("/admin/personal-data").with(user(Learners.as(admin)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(log).containsPattern("<td[^>]*>\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2}</td>")
			.doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

		accounts.setLanguage(admin.id(), "cy");
		String welsh = mvc.perform(get("/admin/personal-data/people/" + learner.id()).with(user(Learners.as(admin))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(welsh).contains("<dt>Wedi cofrestru</dt>")
			.contains("<dd>" + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", java.util.Locale.forLanguageTag("cy")).format(uk) + "</dd>")
			.contains("<dd>Cymru</dd>").contains("<dd>Ie</dd>");
		String welshLog = mvc.perform(get("/admin/personal-data").with(user(Learners.as(admin)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(welshLog).contains("Wedi’i weld")
			.contains(">" + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("cy"))
				.format(java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/London"))) + ", ");
	}

	@Test
	void everyPersonalDataRouteAnswersEachRoleAsItShould() throws Exception {
		String person = "/admin/personal-data/people/" + learner.id();
		String[] adminOnly = { "/admin/personal-data", "/admin/personal-data/lookup?email=x@example.org", person };
		for (Account who : List.of(people.volunteerA(), people.adminA(), people.adminB(), people.outsider())) {
			for (String route : adminOnly) {
				mvc.perform(get(route).with(user(Learners.as(who)))).andExpect(status().isForbidden());
			}
			mvc.perform(get("/account/data").with(user(Learners.as(who)))).andExpect(status().isOk());
		}
		for (String route : adminOnly) {
			assertThat(mvc.perform(get(route)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
			int status = mvc.perform(get(route).with(user(Learners.as(people.siteAdmin())))).andReturn().getResponse()
				.getStatus();
			assertThat(status).as(route).isEqualTo(route.contains("lookup") ? 302 : 200);
		}
		for (String route : List.of("/account/data", "/account/data/export")) {
			assertThat(mvc.perform(get(route)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
		}
		assertThat(mvc.perform(post("/account/delete").with(csrf()).param("password", Learners.PASSWORD)).andReturn()
			.getResponse().getRedirectedUrl()).endsWith("/login");
		// Someone else's download: there is no id in the route, so an org admin only ever gets their own.
		byte[] zip = mvc.perform(get("/account/data/export").with(user(Learners.as(people.adminA())))).andReturn()
			.getResponse().getContentAsByteArray();
		String ownJson = new String(unzip(zip).get(PersonalData.JSON_FILE), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(ownJson).contains(people.adminA().email()).doesNotContain(learner.email());
		assertThat(accounts.isActive(learner.id())).isTrue();
	}

}
