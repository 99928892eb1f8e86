package org.opendoor.lms.learning;

import java.util.Set;
import java.util.UUID;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.reporting.TrainingRecords;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.course.CourseCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same storage checks on every supported database: the migrations apply, and accounts, course
 * versions, attempts, answers and results are stored and read back as a learner would see them; local
 * directories, identity-provider links and erasure work on each.
 */
abstract class RepositoryContractTests {

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	CourseCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyMigrationApplied() throws java.io.IOException {
		int shipped = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/migration/**/V*__*.sql").length;
		assertThat(shipped).as("migrations in the build").isGreaterThanOrEqualTo(24);
		assertThat(jdbc.sql("select count(*) from \"flyway_schema_history\" where \"success\" = true and \"type\" = 'SQL'").query(Integer.class).single())
			.isEqualTo(shipped);
	}

	@Test
	void storesAndReadsBackALearnersProgress() {
		Account learner = accounts.register(new Registration("Seán Ó Briain ŵŷ", "sean-" + UUID.randomUUID() + "@example.org",
				"long enough password", Nation.NORTHERN_IRELAND, "cy"));
		assertThat(accounts.get(learner.id()).displayName()).isEqualTo("Seán Ó Briain ŵŷ");
		assertThat(accounts.get(learner.id()).language()).isEqualTo("cy");
		UUID attempt = attempts.start(learner.id(), "first-steps");
		assertThat(attempts.start(learner.id(), "first-steps")).as("an unfinished attempt is reused").isEqualTo(attempt);
		attempts.answer(learner.id(), attempt, "check-urgent-signs", Set.of("a", "b"));
		StepView view = attempts.view(learner.id(), attempt, "check-urgent-signs");
		assertThat(view.chosen()).containsExactlyInAnyOrder("a", "b");
		assertThat(view.step().question().isCorrect(view.chosen())).isTrue();
		attempts.choose(learner.id(), attempt, "scenario-cafe-chat", "arrival", 1, false);
		assertThat(attempts.view(learner.id(), attempt, "scenario-cafe-chat").scenario().current().id()).isEqualTo("opens-up");
		AssessmentMark mark = attempts.submit(learner.id(), attempt);
		assertThat(mark.total()).isEqualTo(10);
		assertThat(mark.passed()).isFalse();
		assertThat(attempts.history(learner.id())).singleElement()
			.satisfies(s -> assertThat(s.status()).isEqualTo(AttemptStatus.FAILED));
		assertThat(attempts.currentStep(learner.id(), attempt)).isEqualTo("result");
	}

	@Autowired
	org.opendoor.lms.organisation.Organisations organisations;

	@Autowired
	org.opendoor.lms.directory.LocalServices localServices;

	@Autowired
	org.opendoor.lms.privacy.PersonalData personalData;

	@Autowired
	org.opendoor.lms.privacy.PersonalDataAudit audit;

	@Autowired
	LearnerRecords records;

	@Autowired
	org.opendoor.lms.certificate.Certificates certificates;

