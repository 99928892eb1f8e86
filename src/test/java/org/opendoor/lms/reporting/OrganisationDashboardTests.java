package org.opendoor.lms.reporting;

import org.opendoor.lms.privacy.PersonalDataAudit;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.certificate.Certificate;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.learning.AttemptStatus;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Assignments;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * An organisation's dashboard and export count what learners really did in the engine: one passed, one
 * failed the assessment, one is part-way through, one has not started, and one group's deadline has passed.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class OrganisationDashboardTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Assignments assignments;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	TrainingRecords records;

	Orgs.Org org;

	long riverside;

	long youth;

	Account passer;

	Account failer;

	Account starter;

	Account idle;

	@BeforeEach
	void learnersWhoReallyTookTheCourse() {
		org = Orgs.create(organisations, accounts, "Dashboard Hub");
		riverside = organisations.createGroup(org.id(), "Riverside");
		youth = organisations.createGroup(org.id(), "Youth club");
		passer = Orgs.member(organisations, accounts, org.id(), "Passer", riverside);
		failer = Orgs.member(organisations, accounts, org.id(), "Failer", riverside);
		starter = Orgs.member(organisations, accounts, org.id(), "Starter", youth);
		idle = Orgs.member(organisations, accounts, org.id(), "Idle", youth);
		Learners.takeFirstStepsAssessment(attempts, passer, true);
		Learners.takeFirstStepsAssessment(attempts, failer, false);
		UUID started = attempts.start(starter.id(), "first-steps");
		attempts.view(starter.id(), started, "lesson-three-tiers"); // first page of the second module
		assignments.assign(org.id(), "first-steps", youth, LocalDate.now().minusDays(1), org.admin().id());
	}

	private Document page(String url) throws Exception {
		MvcResult result = mvc.perform(get(url).with(user(Learners.as(org.admin())))).andReturn();
		assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	/** completed, in progress, not started, overdue of a table row. */
	private static List<Integer> figures(Element row) {
		return row.select("td").stream().map(td -> Integer.parseInt(td.text())).toList();
	}

	private static Element table(Document doc, String courseId) {
		Element table = doc.selectFirst("table.figures[data-course=" + courseId + "]");
		assertThat(table).as("table for " + courseId).isNotNull();
		return table;
	}

	@Test
	void courseAndModuleFiguresAgreeWithTheLearnersAttempts() throws Exception {
		// What the engine holds, learner by learner.
		assertThat(attempts.history(passer.id()).get(0).status()).isEqualTo(AttemptStatus.PASSED);
		assertThat(attempts.history(failer.id()).get(0).status()).isEqualTo(AttemptStatus.FAILED);
		assertThat(attempts.history(starter.id()).get(0).status()).isEqualTo(AttemptStatus.IN_PROGRESS);
		assertThat(attempts.history(idle.id())).isEmpty();
		assertThat(attempts.history(org.admin().id())).isEmpty();

		Document doc = page("/org/" + org.id() + "/dashboard");
		assertThat(doc.select(".people").text()).isEqualTo("People: 5");
		Element table = table(doc, "first-steps");
		// passer completed; failer and starter in progress; idle and the admin not started; youth group overdue
		assertThat(figures(table.selectFirst("tr.course-row"))).containsExactly(1, 2, 2, 2);
		// failer reached the result page (both modules done); starter is in the second module
		assertThat(figures(table.selectFirst("tr[data-module=listening]"))).containsExactly(3, 0, 2, 1);
		assertThat(figures(table.selectFirst("tr[data-module=signposting]"))).containsExactly(2, 1, 2, 2);
		assertThat(table.selectFirst("caption").text()).contains("First steps");
		assertThat(table.select("th[scope=col]")).hasSize(5);

		// Nobody has started the other course.
		assertThat(figures(table(doc, "hub-leaders-mental-health-awareness").selectFirst("tr.course-row")))
			.containsExactly(0, 0, 5, 0);

		// Each chart is an SVG image with a text alternative that states the same figures.
		Element chart = doc.selectFirst("article.course-report svg[role=img]");
		assertThat(chart.attr("aria-label")).contains("1 of 5 people completed, 2 overdue");
		assertThat(doc.select("script")).isEmpty();
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** How many of these people have a statement with this verb about first-steps in the built-in LRS. */
	private int inLrs(String verb, Account... people) {
		int n = 0;
		for (Account a : people) {
			n += jdbc.sql("select count(*) from xapi_statement where verb_id = ? and body like ? and body like ?")
				.params("http://adlnet.gov/expapi/verbs/" + verb, "%\"name\":\"" + a.learnerRef() + "\"%",
						"%/xapi/activities/courses/first-steps\"%")
				.query(Integer.class)
				.single() > 0 ? 1 : 0;
		}
		return n;
	}

	@Test
	void figuresAgreeWithTheLearningRecordStore() throws Exception {
		Account[] everyone = { passer, failer, starter, idle, org.admin() };
		int passed = inLrs("passed", everyone);
		int launched = inLrs("launched", everyone);
		Element table = table(page("/org/" + org.id() + "/dashboard"), "first-steps");
		List<Integer> figures = figures(table.selectFirst("tr.course-row"));
		assertThat(passed).isEqualTo(1);
		assertThat(figures.get(0)).as("completed = people with a passed statement").isEqualTo(passed);
		assertThat(figures.get(1)).as("in progress = launched but not passed").isEqualTo(launched - passed);
		assertThat(figures.get(2)).as("not started = no launched statement").isEqualTo(everyone.length - launched);
	}

	@Autowired
	PersonalDataAudit audit;

	@Test
	void anExportIsRecordedInTheAuditLogForEveryoneInIt() throws Exception {
		int status = mvc.perform(get("/org/" + org.id() + "/export.csv").with(user(Learners.as(org.admin()))))
			.andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(200);
		for (Account person : new Account[] { passer, failer, starter, idle }) {
			assertThat(audit.about(person.id())).as(person.displayName())
				.anySatisfy(e -> {
					assertThat(e.actorId()).isEqualTo(org.admin().id());
					assertThat(e.action()).isEqualTo(PersonalDataAudit.Action.EXPORTED);
				});
		}
	}

	@Test
	void filtersByGroupAndCourse() throws Exception {
		Document youthOnly = page("/org/" + org.id() + "/dashboard?group=" + youth + "&course=first-steps");
		assertThat(youthOnly.select(".people").text()).isEqualTo("People: 2");
		assertThat(figures(table(youthOnly, "first-steps").selectFirst("tr.course-row"))).containsExactly(0, 1, 1, 2);
		assertThat(youthOnly.select("table.figures")).as("only the chosen course").hasSize(1);

		Document all = page("/org/" + org.id() + "/dashboard?group=&course=");
		assertThat(all.select(".people").text()).as("the form's 'All' choices").isEqualTo("People: 5");
		assertThat(all.select("table.figures")).hasSize(2);
		String export = youthOnly.selectFirst("a[href*=export.csv]").attr("href");
		assertThat(export).contains("group=" + youth).contains("course=first-steps");

		Document riversideOnly = page("/org/" + org.id() + "/dashboard?group=" + riverside);
		assertThat(figures(table(riversideOnly, "first-steps").selectFirst("tr.course-row"))).containsExactly(1, 1, 0, 0);
	}

	@Test
	void certificatesExpiringWithinNinetyDaysAreListed() {
		Certificate cert = certificates.of(passer.id()).get(0);
		LocalDate expires = cert.content().expiresOn();
		Dashboard soon = Dashboard.of(records.of(org.id(), null, null, expires.minusDays(45)), records.courses(null), 5,
				expires.minusDays(45));
		assertThat(soon.expiring()).extracting(r -> r.member().displayName()).containsExactly("Passer");
		assertThat(soon.expiring().get(0).certificate().code()).isEqualTo(cert.code());
		assertThat(soon.expiryBands()).extracting(Dashboard.Band::count).containsExactly(0, 1, 0);
		Dashboard early = Dashboard.of(records.of(org.id(), null, null, expires.minusDays(91)), records.courses(null), 5,
				expires.minusDays(91));
		assertThat(early.expiring()).isEmpty();
	}

	@Test
	void exportListsEveryoneWithCertificatesAndNeutralisesFormulas() throws Exception {
		Account hostile = Orgs.member(organisations, accounts, org.id(), "=HYPERLINK(\"http://evil.example\",\"x\")", riverside);
		Orgs.member(organisations, accounts, org.id(), "+1+2", null);
		Orgs.member(organisations, accounts, org.id(), "-3-4", null);
		Orgs.member(organisations, accounts, org.id(), "@SUM(A1)", null);
		Learners.takeFirstStepsAssessment(attempts, hostile, true);

		MvcResult result = mvc.perform(get("/org/" + org.id() + "/export.csv?course=first-steps")
			.with(user(Learners.as(org.admin())))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment;");
		String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body).startsWith("\uFEFF");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(new StringReader(body.substring(1)))
			.getRecords();
		assertThat(rows).hasSize(9);
		Map<String, CSVRecord> byName = rows.stream().collect(Collectors.toMap(r -> r.get("Name"), r -> r));
		assertThat(byName.keySet()).contains("'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+2", "'-3-4", "'@SUM(A1)");
		for (CSVRecord r : rows) {
			for (String cell : r) {
				assertThat(cell).as("no cell a spreadsheet would run").doesNotStartWith("=").doesNotStartWith("+")
					.doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
			}
		}
		Certificate cert = certificates.of(passer.id()).get(0);
		CSVRecord p = byName.get("Passer");
		assertThat(p.get("Email")).isEqualTo(passer.email());
		assertThat(p.get("Group")).isEqualTo("Riverside");
		assertThat(p.get("Course")).isEqualTo("First steps: listening and signposting");
		assertThat(p.get("Status")).isEqualTo("Completed");
		assertThat(p.get("Completed on")).isEqualTo(LocalDate.now(java.time.ZoneId.of("Europe/London")).toString());
		assertThat(p.get("Certificate code")).isEqualTo(cert.code());
		assertThat(p.get("Certificate expires")).isEqualTo(cert.content().expiresOn().toString());
		CSVRecord i = byName.get("Idle");
		assertThat(i.get("Status")).isEqualTo("Not started");
		assertThat(i.get("Overdue")).isEqualTo("yes");
		assertThat(i.get("Due")).isEqualTo(LocalDate.now().minusDays(1).toString());
		assertThat(i.get("Certificate code")).isEmpty();
		assertThat(byName.get("Failer").get("Status")).isEqualTo("In progress");
		assertThat(Set.copyOf(rows.stream().map(r -> r.get("Status")).toList()))
			.containsExactlyInAnyOrder("Completed", "In progress", "Not started");
	}

	@Test
	void cellsStartingWithTabOrCarriageReturnAreNeutralisedToo() {
		assertThat(CompletionsCsv.safe("\tcmd")).isEqualTo("'\tcmd");
		assertThat(CompletionsCsv.safe("\rcmd")).isEqualTo("'\rcmd");
		assertThat(CompletionsCsv.safe("Siân")).isEqualTo("Siân");
	}

	@Test
	void learnersSeeTheDatesTheirOrganisationAsksThemToCompleteBy() throws Exception {
		String orgName = organisations.find(org.id()).orElseThrow().name();
		String idlePage = mvc.perform(get("/courses").with(user(Learners.as(idle)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(idlePage).select("p.due.overdue").text())
			.isEqualTo("Overdue: " + orgName + " asked you to complete this by " + LocalDate.now().minusDays(1) + ".");
		String passerPage = mvc.perform(get("/courses").with(user(Learners.as(passer)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(passerPage).select("p.due")).as("not assigned to the Riverside group").isEmpty();
		assignments.assign(org.id(), "first-steps", null, LocalDate.now().plusDays(5), org.admin().id());
		String failerPage = mvc.perform(get("/courses").with(user(Learners.as(failer)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(failerPage).select("p.due").text())
			.isEqualTo(orgName + " asks you to complete this by " + LocalDate.now().plusDays(5) + ".");
	}

}
