package org.opendoor.lms.system;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Assignments;
import org.opendoor.lms.organisation.Invitations;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.opendoor.lms.support.VeraPdf;
import org.opendoor.lms.lrs.XapiClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Script put into every field a person or a client can fill in, then every page, PDF and CSV that shows it: HTML
 * shows the text literally (no element or attribute injected, no {@code javascript:} link), PDFs print it literally
 * and still validate, CSV cells cannot start a formula.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class CrossSiteScriptingTests {

	/** A payload with a marker saying which field it was put into. */
	static String payload(String field) {
		return "\"><script>alert('" + field + "')</script><img src=x onerror=alert(1)>";
	}

	static final String JS_URL = "javascript:alert(document.cookie)";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Invitations invitations;

	@Autowired
	Assignments assignments;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	LocalServices directory;

	@Autowired
	XapiClients xapiClients;

	/**
	 * Parses a page and fails if anything in it came alive: a script element carrying a payload, an event-handler
	 * attribute, an image with the payload's source, or a link, source or form target with a javascript: URL.
	 */
	static Document assertInert(String where, String html) {
		Document doc = Jsoup.parse(html);
		for (Element script : doc.select("script")) {
			assertThat(script.data()).as(where + ": injected script").doesNotContain("alert(");
		}
		assertThat(doc.select("img[src=x]")).as(where + ": injected image").isEmpty();
		for (Element e : doc.getAllElements()) {
			for (Attribute a : e.attributes()) {
				assertThat(a.getKey()).as(where + ": event handler attribute on <" + e.tagName() + ">").doesNotStartWith("on");
				if (List.of("href", "src", "action", "formaction", "xlink:href", "data").contains(a.getKey())) {
					assertThat(a.getValue().strip().toLowerCase()).as(where + ": " + a.getKey() + " on <" + e.tagName() + ">")
						.doesNotStartWith("javascript:")
						.doesNotStartWith("data:text/html");
				}
			}
		}
		return doc;
	}

	/** The payload for a field is on the page as text (or as a form field's value): shown, and shown literally. */
	static void assertShownLiterally(String where, Document doc, String field) {
		assertThat(shownLiterally(doc, field)).as(where + " shows the " + field + " literally").isTrue();
	}

	static boolean shownLiterally(Document doc, String field) {
		String literal = payload(field);
		boolean asText = doc.text().contains(literal);
		boolean asValue = doc.select("input, textarea").stream()
			.anyMatch(e -> e.val().contains(literal) || e.text().contains(literal));
		return asText || asValue;
	}

	private String html(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
		assertThat(r.getStatus()).as(request.toString()).isEqualTo(200);
		return r.getContentAsString(StandardCharsets.UTF_8);
	}

	/** Everything filled in with script, and who sees it. */
	private record World(People people, Account scripted, long group, long service, String joinCode) {
	}

	private World world() throws Exception {
		People p = People.create(accounts, organisations);
		long org = organisations.create(payload("organisation") + " " + UUID.randomUUID().toString().substring(0, 6));
		organisations.addMember(org, p.adminA().id(), Role.ORG_ADMIN);
		long group = organisations.createGroup(org, payload("group"));
		Account scripted = accounts.register(new Registration(payload("name"), UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.WALES, "en"));
		organisations.addMember(org, scripted.id(), Role.LEARNER, group);
		assignments.assign(org, "first-steps", group, LocalDate.now().plusDays(10), p.adminA().id());
		invitations.invite(org, UUID.randomUUID() + "@example.org", payload("invitation"), group, p.adminA().id());
		String csv = "email,name,group\n" + UUID.randomUUID() + "@example.org,\"" + payload("csv").replace("\"", "\"\"")
				+ "\",\n";
		invitations.importCsv(org, csv.getBytes(StandardCharsets.UTF_8), p.adminA().id());
		long service = directory.create(p.adminA().id(), org, new LocalServiceForm(payload("service"), payload("offer"),
				payload("hours"), JS_URL + " " + payload("reach"), payload("forWhom"), Tier.SIGNPOST, LocalDate.now()));
		Learners.takeFirstStepsAssessment(attempts, scripted, true);
		return new World(p, scripted, group, service, organisations.joinCode(org));
	}

	private long org(World w) {
		return organisations.membershipsOf(w.scripted().id()).get(0).organisationId();
	}

	@Test
	void everyPageShowsScriptFromEveryFieldAsText() throws Exception {
		World w = world();
		long org = org(w);
		var self = user(Learners.as(w.scripted()));
		var orgAdmin = user(Learners.as(w.people().adminA()));
		var siteAdmin = user(Learners.as(w.people().siteAdmin()));
		var outsider = user(Learners.as(w.people().outsider()));
		String code = certificates.of(w.scripted().id()).get(0).code();

		Map<String, MockHttpServletRequestBuilder> pages = new java.util.LinkedHashMap<>();
		pages.put("profile|name", get("/profile").with(self));
		pages.put("courses|", get("/courses").with(self));
		pages.put("certificates|", get("/certificates").with(self));
		pages.put("personal data|", get("/account/data").with(self));
		pages.put("my directories|organisation", get("/directory").with(self));
		pages.put("directory|service,offer,hours,reach,forWhom", get("/organisations/" + org + "/directory").with(self));
		pages.put("directory edit|service,offer,hours,forWhom",
				get("/organisations/" + org + "/directory/" + w.service() + "/edit").with(orgAdmin));
		pages.put("org list|organisation", get("/org").with(orgAdmin));
		pages.put("members|name,group,organisation", get("/org/" + org + "/members").with(orgAdmin));
		pages.put("dashboard|group,organisation", get("/org/" + org + "/dashboard").with(orgAdmin));
		pages.put("invite|invitation,csv", get("/org/" + org + "/invite").with(orgAdmin));
		pages.put("assignments|group", get("/org/" + org + "/assignments").with(orgAdmin));
		pages.put("join|organisation", get("/join/" + w.joinCode()).with(outsider));
		pages.put("site admin organisations|organisation", get("/admin/organisations").with(siteAdmin));
		pages.put("site admin person|name",
				get("/admin/personal-data/people/" + w.scripted().id()).with(siteAdmin));
		pages.put("site admin certificates|", get("/admin/certificates").with(siteAdmin));
		pages.put("verify|name", get("/verify/" + code));
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, MockHttpServletRequestBuilder> page : pages.entrySet()) {
			String[] parts = page.getKey().split("\\|", -1);
			Document doc = assertInert(parts[0], html(page.getValue()));
			for (String field : parts[1].split(",")) {
				if (!field.isEmpty() && !shownLiterally(doc, field)) {
					missing.add(parts[0] + " does not show the " + field + " literally");
				}
			}
		}
		assertThat(missing).as(String.join("\n", missing)).isEmpty();
	}

	@Test
	void aJavascriptUrlInAServicesContactDetailsNeverBecomesALink() throws Exception {
		World w = world();
		String html = html(get("/organisations/" + org(w) + "/directory").with(user(Learners.as(w.scripted()))));
		Document doc = assertInert("directory", html);
		assertThat(doc.text()).contains(JS_URL);
		assertThat(doc.select("a[href*=javascript]")).isEmpty();
	}

	@Test
	void scriptInTheAddressOrQueryIsNotReflected() throws Exception {
		Account learner = Learners.register(accounts, "Reflect", Nation.WALES, "en");
		String script = "<script>alert(1)</script>";
		List<MockHttpServletRequestBuilder> probes = List.of(get("/verify/" + script), get("/join").param("code", script)
			.with(user(Learners.as(learner))), get("/login").param("error", script), get("/register").param("email", script),
				get("/admin/xapi/statements").param("learner", script).param("verb", script).param("activity", script)
					.with(user(Learners.as(accounts.findByEmail("admin" + DemoData.DOMAIN).orElseThrow()))));
		for (MockHttpServletRequestBuilder probe : probes) {
			MockHttpServletResponse r = mvc.perform(probe).andReturn().getResponse();
			String body = r.getContentAsString(StandardCharsets.UTF_8);
			assertThat(body).doesNotContain(script);
			assertInert(probe.toString(), body);
		}
	}

	@Test
	void aWellbeingPlanShowsScriptAndJavascriptUrlsAsText() throws Exception {
		Account learner = Learners.register(accounts, "Planner", Nation.WALES, "en");
		UUID attempt = attempts.start(learner.id(), "first-steps");
		String page = "/attempts/" + attempt + "/steps/plan-my-next-step";
		mvc.perform(post(page).param("prompt-support", payload("plan") + " " + JS_URL).with(user(Learners.as(learner)))
			.with(csrf()));
		for (String path : List.of(page, page + "/print")) {
			Document doc = assertInert(path, html(get(path).with(user(Learners.as(learner)))));
			assertShownLiterally(path, doc, "plan");
		}
	}

	@Test
	void lrsClientNamesAndStatementFieldsShowAsTextOnTheAdminPagesAndCannotStartAFormula() throws Exception {
		XapiClients.Created writer = xapiClients.create(payload("client"), XapiClients.Scope.WRITE);
		String marker = UUID.randomUUID().toString();
		String statement = """
				{"actor": {"objectType": "Agent", "name": "x", "account": {"homePage": "https://hub.example.org",
				  "name": "=HYPERLINK(\\"https://evil.example\\",\\"%s\\")"}},
				 "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-GB": "\\"><script>alert(2)</script>"}},
				 "object": {"objectType": "Activity", "id": "https://hub.example.org/activity/%s",
				  "definition": {"name": {"en-GB": "\\"><script>alert(3)</script>"}}},
				 "result": {"response": "\\"><script>alert('response')</script><img src=x onerror=alert(1)>"}}
				""".formatted(marker, marker);
		MockHttpServletResponse stored = mvc.perform(post("/xapi/statements").header("X-Experience-API-Version", "1.0.3")
			.contentType(MediaType.APPLICATION_JSON)
			.content(statement)
			.with(httpBasic(writer.client().key(), writer.secret()))).andReturn().getResponse();
		assertThat(stored.getStatus()).as(stored.getContentAsString()).isEqualTo(200);
		var admin = user(Learners.as(People.create(accounts, organisations).siteAdmin()));

		Document clients = assertInert("LRS clients", html(get("/admin/xapi/clients").with(admin)));
		assertShownLiterally("LRS clients", clients, "client");
		Document page = assertInert("statements", html(get("/admin/xapi/statements").with(admin)));
		assertThat(page.text()).contains("<script>alert('response')</script>").contains(marker);

		String csv = mvc.perform(get("/admin/xapi/statements.csv").with(admin)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertNoCellStartsAFormula("statements CSV", csv);
		assertThat(csv).contains("'=HYPERLINK(");
	}

	/** OWASP "CSV injection": no cell may begin with = + - @, a tab or a carriage return. */
	static void assertNoCellStartsAFormula(String where, String csv) throws Exception {
		List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv.replace("\uFEFF", ""))).getRecords();
		assertThat(records).as(where).hasSizeGreaterThan(1);
		for (CSVRecord record : records) {
			for (String cell : record) {
				if (!cell.isEmpty()) {
					assertThat("=+-@\t\r".indexOf(cell.charAt(0))).as(where + ": cell " + cell).isEqualTo(-1);
				}
			}
		}
	}

	@Test
	void theCompletionsExportNeutralisesEveryFormulaPrefix() throws Exception {
		People p = People.create(accounts, organisations);
		List<String> starts = List.of("=1+2", "+SUM(A1)", "-2+3", "@SUM(1)", "\tTAB", "\rCR");
		List<String> names = new ArrayList<>();
		for (String start : starts) {
			Account member = accounts.register(new Registration(start + " cmd|' /C calc'!A0", UUID.randomUUID()
					+ "@example.org", Learners.PASSWORD, Nation.WALES, "en"));
			organisations.addMember(p.orgA(), member.id(), Role.LEARNER,
					organisations.createGroup(p.orgA(), start + " group " + UUID.randomUUID().toString().substring(0, 4)));
			names.add(member.displayName());
		}
		assignments.assign(p.orgA(), "first-steps", null, LocalDate.now().plusDays(10), p.adminA().id());
		String csv = mvc.perform(get("/org/" + p.orgA() + "/export.csv").with(user(Learners.as(p.adminA())))).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertNoCellStartsAFormula("completions CSV", csv);
		assertThat(csv).contains("'=1+2 cmd").contains("'@SUM(1)");
		assertThat(names).hasSize(starts.size());
	}

	@Test
	void pdfsPrintScriptLiterallyAndStillValidate() throws Exception {
		World w = world();
		String code = certificates.of(w.scripted().id()).get(0).code();
		byte[] certificate = mvc.perform(get("/certificates/" + code + "/pdf").with(user(Learners.as(w.scripted()))))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(text(certificate)).contains("<script>alert('name')</script>");
		assertThat(VeraPdf.failures(certificate, PDFAFlavour.PDFUA_1)).isEmpty();

		byte[] card = mvc.perform(get("/organisations/" + org(w) + "/directory/card.pdf").with(user(Learners.as(w.scripted()))))
			.andReturn().getResponse().getContentAsByteArray();
		String cardText = text(card).replaceAll("\\s+", " ");
		assertThat(cardText).contains("<script>alert('service')</script>").contains("javascript:alert");
		assertThat(VeraPdf.failures(card, PDFAFlavour.PDFUA_1)).isEmpty();
		try (PDDocument doc = Loader.loadPDF(card)) {
			assertThat(doc.getPages().iterator().next().getAnnotations()).as("no link was made of a javascript: URL")
				.noneMatch(a -> a.getCOSObject().toString().toLowerCase().contains("javascript"));
			assertThat(doc.getDocumentCatalog().getNames() == null || doc.getDocumentCatalog().getNames().getJavaScript() == null)
				.as("no document JavaScript").isTrue();
		}
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc);
		}
	}

}
