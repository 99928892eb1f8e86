package org.opendoor.lms.directory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.opendoor.lms.support.VeraPdf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The local signposting directory: who may read and change it, its forms, the player and the printed card. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class DirectoryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	LocalServices services;

	@Autowired
	Attempts attempts;

	@Autowired
	SignpostingCards cards;

	People people;

	@BeforeEach
	void people() {
		people = People.create(accounts, organisations);
	}

	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String name, String date) {
		return request.with(csrf())
			.param("name", name)
			.param("offer", "Free drop-in talks over tea")
			.param("hours", "Tuesdays, 10am to 2pm")
			.param("reach", "01234 567890, 3 Chapel Street")
			.param("forWhom", "Adults in Llanwern")
			.param("tier", "SIGNPOST")
			.param("lastReviewed", date);
	}

	private long entryOfA(String name) {
		return services.create(people.adminA().id(), people.orgA(), new LocalServiceForm(name, "Listening", "Mondays",
				"Call 01234 000000", "Anyone", Tier.CHAT, LocalDate.now()));
	}

	private String html(MockHttpServletRequestBuilder request, Account as) throws Exception {
		return mvc.perform(request.with(user(Learners.as(as)))).andReturn().getResponse().getContentAsString();
	}

	@Test
	void anOrganisationAdminAddsChangesAndRemovesEntries() throws Exception {
		String base = "/organisations/" + people.orgA() + "/directory";
		mvc.perform(form(post(base), "Llanwern Listening Café", "2026-01-15").with(user(Learners.as(people.adminA()))))
			.andExpect(redirectedUrl(base + "?saved"));
		LocalService created = services.list(people.adminA().id(), people.orgA()).get(0);
		assertThat(created.name()).isEqualTo("Llanwern Listening Café");
		assertThat(created.lastReviewed()).isEqualTo(LocalDate.of(2026, 1, 15));
		assertThat(html(get(base), people.adminA())).contains("Llanwern Listening Café").contains("01234 567890")
			.contains("Change Llanwern Listening Café");

		mvc.perform(form(post(base + "/" + created.id()), "Llanwern Talking Café", "2026-02-01")
			.with(user(Learners.as(people.adminA())))).andExpect(redirectedUrl(base + "?saved"));
		assertThat(services.get(people.adminA().id(), people.orgA(), created.id()).name()).isEqualTo("Llanwern Talking Café");

		mvc.perform(post(base + "/" + created.id() + "/delete").with(csrf()).with(user(Learners.as(people.adminA()))))
			.andExpect(redirectedUrl(base + "?deleted"));
		assertThat(services.list(people.adminA().id(), people.orgA())).isEmpty();
	}

	@Test
	void theDemoOrganisationsAdminFindsAndCanEditItsDirectory() throws Exception {
		Account demoAdmin = accounts.findByEmail("orgadmin@demo.opendoor.invalid").orElseThrow();
		String mine = html(get("/directory"), demoAdmin);
		assertThat(mine).contains("Demo Community Hub");
		long demoOrg = organisations.membershipsOf(demoAdmin.id()).get(0).organisationId();
		String list = html(get("/organisations/" + demoOrg + "/directory"), demoAdmin);
		assertThat(list).contains("Riverside Listening Café (demo)").contains("Evening Crisis Café (demo)")
			.contains("Add a local service").contains("Print the signposting card (PDF)");
		assertThat(html(get("/directory"), people.outsider())).contains("You do not belong to an organisation yet");
	}

	@Test
	void aFormWithProblemsExplainsEachOneAndStoresNothing() throws Exception {
		String base = "/organisations/" + people.orgA() + "/directory";
		String page = mvc.perform(post(base).with(csrf()).with(user(Learners.as(people.adminA())))
			.param("name", " ")
			.param("offer", "")
			.param("hours", "x".repeat(301))
			.param("reach", "")
			.param("forWhom", "")
			.param("tier", "SOMETIMES")
			.param("lastReviewed", "2999-01-01")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("There is a problem")
			.contains("Enter the name of the service")
			.contains("Say what the service offers")
			.contains("This is too long")
			.contains("Say how to reach the service")
			.contains("Say who the service is for")
			.contains("Choose a tier")
			.contains("cannot be in the future");
		String badDate = mvc.perform(form(post(base), "Café", "next Tuesday").with(user(Learners.as(people.adminA()))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(badDate).contains("Enter the date the details were last checked");
		assertThat(services.list(people.adminA().id(), people.orgA())).isEmpty();
	}

	@Test
	void anotherOrganisationsAdminCannotReachEntriesEvenByGuessingIds() throws Exception {
		long entry = entryOfA("Secret Garden Group");
		Account b = people.adminB();
		String a = "/organisations/" + people.orgA() + "/directory";
		String viaB = "/organisations/" + people.orgB() + "/directory";
		mvc.perform(get(a).with(user(Learners.as(b)))).andExpect(status().isNotFound());
		mvc.perform(get(a + "/card.pdf").with(user(Learners.as(b)))).andExpect(status().isNotFound());
		mvc.perform(get(a + "/" + entry + "/edit").with(user(Learners.as(b)))).andExpect(status().isNotFound());
		mvc.perform(get(viaB + "/" + entry + "/edit").with(user(Learners.as(b)))).andExpect(status().isNotFound());
		mvc.perform(form(post(viaB + "/" + entry), "Taken over", "2026-01-01").with(user(Learners.as(b))))
			.andExpect(status().isNotFound());
		mvc.perform(form(post(a + "/" + entry), "Taken over", "2026-01-01").with(user(Learners.as(b))))
			.andExpect(status().isNotFound());
		mvc.perform(post(viaB + "/" + entry + "/delete").with(csrf()).with(user(Learners.as(b))))
			.andExpect(status().isNotFound());
		mvc.perform(form(post(a), "Planted", "2026-01-01").with(user(Learners.as(b)))).andExpect(status().isNotFound());
		assertThat(html(get(viaB), b)).doesNotContain("Secret Garden Group");
		assertThat(services.list(people.adminA().id(), people.orgA())).extracting(LocalService::name)
			.containsExactly("Secret Garden Group");
		mvc.perform(get("/organisations/999999/directory").with(user(Learners.as(b)))).andExpect(status().isNotFound());
	}

	@Test
	void everyDirectoryRouteAnswersEachRoleAsItShould() throws Exception {
		long entry = entryOfA("Matrix Café");
		String a = "/organisations/" + people.orgA() + "/directory";
		String[][] reads = { { "GET", a }, { "GET", a + "/card.pdf" } };
		String[][] writes = { { "GET", a + "/new" }, { "POST", a }, { "GET", a + "/" + entry + "/edit" },
				{ "POST", a + "/" + entry }, { "POST", a + "/nation" }, { "POST", a + "/" + entry + "/delete" } };
		// role -> expected status for reads, for writes (2xx/3xx shown as 200)
		Object[][] roles = { { people.volunteerA(), 200, 403 }, { people.adminA(), 200, 200 },
				{ people.adminB(), 404, 404 }, { people.outsider(), 404, 404 }, { people.siteAdmin(), 200, 200 } };
		for (Object[] role : roles) {
			Account who = (Account) role[0];
			for (String[][] group : new String[][][] { reads, writes }) {
				int expected = (int) (group == reads ? role[1] : role[2]);
				for (String[] route : group) {
					if (route[1].endsWith("/delete") && expected == 200) {
						continue; // deleting is checked last, below
					}
					MockHttpServletRequestBuilder request = route[0].equals("GET") ? get(route[1])
							: form(post(route[1]), "Matrix Café", "2026-01-01").param("nation", "WALES");
					int status = mvc.perform(request.with(user(Learners.as(who)))).andReturn().getResponse().getStatus();
					assertThat(status < 400 ? 200 : status).as(who.displayName() + " " + route[0] + " " + route[1])
						.isEqualTo(expected);
				}
			}
		}
		assertThat(mvc.perform(get(a)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
		mvc.perform(post(a + "/" + entry + "/delete").with(csrf())).andExpect(status().isFound());
		assertThat(services.list(people.adminA().id(), people.orgA())).extracting(LocalService::id).contains(entry);
		mvc.perform(post(a + "/" + entry + "/delete").with(csrf()).with(user(Learners.as(people.siteAdmin()))))
			.andExpect(redirectedUrl(a + "?deleted"));
		assertThat(services.list(people.adminA().id(), people.orgA())).extracting(LocalService::id).doesNotContain(entry);
	}

	@Test
	void volunteersSeeTheirOrganisationsServicesInTheSignpostingModuleOnly() throws Exception {
		entryOfA("Tuesday Talk Club");
		Account volunteer = people.volunteerA();
		UUID attempt = attempts.start(volunteer.id(), "first-steps");
		String signposting = html(get("/attempts/" + attempt + "/steps/lesson-three-tiers"), volunteer);
		assertThat(signposting).contains("Local services from your organisation").contains("Tuesday Talk Club")
			.contains("Call <a class=\"phone\" href=\"tel:01234000000\">01234 000000</a>").contains("Samaritans");
		UUID outsiders = attempts.start(people.outsider().id(), "first-steps");
		assertThat(html(get("/attempts/" + outsiders + "/steps/lesson-three-tiers"), people.outsider()))
			.contains("Samaritans")
			.doesNotContain("Tuesday Talk Club");
		assertThat(html(get("/attempts/" + attempt + "/steps/lesson-welcome"), volunteer)).doesNotContain("Tuesday Talk Club");
	}

	@Test
	void theSignpostingCardIsOneAccessibleArchivalPageGroupedByTier() throws Exception {
		entryOfA("Tuesday Talk Club");
		services.create(people.adminA().id(), people.orgA(), new LocalServiceForm("Gwent Crisis Café", "Somewhere safe at night",
				"Every night, 6pm to 2am", "Walk in at 1 Bridge Street", "Adults in crisis", Tier.URGENT, LocalDate.now()));
		services.chooseCardNation(people.adminA().id(), people.orgA(), Nation.WALES);
		byte[] pdf = mvc.perform(get("/organisations/" + people.orgA() + "/directory/card.pdf")
			.with(user(Learners.as(people.volunteerA())))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(doc.getNumberOfPages()).isEqualTo(1);
			String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
			assertThat(text).contains("where to point people").contains("Gwent Crisis Café").contains("Tuesday Talk Club")
				.contains("NHS 111 Wales").contains("Samaritans").doesNotContain("NHS 24");
			int urgent = text.indexOf("Urgent help");
			int signpost = text.indexOf("Signpost ");
			int chat = text.indexOf("A chat");
			assertThat(urgent).isLessThan(text.indexOf("Gwent Crisis Café"));
			assertThat(text.indexOf("Gwent Crisis Café")).isLessThan(signpost);
			assertThat(signpost).isLessThan(chat);
			assertThat(chat).isLessThan(text.indexOf("Tuesday Talk Club"));
		}
	}

	@Test
	void aLongDirectoryStillPrintsOnOnePage() throws IOException {
		for (int i = 0; i < 60; i++) {
			services.create(people.adminA().id(), people.orgA(), new LocalServiceForm("Service number " + i,
					"A long description of what this service offers to people in the area ".repeat(3), "Weekdays",
					"Call 01234 " + (100000 + i), "Everyone", Tier.values()[i % 3], LocalDate.now()));
		}
		byte[] pdf = cards.card(people.adminA().id(), people.orgA(), Nation.ENGLAND, Locale.UK);
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(doc.getNumberOfPages()).isEqualTo(1);
			String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
			assertThat(text).contains("Service number 0").contains("More services are listed");
		}
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
	}

}