	@Test
	void localDirectoriesIdentitiesAndErasureAreStored() {
		People people = People.create(accounts, organisations);
		long entry = localServices.create(people.adminA().id(), people.orgA(), new LocalServiceForm("Caffi Cymunedol",
				"Sgwrs a phaned", "Dydd Llun", "01234 567890", "Pawb", Tier.CHAT, LocalDate.of(2026, 3, 1)));
		localServices.update(people.adminA().id(), people.orgA(), entry, new LocalServiceForm("Caffi Cymunedol ŵŷ",
				"Sgwrs a phaned", "Dydd Llun", "01234 567890", "Pawb", Tier.URGENT, LocalDate.of(2026, 3, 2)));
		localServices.chooseCardNation(people.adminA().id(), people.orgA(), Nation.WALES);
		localServices.chooseCardNation(people.adminA().id(), people.orgA(), Nation.SCOTLAND);
		assertThat(localServices.cardNation(people.volunteerA().id(), people.orgA())).contains(Nation.SCOTLAND);
		assertThat(localServices.forMember(people.volunteerA().id())).singleElement().satisfies(s -> {
			assertThat(s.name()).isEqualTo("Caffi Cymunedol ŵŷ");
			assertThat(s.tier()).isEqualTo(Tier.URGENT);
			assertThat(s.lastReviewed()).isEqualTo(LocalDate.of(2026, 3, 2));
		});

		Account viaProvider = accounts.signInWithIdentity("https://idp.example.org/" + UUID.randomUUID(), "subject-1",
				UUID.randomUUID() + "@example.org", "Provider Person", Nation.WALES).account();
		assertThat(accounts.record(viaProvider.id()).identities()).hasSize(1);

		Account learner = people.volunteerA();
		UUID attempt = Learners.takeFirstStepsAssessment(attempts, learner, true);
		attempts.savePlan(learner.id(), attempt, "plan-my-next-step", java.util.Map.of("support", "My sister"));
		personalData.erase(learner.id());
		assertThat(accounts.isActive(learner.id())).isFalse();
		assertThat(records.plans(learner.id())).isEmpty();
		assertThat(records.attempts(learner.id())).singleElement().satisfies(a -> assertThat(a.answers()).isEmpty());
		assertThat(certificates.of(learner.id())).singleElement()
			.satisfies(c -> assertThat(c.status()).isEqualTo("REVOKED"));
		assertThat(audit.latest(3)).first().satisfies(e -> assertThat(e.subjectId()).isEqualTo(learner.id()));
		localServices.delete(people.adminA().id(), people.orgA(), entry);
		assertThat(localServices.forMember(people.adminA().id())).isEmpty();
	}

	@Test
	void courseVersionsAreStoredWithTheirFullContent() {
		long versionId = catalogue.latest("first-steps").orElseThrow().versionId();
		assertThat(catalogue.storedVersions()).anySatisfy(v -> assertThat(v.id()).isEqualTo(versionId));
		String json = jdbc.sql("select content from course_version where id = ?").param(versionId).query(String.class).single();
		assertThat(json).contains("\"id\":\"first-steps\"").contains("Listening without fixing");
	}

	@Autowired
	org.opendoor.lms.organisation.Invitations invitations;

	@Autowired
	org.opendoor.lms.organisation.Assignments assignments;

	@Autowired
	TrainingRecords trainingRecords;

	@Test
	void storesOrganisationsGroupsInvitationsAssignmentsAndReadsTrainingRecords() {
		Orgs.Org hub = Orgs.create(organisations, accounts, "Storage Hub");
		long site = organisations.createGroup(hub.id(), "Ysbyty Ystwyth");
		Account passer = Orgs.member(organisations, accounts, hub.id(), "Passer", site);
		Account idle = Orgs.member(organisations, accounts, hub.id(), "Idle", null);
		Learners.takeFirstStepsAssessment(attempts, passer, true);
		String code = organisations.joinCode(hub.id());
		assertThat(organisations.byJoinCode(code.toLowerCase())).map(o -> o.id()).contains(hub.id());
		var imported = invitations.importCsv(hub.id(),
				("email,name,group\nnew-" + UUID.randomUUID() + "@example.org,Newydd,ysbyty ystwyth\n").getBytes(), hub.admin().id());
		assertThat(imported.errors()).isEmpty();
		assertThat(invitations.open(hub.id())).extracting(i -> i.groupName()).containsExactly("Ysbyty Ystwyth");
		assignments.assign(hub.id(), "first-steps", null, java.time.LocalDate.now().minusDays(1), hub.admin().id());
		var rows = trainingRecords.of(hub.id(), null, "first-steps", java.time.LocalDate.now());
		assertThat(rows).hasSize(3);
		var byName = new java.util.HashMap<String, TrainingRecords.Row>();
		rows.forEach(r -> byName.put(r.member().displayName(), r));
		assertThat(byName.get("Passer").state()).isEqualTo(LearningProgress.State.COMPLETED);
		assertThat(byName.get("Passer").certificate()).isNotNull();
		assertThat(byName.get("Passer").member().groupName()).isEqualTo("Ysbyty Ystwyth");
		assertThat(byName.get("Idle").overdue()).isTrue();
		assertThat(accounts.acceptsReminders(idle.id())).isTrue();
		accounts.stopReminders(idle.id());
		accounts.stopReminders(idle.id());
		assertThat(accounts.acceptsReminders(idle.id())).isFalse();
	}

}
