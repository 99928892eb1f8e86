package org.opendoor.lms.learning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Wherever suicide or self-harm is discussed, the learner sees the content note and the support box with
 * their nation's contacts: on lesson, knowledge-check question, scenario node, plan and assessment question
 * pages (and a content note at the start of the assessment), on the group-session slides and in the printed
 * booklet; and not on the pages that do not discuss them. The course is the lint fixture
 * {@code src/test/resources/safety-lint/valid}, which has every kind of page with and without a mention.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class SafetyOnEveryPageTests {

	static final String COURSE = "safe";

	@DynamicPropertySource
	static void coursesFolder(DynamicPropertyRegistry registry) throws IOException {
		Path courses = Files.createTempDirectory("courses");
		FileSystemUtils.copyRecursively(Path.of("courses"), courses);
		FileSystemUtils.copyRecursively(Path.of("src/test/resources/safety-lint/valid"), courses.resolve(COURSE));
		registry.add("lms.course.directory", courses::toString);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Attempts attempts;

	@Autowired
	SupportContacts contacts;

	private Document page(String url, SignedInUser as) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(url).with(user(as))).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return Jsoup.parse(response.getContentAsString());
	}

	/** Asserts the page shows the content note and the support box with the Welsh contacts, or neither. */
	private void assertSafety(Document page, String what, boolean contentNote, boolean supportBox) {
		Element note = page.selectFirst("aside.content-note");
		Element box = page.selectFirst("aside.support-box");
		if (contentNote) {
			assertThat(note).as(what + ": content note").isNotNull();
			assertThat(note.text()).contains("Content note", "talks about suicide and self-harm");
		}
		else {
			assertThat(note).as(what + ": no content note").isNull();
		}
		if (supportBox) {
			assertThat(box).as(what + ": support box").isNotNull();
			assertThat(box.text()).contains("call 999");
			List<SupportContact> welsh = contacts.forNation("wales");
			assertThat(welsh).isNotEmpty();
			for (SupportContact c : welsh) {
				assertThat(box.text()).as(what + ": contact " + c.name()).contains(c.name());
			}
		}
		else {
			assertThat(box).as(what + ": no support box").isNull();
		}
	}

	@Test
	void everyKindOfLearnerPageThatDiscussesSuicideShowsTheContentNoteAndTheSupportBox() throws Exception {
		Account account = Learners.register(accounts, "Safety Pages", Nation.WALES, "en");
		SignedInUser learner = Learners.as(account);
		UUID attempt = attempts.start(account.id(), COURSE);
		String base = "/attempts/" + attempt + "/steps/";

		assertSafety(page(base + "lesson-a", learner), "lesson", true, true);
		assertSafety(page(base + "check-q1", learner), "check question on suicide", true, true);
		assertSafety(page(base + "check-q2", learner), "check question on something else", false, false);

		// the scenario opens with its content note; the node on suicide, and the pages after it, have the box
		assertSafety(page(base + "scenario-scen", learner), "scenario start", true, false);
		mvc.perform(post(base + "scenario-scen").param("node", "n1").param("option", "0").with(user(learner)).with(csrf()));
		Document n2 = page(base + "scenario-scen", learner);
		assertThat(n2.selectFirst(".scenario-node").text()).contains("better off without him");
		assertSafety(n2, "scenario node on suicide", true, true);

		assertSafety(page(base + "plan-plan", learner), "plan", true, true);
		Document print = page(base + "plan-plan/print", learner);
		assertThat(print.selectFirst("aside.support-box")).as("printed plan: support box").isNotNull();

		assertSafety(page(base + StepPlan.ASSESSMENT, learner), "assessment start", true, false);
		Document question = page(base + "assessment-1", learner);
		assertThat(question.text()).contains("self-harm");
		assertSafety(question, "assessment question on self-harm", true, true);

		// a wrong answer lists the question again on the result page, with the support box beside it
		mvc.perform(post(base + "assessment-1").param("choice", "b").with(user(learner)).with(csrf()));
		mvc.perform(post("/attempts/" + attempt + "/submit").with(user(learner)).with(csrf()));
		Document result = page(base + StepPlan.RESULT, learner);
		assertThat(result.select("ul.missed").text()).contains("self-harm");
		assertThat(result.selectFirst("aside.support-box")).as("result listing it: support box").isNotNull();

		// a lesson with the support box only for the learner's own wellbeing does not claim to discuss suicide
		UUID flagship = attempts.start(account.id(), "hub-leaders-mental-health-awareness");
		Document debrief = page("/attempts/" + flagship + "/steps/lesson-debrief", learner);
		assertSafety(debrief, "lesson with the support box but no content note", false, true);
	}

	@Test
	void theSlidesWarnBeforeAndGiveSupportAfterEveryPartThatDiscussesSuicide() throws Exception {
		People people = People.create(accounts, organisations);
		SignedInUser facilitator = Learners.as(people.adminA());
		List<Element> slides = new ArrayList<>();
		for (int n = 1;; n++) {
			MockHttpServletResponse response = mvc.perform(get("/facilitate/" + COURSE + "/" + n).with(user(facilitator)))
				.andReturn()
				.getResponse();
			if (response.getStatus() == 404) {
				break;
			}
			slides.add(Jsoup.parse(response.getContentAsString()).selectFirst("section.slide"));
		}
		assertThat(slides).hasSizeGreaterThan(10);
		int q1 = indexOf(slides, "slide-question", "end their life tonight");
		int q2 = indexOf(slides, "slide-question", "after a hard day");
		int n2 = indexOf(slides, "slide-situation", "better off without him");
		int plan = indexOf(slides, "slide-plan", "My plan");
		assertThat(slides.get(q1).selectFirst("aside.content-note")).as("question on suicide: content note").isNotNull();
		assertThat(slides.get(q2).selectFirst("aside.content-note")).as("other question: no content note").isNull();
		assertThat(slides.get(n2).selectFirst("aside.content-note")).as("node on suicide: content note").isNotNull();
		assertThat(slides.get(plan).selectFirst("aside.content-note")).as("plan: content note").isNotNull();
		// support slides with the contacts follow the check, the scenario and the plan: each with 999 and
		// contacts (when the contacts need more than one slide, they go on to the next)
		for (String[] part : List.of(new String[] { "Check", "check" }, new String[] { "Scenario", "scenario" },
				new String[] { "My plan", "plan" })) {
			List<Element> support = slides.stream()
				.filter(s -> s.hasClass("slide-support") && s.selectFirst(".slide-subtitle").text().equals(part[0]))
				.toList();
			assertThat(support).as("support slides after the " + part[1]).isNotEmpty();
			for (Element s : support) {
				assertThat(s.select("ul.contacts li")).isNotEmpty();
				assertThat(s.text()).contains("999");
			}
			assertThat(String.join(" ", support.stream().map(Element::text).toList())).contains("Samaritans");
		}
	}

	private static int indexOf(List<Element> slides, String kind, String text) {
		for (int i = 0; i < slides.size(); i++) {
			if (slides.get(i).hasClass(kind) && slides.get(i).text().contains(text)) {
				return i;
			}
		}
		throw new AssertionError("no " + kind + " slide with '" + text + "'");
	}

	@Test
	void everyBookletPageThatDiscussesSuicideCarriesTheSupportLineAndTheContactsArePrintedOnce() throws Exception {
		Account account = Learners.register(accounts, "Safety Booklet", Nation.WALES, "en");
		MockHttpServletResponse response = mvc.perform(get("/courses/" + COURSE + "/booklet.pdf?lang=en&nation=wales&size=A4")
			.with(user(Learners.as(account)))).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		List<String> pages = new java.util.ArrayList<>();
		try (PDDocument doc = Loader.loadPDF(response.getContentAsByteArray())) {
			PDFTextStripper stripper = new PDFTextStripper();
			for (int i = 1; i <= doc.getNumberOfPages(); i++) {
				stripper.setStartPage(i);
				stripper.setEndPage(i);
				pages.add(stripper.getText(doc).replaceAll("\\s+", " "));
			}
		}
		String text = String.join(" ", pages);
		int help = pages.indexOf(pages.stream().filter(p -> p.startsWith("Where to get help")).findFirst().orElseThrow()) + 1;
		String line = "Need help now? If a life is at risk, call 999. Samaritans: Call 116 123";
		String contactsOn = "The support contacts for Wales are on page " + help + ".";
		// the cover, the contacts and the contents come before "How to use this booklet"
		int howTo = pages.indexOf(pages.stream().filter(p -> p.startsWith("How to use this booklet")).findFirst().orElseThrow());
		int carrying = 0;
		int discussing = 0;
		for (int i = 0; i < pages.size(); i++) {
			String page = pages.get(i);
			if (i >= howTo && page.toLowerCase(java.util.Locale.ROOT).contains("suicide")) {
				assertThat(page).as("page %d", i + 1).contains(line, contactsOn);
				discussing++;
			}
			carrying += page.contains(line) ? 1 : 0;
		}
		assertThat(discussing).as("pages that discuss suicide").isPositive();
		// the sections and their answers are on different pages
		assertThat(carrying).isGreaterThanOrEqualTo(2);
		assertThat(text.split("Content note", -1)).as("content notes: lesson, check, story, plan").hasSize(5);
		// the full list is printed once, at the front
		for (SupportContact c : contacts.forNation("wales")) {
			if (!"samaritans".equals(c.id())) {
				assertThat(text.split(java.util.regex.Pattern.quote(c.name() + ": " + c.reach()), -1)).as(c.name()).hasSize(2);
			}
		}
	}

}
