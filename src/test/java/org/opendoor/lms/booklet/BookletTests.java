package org.opendoor.lms.booklet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.opendoor.lms.support.VeraPdf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The printed booklet: what it contains, that it is accessible, and who may print which directory. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class BookletTests {

	static final String FLAGSHIP = "hub-leaders-mental-health-awareness";

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	LocalServices services;

	@Autowired
	CourseCatalogue catalogue;

	@Autowired
	SupportContacts contacts;

	People people;

	@BeforeEach
	void people() {
		people = People.create(accounts, organisations);
		services.create(people.adminA().id(), people.orgA(), new LocalServiceForm("Llanwern Listening Café",
				"Free drop-in talks over tea", "Tuesdays, 10am to 2pm", "01234 567890", "Adults in Llanwern", "CHAT",
				"2026-01-15"));
		services.create(people.adminB().id(), people.orgB(), new LocalServiceForm("Hub B Private Helpline",
				"Listening", "Mondays", "09876 543210", "Members of Hub B", "SIGNPOST", "2026-01-15"));
	}

	private MockHttpServletResponse fetch(String url, Account as) throws Exception {
		return mvc.perform(get(url).with(user(Learners.as(as)))).andReturn().getResponse();
	}

	private byte[] booklet(String query, Account as) throws Exception {
		MockHttpServletResponse response = fetch("/courses/" + FLAGSHIP + "/booklet.pdf?" + query, as);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/pdf");
		return response.getContentAsByteArray();
	}

	private static String text(byte[] pdf) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
	}

	private static String plain(String html) {
		return html.replaceAll("<[^>]+>", "").replace("&#39;", "'").replace("&#34;", "\"").replace("&amp;", "&")
			.replaceAll("\\s+", " ")
			.strip();
	}

	@Test
	void theFlagshipBookletHoldsTheWholeCourseInOrderWithTheNationsContactsAndTheLocalDirectory() throws Exception {
		byte[] pdf = booklet("lang=en&nation=scotland&size=A4&org=" + people.orgA(), people.volunteerA());
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
		String text = text(pdf);
		Course course = catalogue.latest(FLAGSHIP).orElseThrow().course();

		assertThat(text).contains(course.title(), "An awareness course", "Version " + course.version(),
				"Printed on", "Contents", "How to use this booklet", "Where to get help", "Answers");
		// Every lesson title, in course order, after the contents.
		String howTo = "How to use this booklet";
		int at = text.indexOf(howTo, text.indexOf(howTo) + 1);
		assertThat(at).isPositive();
		for (var module : course.modules()) {
			for (var item : module.items()) {
				if (item instanceof Lesson lesson) {
					int next = text.indexOf(lesson.title(), at);
					assertThat(next).as("lesson '%s' after position %d", lesson.title(), at).isGreaterThan(at);
					at = next;
				}
			}
		}

		// Scotland's contacts with their review dates, and no other nation's own contacts.
		List<SupportContact> scottish = contacts.forNation("scotland");
		assertThat(scottish).isNotEmpty();
		for (SupportContact c : scottish) {
			assertThat(text).contains(c.name() + ": " + c.reach());
		}
		assertThat(text).contains("Details checked on");
		// who each is for, and whether it has been checked with the service ("Not yet checked…" when it has not)
		for (SupportContact c : scottish) {
			assertThat(text).contains("For: " + c.forWhom()).contains(contacts.statusText(c, java.util.Locale.UK));
		}
		assertThat(text).contains("Not yet checked with the service");
		for (SupportContact c : contacts.all()) {
			if (!c.nations().contains("scotland")) {
				assertThat(text).as("contact of another nation").doesNotContain(c.name() + ": " + c.reach());
			}
		}
		// The organisation's local services, and not another organisation's.
		assertThat(text).contains("Llanwern Listening Café", "01234 567890", "Free drop-in talks over tea")
			.doesNotContain("Hub B Private Helpline");

		// Knowledge-check answers are printed; the final assessment is not.
		List<String> checkPrompts = new ArrayList<>();
		course.modules().forEach(m -> m.items().stream().filter(KnowledgeCheck.class::isInstance)
			.forEach(i -> ((KnowledgeCheck) i).questions().forEach(q -> checkPrompts.add(plain(q.promptHtml())))));
		assertThat(checkPrompts).isNotEmpty();
		assertThat(text).contains("The right answer", checkPrompts.get(0));
		assertThat(course.assessment().questions()).isNotEmpty();
		for (Question q : course.assessment().questions()) {
			String prompt = plain(q.promptHtml());
			if (!checkPrompts.contains(prompt)) {
				assertThat(text).as("assessment question printed").doesNotContain(prompt);
			}
		}
		assertThat(text).contains("The final assessment is not in this booklet");

		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
			assertThat(doc.getDocumentInformation().getTitle()).contains(course.title());
			List<String> bookmarks = new ArrayList<>();
			for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
				bookmarks.add(item.getTitle());
			}
			for (int i = 0; i < course.modules().size(); i++) {
				assertThat(bookmarks).contains("Module " + (i + 1) + ": " + course.modules().get(i).title());
			}
		}
	}

	/** Each page's text, in order. */
	private static List<String> pages(PDDocument doc) throws IOException {
		List<String> pages = new ArrayList<>();
		PDFTextStripper stripper = new PDFTextStripper();
		for (int i = 1; i <= doc.getNumberOfPages(); i++) {
			stripper.setStartPage(i);
			stripper.setEndPage(i);
			pages.add(stripper.getText(doc).replaceAll("\\s+", " "));
		}
		return pages;
	}

	/** The page number (from 1) a top-level bookmark points to. */
	private static int bookmarkPage(PDDocument doc, String title) throws IOException {
		for (PDOutlineItem item : doc.getDocumentCatalog().getDocumentOutline().children()) {
			if (item.getTitle().equals(title)) {
				return doc.getPages().indexOf(item.findDestinationPage(doc)) + 1;
			}
		}
		throw new AssertionError("no bookmark " + title);
	}

	private static int count(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

	@Test
	void everyPageThatTalksAboutSuicideHasHelpOnItAndTheContactsArePrintedOnce() throws Exception {
		Object[][] cases = { { "en", "A4", "suicide", "If a life is at risk, call 999.", "Where to get help",
				"How to use this booklet", "The support contacts for Wales are on page " },
				{ "cy", "A5", "hunanladd", "Os oes bywyd mewn perygl, ffoniwch 999.", "Ble i gael help",
						"Sut i ddefnyddio’r llyfryn hwn", "Mae’r manylion cyswllt cymorth ar gyfer Cymru ar dudalen " } };
		for (Object[] c : cases) {
			String lang = (String) c[0];
			byte[] pdf = booklet("lang=" + lang + "&nation=wales&size=" + c[1], people.volunteerA());
			List<SupportContact> welsh = contacts.forNation("wales", lang);
			Course course = catalogue.version(catalogue.latest(FLAGSHIP).orElseThrow().versionId(), lang);
			try (PDDocument doc = Loader.loadPDF(pdf)) {
				List<String> pages = pages(doc);
				int help = bookmarkPage(doc, (String) c[4]);
				int firstLesson = bookmarkPage(doc, (String) c[5]);
				String pointer = c[6] + String.valueOf(help) + ".";
				int discussing = 0;
				// After the cover, the contacts and the contents, a page that mentions suicide shows 999, the
				// Samaritans and where the full list is.
				for (int i = firstLesson - 1; i < pages.size(); i++) {
					String page = pages.get(i);
					if (page.toLowerCase(java.util.Locale.ROOT).contains((String) c[2])) {
						discussing++;
						assertThat(page).as("%s page %d", lang, i + 1).contains((String) c[3], "116 123", pointer);
					}
				}
				assertThat(discussing).as("pages about suicide").isGreaterThan(5);
				assertThat(pages.get(help - 1)).contains((String) c[4]);

				// The whole list is printed once, at the front, not after every section.
				String all = String.join(" ", pages);
				for (SupportContact contact : welsh) {
					if (!"samaritans".equals(contact.id())) {
						assertThat(count(all, contact.name() + ": " + contact.reach())).as(contact.name()).isEqualTo(1);
					}
				}
				assertThat(count(all, (String) c[4])).as("the contacts' heading: the list and the contents").isEqualTo(2);

				// No more pages than the printed lines fill, with room for breaks before modules and sections.
				int lines = new PDFTextStripper().getText(doc).split("\\R").length;
				float height = doc.getPage(0).getMediaBox().getHeight();
				float margin = "A4".equals(c[1]) ? 56 : 36;
				int linesPerPage = (int) ((height - 2 * margin - 22) / (11.5f * 1.45f));
				int modules = course.modules().size();
				assertThat(doc.getNumberOfPages()).as("%s %s pages for %d lines", lang, c[1], lines)
					.isLessThanOrEqualTo(Math.round(lines / (linesPerPage * 0.8f)) + 2 * modules + 6);
			}
		}
	}

	@Test
	void theCoverNamesTheCourseTheOrganisationTheLanguageAndWhatTheCourseIsNot() throws Exception {
		String organisation = organisations.membershipsOf(people.volunteerA().id()).get(0).organisationName();
		Course english = catalogue.latest(FLAGSHIP).orElseThrow().course();
		byte[] pdf = booklet("lang=en&nation=wales&size=A4&org=" + people.orgA(), people.volunteerA());
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(pages(doc).get(0)).contains("Course booklet", english.title(), "Prepared for " + organisation,
					"Language: English", "Version " + english.version(), "Printed on",
					"An awareness course", "does not train you to diagnose or treat", "call 999",
					"The support contacts for Wales are on page 2.");
		}
		byte[] welsh = booklet("lang=cy&nation=wales&size=A5&org=" + people.orgA(), people.volunteerA());
		assertThat(VeraPdf.failures(welsh, PDFAFlavour.PDFUA_1)).isEmpty();
		Course cymraeg = catalogue.version(catalogue.latest(FLAGSHIP).orElseThrow().versionId(), "cy");
		try (PDDocument doc = Loader.loadPDF(welsh)) {
			assertThat(pages(doc).get(0)).contains("Llyfryn y cwrs", cymraeg.title(),
					"Wedi’i baratoi ar gyfer " + organisation, "Iaith: Cymraeg", "Fersiwn " + cymraeg.version(),
					"Nid yw’n eich hyfforddi i wneud diagnosis na thrin neb", "ar dudalen 2.")
				.doesNotContain("Language");
		}
		// Without an organisation the cover says nothing about one.
		try (PDDocument doc = Loader.loadPDF(booklet("lang=en&nation=wales&size=A4", people.outsider()))) {
			assertThat(pages(doc).get(0)).contains(english.title()).doesNotContain("Prepared for");
		}
	}

	@Test
	void anA5BookletHasSmallerPagesAndMorePagesThanA4AndIsAccessibleToo() throws Exception {
		byte[] a4 = booklet("size=A4", people.outsider());
		byte[] a5 = booklet("size=a5", people.outsider());
		assertThat(VeraPdf.failures(a5, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(VeraPdf.failures(a5, PDFAFlavour.PDFA_2_B)).isEmpty();
		try (PDDocument four = Loader.loadPDF(a4); PDDocument five = Loader.loadPDF(a5)) {
			float a4Width = four.getPage(0).getMediaBox().getWidth();
			float a5Width = five.getPage(0).getMediaBox().getWidth();
			assertThat(a4Width).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
			assertThat(a5Width).isCloseTo(419.5f, org.assertj.core.data.Offset.offset(1f));
			assertThat(five.getNumberOfPages()).isGreaterThan(four.getNumberOfPages());
		}
		// The outsider's profile nation (Wales) is the default.
		assertThat(text(a4)).contains("Support contacts for Wales", "NHS 111 Wales");
	}

	@Test
	void onlyAMembersOwnOrganisationsDirectoryCanBeIncluded() throws Exception {
		String url = "/courses/" + FLAGSHIP + "/booklet.pdf?org=";
		assertThat(fetch(url + people.orgA(), people.adminB()).getStatus()).isEqualTo(404);
		assertThat(fetch(url + people.orgB(), people.volunteerA()).getStatus()).isEqualTo(404);
		assertThat(fetch(url + people.orgA(), people.outsider()).getStatus()).isEqualTo(404);
		assertThat(fetch(url + people.orgA(), people.siteAdmin()).getStatus()).as("site admins are not members").isEqualTo(404);
		assertThat(fetch(url + "999999999", people.volunteerA()).getStatus()).isEqualTo(404);
		assertThat(fetch("/courses/no-such-course/booklet.pdf", people.volunteerA()).getStatus()).isEqualTo(404);
		// The page offers only the person's own organisations.
		String page = fetch("/booklet?course=" + FLAGSHIP, people.volunteerA()).getContentAsString();
		assertThat(page).contains("Print a course as a booklet", "value=\"" + people.orgA() + "\"")
			.doesNotContain("value=\"" + people.orgB() + "\"");
	}

	@Test
	void anonymousIsSentToSignIn() throws Exception {
		mvc.perform(get("/courses/" + FLAGSHIP + "/booklet.pdf")).andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/booklet")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void badParametersGive400WithAMessage() throws Exception {
		String base = "/courses/" + FLAGSHIP + "/booklet.pdf?";
		// The error page shows this message.
		Object[][] cases = { { "size=A3", "Choose a paper size: A4 or A5." },
				{ "nation=france", "Choose a nation for the support contacts: england, wales, scotland or northern-ireland." },
				{ "lang=fr", "Choose English (en) or Welsh (cy) for the booklet." },
				{ "org=twelve", "The organisation must be given by its number." } };
		for (Object[] c : cases) {
			MockHttpServletResponse response = fetch(base + c[0], people.volunteerA());
			assertThat(response.getStatus()).as((String) c[0]).isEqualTo(400);
			assertThat(response.getErrorMessage()).isEqualTo(c[1]);
		}
	}

	@Test
	void thePagesFormLeadsToTheBookmarkableAddress() throws Exception {
		mvc.perform(get("/booklet/download?course=" + FLAGSHIP + "&lang=en&nation=wales&size=A5&org=")
			.with(user(Learners.as(people.volunteerA()))))
			.andExpect(redirectedUrl("/courses/" + FLAGSHIP + "/booklet.pdf?lang=en&nation=wales&size=A5"));
	}

	@Test
	void theWelshBookletIsTheWelshCourseWithWelshContactsAndStillAccessible() throws Exception {
		MockHttpServletResponse response = fetch("/courses/" + FLAGSHIP + "/booklet.pdf?lang=cy&nation=wales&size=A5",
				people.volunteerA());
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Language")).isEqualTo("cy");
		byte[] pdf = response.getContentAsByteArray();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		String text = text(pdf);
		assertThat(text).contains("Rydych chi eisoes yn bwynt cyswllt cyntaf", "Eich cynllun lles", "Ble i gael help",
				"Llinell Gymraeg y Samariaid")
			.doesNotContain("You are already a first contact")
			.doesNotContain("not available in Welsh");
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("cy");
		}
	}

	@Test
	void aBookletIsPrintedOnceUntilTheDirectoryChangesAndEachPersonMayPrintTwentyInTenMinutes() throws Exception {
		String query = "lang=en&nation=wales&size=A5&org=" + people.orgA();
		byte[] first = booklet(query, people.volunteerA());
		assertThat(booklet(query, people.volunteerA())).as("the same booklet again").isEqualTo(first);
		long service = services.create(people.adminA().id(), people.orgA(), new LocalServiceForm("Newport Walking Group",
				"Walks and a chat", "Saturdays", "01234 000111", "Anyone", "CHAT", "2026-02-01"));
		assertThat(text(booklet(query, people.volunteerA()))).as("an added entry is printed at once")
			.contains("Newport Walking Group");
		services.update(people.adminA().id(), people.orgA(), service, new LocalServiceForm("Newport Walking Club",
				"Walks and a chat", "Saturdays", "01234 000111", "Anyone", "CHAT", "2026-02-01"));
		assertThat(text(booklet(query, people.volunteerA()))).as("an edited entry too").contains("Newport Walking Club")
			.doesNotContain("Newport Walking Group");

		Account reader = Learners.register(accounts, "Keen Reader", org.opendoor.lms.account.Nation.WALES, "en");
		for (int i = 0; i < 20; i++) {
			assertThat(fetch("/courses/" + FLAGSHIP + "/booklet.pdf?lang=en&nation=wales", reader).getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse refused = fetch("/courses/" + FLAGSHIP + "/booklet.pdf?lang=en&nation=wales", reader);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isNotBlank();
		assertThat(fetch("/courses/" + FLAGSHIP + "/booklet.pdf?lang=en&nation=wales", people.volunteerA()).getStatus())
			.as("another person is not affected").isEqualTo(200);
	}

}
