package org.opendoor.lms.facilitation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.learning.AttemptStatus;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.support.People;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facilitator mode over plain HTTP (no script): the slides page by page, the presenter view's notes, the
 * scenario discussions, and the attendance sheet with its completions, organisation boundaries and xAPI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class FacilitationTests {

	static final String ORG_ADMIN = "orgadmin@demo.opendoor.invalid";

	static final String ORG_ADMIN_PASSWORD = "demo-orgadmin-pass";

	static final Pattern NEXT = Pattern.compile("<a rel=\"next\" class=\"button\" href=\"([^\"]+)\"");

	static final Pattern H1 = Pattern.compile("<h1 id=\"slide-title\">([^<]*)</h1>");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Attempts attempts;

	@Autowired
	JdbcClient jdbc;

	People people;

	private final Course firstSteps = new CourseReader().read(Path.of("courses"), Path.of("courses/first-steps")).course();

	@BeforeEach
	void people() {
		people = People.create(accounts, organisations);
	}

	private BrowserlessSession signedIn(String email, String password) {
		BrowserlessSession s = new BrowserlessSession(port);
		assertThat(s.signIn(email, password).status()).isEqualTo(302);
		return s;
	}

	/** Every slide of a course, following the plain Next links from the first. */
	private List<BrowserlessSession.Page> walk(BrowserlessSession s, String first) {
		List<BrowserlessSession.Page> pages = new ArrayList<>();
		String path = first;
		while (path != null && pages.size() < 500) {
			BrowserlessSession.Page page = s.get(path);
			assertThat(page.status()).as(path).isEqualTo(200);
			pages.add(page);
			Matcher next = NEXT.matcher(page.body());
			path = next.find() ? next.group(1).replace("&amp;", "&") : null;
		}
		return pages;
	}

	@Test
	void theSlidesAreReadableAndNavigableWithoutScript() {
		BrowserlessSession s = signedIn(ORG_ADMIN, ORG_ADMIN_PASSWORD);
		List<BrowserlessSession.Page> pages = walk(s, "/facilitate/first-steps/1");
		int total = pages.size();
		assertThat(total).isGreaterThan(10);
		assertThat(pages.get(0).body()).contains("Slide 1 of " + total).contains(firstSteps.title());
		assertThat(pages.get(total - 1).body()).contains("Where to get help").doesNotContain("rel=\"next\"");
		assertThat(pages.stream().filter(p -> H1.matcher(p.body()).results().anyMatch(h -> h.group(1).startsWith("Where to get help"))))
			.as("the closing slides have the contacts").anyMatch(p -> p.body().contains("116 123"));
		for (BrowserlessSession.Page p : pages) {
			assertThat(H1.matcher(p.body()).find()).as("every slide has a heading").isTrue();
		}
		// a bookmarked slide opens on its own, with a Previous link back
		BrowserlessSession.Page third = s.get("/facilitate/first-steps/3");
		assertThat(third.body()).contains("Slide 3 of " + total).contains("href=\"/facilitate/first-steps/2\"");
		assertThat(s.get("/facilitate/first-steps/" + (total + 1)).status()).isEqualTo(404);
		assertThat(s.get("/facilitate/no-such-course/1").status()).isEqualTo(404);
		// every lesson paragraph is on some slide
		String all = String.join("\n", pages.stream().map(BrowserlessSession.Page::body).toList());
		assertThat(all).contains("Module 1 of 2").contains("Listening first").contains("Knowing when to signpost");
	}

	@Test
	void theOverviewListsEveryModuleWithItsSlidesAndEverySlideCanJumpToAModuleWithoutScript() {
		BrowserlessSession s = signedIn(ORG_ADMIN, ORG_ADMIN_PASSWORD);
		String base = "/facilitate/hub-leaders-mental-health-awareness/";
		Course flagship = new CourseReader().read(Path.of("courses"), Path.of("courses/hub-leaders-mental-health-awareness")).course();
		BrowserlessSession.Page overview = s.get(base + "overview");
		assertThat(overview.status()).isEqualTo(200);
		List<BrowserlessSession.Page> pages = walk(s, base + "1");
		int total = pages.size();
		assertThat(overview.body()).contains(total + " slides in " + flagship.modules().size() + " modules");
		// each module: its number and title, the slides it spans, a link to its first slide that opens it
		Matcher range = Pattern.compile("<h2><a href=\"" + Pattern.quote(base) + "(\\d+)\">(\\d+)\\. ([^<]+)</a></h2>\\s*"
				+ "<p class=\"meta\">\\s*Slides (\\d+) to (\\d+)").matcher(overview.body());
		int modules = 0;
		int previousLast = 1;
		while (range.find()) {
			int first = Integer.parseInt(range.group(1));
			assertThat(range.group(2)).isEqualTo(Integer.toString(modules + 1));
			assertThat(range.group(3)).isEqualTo(flagship.modules().get(modules).title().replace("'", "&#39;"));
			assertThat(Integer.parseInt(range.group(4))).isEqualTo(first).isEqualTo(previousLast + 1);
			previousLast = Integer.parseInt(range.group(5));
			Matcher h1 = H1.matcher(pages.get(first - 1).body());
			assertThat(h1.find()).isTrue();
			assertThat(h1.group(1)).isEqualTo(range.group(3));
			modules++;
		}
		assertThat(modules).isEqualTo(flagship.modules().size());
		assertThat(previousLast).as("the close follows the last module").isLessThan(total);
		// every slide's title is listed, under its number
		for (int n : List.of(1, total / 2, total)) {
			Matcher h1 = H1.matcher(pages.get(n - 1).body());
			assertThat(h1.find()).isTrue();
			assertThat(overview.body()).contains("<p><a href=\"" + base + n + "\">" + h1.group(1));
		}
		// from any slide, plain links to the start of every module, in the same view
		BrowserlessSession.Page presenter = s.get(base + (total / 2) + "?view=presenter");
		for (int m = 1; m <= flagship.modules().size(); m++) {
			assertThat(presenter.body()).containsPattern("<a href=\"" + Pattern.quote(base) + "\\d+\\?view=presenter\" data-n=\"\\d+\"[^>]*>"
					+ m + "\\. ");
		}
		assertThat(presenter.body()).contains("aria-current=\"true\"");
	}

	@Test
	void theAudienceWindowIsTheSlideAloneAndHasPlainLinksOnlyWhenScriptIsOff() {
		BrowserlessSession s = signedIn(ORG_ADMIN, ORG_ADMIN_PASSWORD);
		BrowserlessSession.Page audience = s.get("/facilitate/first-steps/2?view=audience");
		assertThat(audience.status()).isEqualTo(200);
		String withoutNoscript = audience.body().substring(audience.body().indexOf("<body")).replaceAll("(?s)<noscript>.*?</noscript>", "");
		assertThat(withoutNoscript).doesNotContain("<nav").doesNotContain("<button").doesNotContain("<a rel=\"next\"")
			.doesNotContain("Facilitator notes").doesNotContain("Slide 2 of").contains("<h1 id=\"slide-title\">");
		assertThat(audience.body()).containsPattern("(?s)<noscript>.*href=\"/facilitate/first-steps/3\\?view=audience\".*</noscript>");
		assertThat(s.get("/facilitate/first-steps/2?view=sideways").status()).isEqualTo(404);
	}

	@Test
	void thePresenterWindowPreviewsTheRealNextSlide() {
		BrowserlessSession s = signedIn(ORG_ADMIN, ORG_ADMIN_PASSWORD);
		String base = "/facilitate/hub-leaders-mental-health-awareness/";
		List<BrowserlessSession.Page> pages = walk(s, base + "1");
		// a lesson in several parts: each part's preview is the next part, not the same title again
		int part = indexOf(pages, "Part 1 of ");
		assertThat(part).isPositive();
		String now = slideSection(pages.get(part).body());
		String next = slideSection(pages.get(part + 1).body());
		assertThat(next).isNotEqualTo(now);
		String presenter = s.get(base + (part + 1) + "?view=presenter").body();
		String preview = presenter.substring(presenter.indexOf("class=\"next-preview\""));
		assertThat(preview).contains(slideBody(next)).doesNotContain(slideBody(now));
		Course flagship = new CourseReader().read(Path.of("courses"), Path.of("courses/hub-leaders-mental-health-awareness")).course();
		assertThat(presenter).contains("Planned: about " + flagship.estimatedMinutes() + " minutes")
			.contains("class=\"timer\" hidden");
		// notes=1, as in older bookmarks, still opens the presenter window
		assertThat(s.get(base + "1?notes=1").body()).contains("class=\"next-preview\"");
	}

	private static String slideSection(String page) {
		return page.substring(page.indexOf("<section class=\"slide"), page.indexOf("</section>", page.indexOf("<section class=\"slide")));
	}

	private static String slideBody(String section) {
		int at = section.indexOf("<div class=\"slide-body\">");
		return section.substring(at, section.indexOf("</div>", at));
	}

	@Test
	void learnersAndVisitorsDoNotGetTheSlides() {
		BrowserlessSession learner = signedIn(people.volunteerA().email(), Learners.PASSWORD);
		assertThat(learner.get("/facilitate/first-steps/1").status()).isEqualTo(404);
		assertThat(learner.get("/facilitate").status()).isEqualTo(404);
		BrowserlessSession visitor = new BrowserlessSession(port);
		assertThat(visitor.get("/facilitate/first-steps/1").status()).isEqualTo(302);
		BrowserlessSession site = signedIn(people.siteAdmin().email(), Learners.PASSWORD);
		assertThat(site.get("/facilitate/first-steps/1").status()).isEqualTo(200);
	}

	@Test
	void thePresenterViewShowsTheNotesAndTheNextSlide() {
		BrowserlessSession s = signedIn(ORG_ADMIN, ORG_ADMIN_PASSWORD);
		String course = "/facilitate/hub-leaders-mental-health-awareness/";
		BrowserlessSession.Page title = s.get(course + "1?view=presenter");
		assertThat(title.body()).contains("Facilitator notes")
			.contains("Welcome people and say who you are")
			.contains("Ground rule: Share only what you are comfortable sharing")
			.contains("Next slide: Why community matters");
		assertThat(s.get(course + "1").body()).doesNotContain("Facilitator notes").doesNotContain("Welcome people and say");
		// the module on open-door conversations warns the group before suicide is discussed
		List<BrowserlessSession.Page> pages = walk(s, course + "1?view=presenter");
		BrowserlessSession.Page openDoor = pages.stream()
			.filter(p -> p.body().contains("<h1 id=\"slide-title\">Open-door conversations</h1>"))
			.findFirst()
			.orElseThrow();
		assertThat(openDoor.body()).contains("Content note")
			.contains("This module talks about suicide. Warn the group")
			.contains("Allow about 35 minutes for this module.");
		assertThat(pages.get(pages.size() - 1).body()).contains("How to close: Thank the group").contains("This is the last slide.");
		// generated notes: the reading time of a lesson page
		assertThat(pages.stream().anyMatch(p -> p.body().contains("minutes for this page."))).isTrue();
	}

	@Test
	void aScenarioIsDiscussedChoiceByChoiceThenTheFeedbackIsRevealed() {
		BrowserlessSession s = signedIn(ORG_ADMIN, ORG_ADMIN_PASSWORD);
		List<BrowserlessSession.Page> pages = walk(s, "/facilitate/first-steps/1?view=presenter");
		Scenario scenario = firstSteps.modules().stream()
			.flatMap(m -> m.items().stream())
			.filter(Scenario.class::isInstance)
			.map(Scenario.class::cast)
			.findFirst()
			.orElseThrow();
		Scenario.Node start = scenario.node(scenario.start()).orElseThrow();
		int discuss = indexOf(pages, "What would you do?", start.choices().get(0).textHtml());
		assertThat(discuss).as("a discussion slide with the first choice").isPositive();
		for (Scenario.Choice c : start.choices()) {
			assertThat(pages.get(discuss).body()).contains(c.textHtml());
		}
		BrowserlessSession.Page reveal = pages.get(discuss + 1);
		assertThat(reveal.body()).contains("What each choice leads to").contains("Best choice");
		for (Scenario.Choice c : start.choices()) {
			assertThat(reveal.body()).contains(c.textHtml()).contains(c.feedbackHtml());
		}
		assertThat(pages.get(discuss - 1).body()).as("the situation comes first").contains(start.textHtml());
		// a knowledge-check question: discuss, then reveal with the feedback on every option
		Question q = firstSteps.allQuestions().findFirst().orElseThrow();
		int asked = indexOf(pages, "Discuss, then reveal", q.promptHtml());
		assertThat(asked).isPositive();
		for (Question.Option o : q.options()) {
			assertThat(pages.get(asked).body()).contains(o.textHtml());
			assertThat(pages.get(asked + 1).body()).contains(o.feedbackHtml());
		}
	}

	private static int indexOf(List<BrowserlessSession.Page> pages, String... texts) {
		for (int i = 0; i < pages.size(); i++) {
			String body = pages.get(i).body();
			if (java.util.Arrays.stream(texts).allMatch(body::contains)) {
				return i;
			}
		}
		return -1;
	}

	private int sessionsOf(long org) {
		return jdbc.sql("select count(*) from facilitated_session where organisation_id = ?").param(org).query(Integer.class).single();
	}

	private UUID recordSession(BrowserlessSession admin, long org, long facilitator, long... attendees) {
		admin.get("/org/" + org + "/sessions/new");
		List<String> form = new ArrayList<>(List.of("course", "first-steps", "date", LocalDate.now().toString(),
				"facilitator", Long.toString(facilitator), "group", ""));
		for (long a : attendees) {
			form.add("attendees");
			form.add(Long.toString(a));
		}
		BrowserlessSession.Page saved = admin.post("/org/" + org + "/sessions", form.toArray(String[]::new));
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		Matcher m = Pattern.compile("/sessions/([0-9a-f-]{36})").matcher(saved.location());
		assertThat(m.find()).isTrue();
		return UUID.fromString(m.group(1));
	}

	@Test
	void theAttendanceSheetRecordsCompletionsThatShowOnTheDashboardTheExportAndTheLearnersRecords() {
		BrowserlessSession admin = signedIn(people.adminA().email(), Learners.PASSWORD);
		assertThat(admin.get("/org/" + people.orgA() + "/dashboard?course=first-steps").body())
			.contains("0 of 2 people completed");
		UUID session = recordSession(admin, people.orgA(), people.adminA().id(), people.volunteerA().id());

		BrowserlessSession.Page sheet = admin.get("/org/" + people.orgA() + "/sessions/" + session + "?saved");
		assertThat(sheet.body()).contains("Attendance saved").contains("Volunteer A").contains("Admin A")
			.contains(firstSteps.title());
		assertThat(admin.get("/org/" + people.orgA() + "/sessions").body()).contains("/sessions/" + session);
		assertThat(admin.get("/org/" + people.orgA() + "/dashboard?course=first-steps").body())
			.contains("1 of 2 people completed");
		String csv = admin.get("/org/" + people.orgA() + "/export.csv?course=first-steps").body();
		String line = csv.lines().filter(l -> l.contains(people.volunteerA().email())).findFirst().orElseThrow();
		assertThat(line).contains("Completed").contains(LocalDate.now().toString());

		// the learner's own records: the course is completed, in a group session
		assertThat(attempts.history(people.volunteerA().id())).anyMatch(a -> a.status() == AttemptStatus.PASSED);
		BrowserlessSession learner = signedIn(people.volunteerA().email(), Learners.PASSWORD);
		String result = learner.get("/courses").body();
		Matcher view = Pattern.compile("href=\"(/attempts/[0-9a-f-]{36}/steps/result)\"").matcher(result);
		assertThat(view.find()).isTrue();
		assertThat(learner.get(view.group(1)).body()).contains("You completed this course in a facilitated group session")
			.doesNotContain("Submit my answers");
	}

	@Test
	void aValidationErrorShowsAnErrorSummaryAndStoresNothing() {
		BrowserlessSession admin = signedIn(people.adminA().email(), Learners.PASSWORD);
		admin.get("/org/" + people.orgA() + "/sessions/new");
		BrowserlessSession.Page noDate = admin.post("/org/" + people.orgA() + "/sessions", "course", "first-steps", "date", "",
				"facilitator", Long.toString(people.adminA().id()), "attendees", Long.toString(people.volunteerA().id()));
		assertThat(noDate.status()).isEqualTo(400);
		assertThat(noDate.body()).contains("There is a problem").contains("href=\"#date\"")
			.contains("Enter the date of the session");
		BrowserlessSession.Page nobody = admin.post("/org/" + people.orgA() + "/sessions", "course", "first-steps", "date",
				LocalDate.now().plusDays(3).toString(), "facilitator", Long.toString(people.adminA().id()));
		assertThat(nobody.status()).isEqualTo(400);
		assertThat(nobody.body()).contains("Tick at least one person").contains("cannot be in the future");
		assertThat(sessionsOf(people.orgA())).isZero();
		assertThat(attempts.history(people.volunteerA().id())).isEmpty();
	}

	@Test
	void anAdminOfAnotherOrganisationCanNeitherRecordForItsMembersNorSeeItsSessions() {
		BrowserlessSession adminA = signedIn(people.adminA().email(), Learners.PASSWORD);
		UUID session = recordSession(adminA, people.orgA(), people.adminA().id(), people.volunteerA().id());

		BrowserlessSession adminB = signedIn(people.adminB().email(), Learners.PASSWORD);
		adminB.get("/org/" + people.orgB() + "/sessions/new");
		// A's members and admins are not B's: not found, and nothing stored
		assertThat(adminB.post("/org/" + people.orgB() + "/sessions", "course", "first-steps", "date", LocalDate.now().toString(),
				"facilitator", Long.toString(people.adminB().id()), "attendees", Long.toString(people.volunteerA().id()))
			.status()).isEqualTo(404);
		assertThat(adminB.post("/org/" + people.orgB() + "/sessions", "course", "first-steps", "date", LocalDate.now().toString(),
				"facilitator", Long.toString(people.adminA().id()), "attendees", Long.toString(people.adminB().id()))
			.status()).isEqualTo(404);
		assertThat(adminB.post("/org/" + people.orgA() + "/sessions", "course", "first-steps", "date", LocalDate.now().toString(),
				"facilitator", Long.toString(people.adminA().id()), "attendees", Long.toString(people.volunteerA().id()))
			.status()).isEqualTo(404);
		assertThat(sessionsOf(people.orgB())).isZero();
		assertThat(sessionsOf(people.orgA())).isEqualTo(1);
		assertThat(attempts.history(people.adminB().id())).isEmpty();
		// nor see A's sessions, by A's address or through B's
		assertThat(adminB.get("/org/" + people.orgA() + "/sessions").status()).isEqualTo(404);
		assertThat(adminB.get("/org/" + people.orgA() + "/sessions/" + session).status()).isEqualTo(404);
		assertThat(adminB.get("/org/" + people.orgB() + "/sessions/" + session).status()).isEqualTo(404);
		assertThat(adminB.get("/org/" + people.orgB() + "/sessions").body()).doesNotContain(session.toString());
		// a volunteer cannot record at all
		BrowserlessSession volunteer = signedIn(people.volunteerA().email(), Learners.PASSWORD);
		assertThat(volunteer.get("/org/" + people.orgA() + "/sessions/new").status()).isEqualTo(404);
	}

	@Test
	void theLrsHasAttendedAndCompletedForEachAttendeeWithTheFacilitatorAsInstructor() {
		Account second = org.opendoor.lms.support.Orgs.member(organisations, accounts, people.orgA(), "Second Volunteer", null);
		BrowserlessSession admin = signedIn(people.adminA().email(), Learners.PASSWORD);
		UUID session = recordSession(admin, people.orgA(), people.adminA().id(), people.volunteerA().id(), second.id());

		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		LrsClient.Reply reply = lrs.get("/xapi/statements?ascending=true&registration=" + session);
		assertThat(reply.status()).isEqualTo(200);
		String text = reply.text();
		for (Account who : List.of(people.volunteerA(), second, people.adminA())) {
			assertThat(text).doesNotContain(who.email()).doesNotContain(who.displayName());
		}
		Map<String, List<String>> verbsByActor = new java.util.HashMap<>();
		String course = "http://localhost:8080/xapi/activities/courses/first-steps";
		for (JsonNode s : reply.json().get("statements")) {
			String actor = s.get("actor").get("account").get("name").asString();
			String verb = s.get("verb").get("id").asString();
			verbsByActor.computeIfAbsent(actor, k -> new ArrayList<>()).add(verb);
			JsonNode context = s.get("context");
			assertThat(context.get("registration").asString()).isEqualTo(session.toString());
			assertThat(context.get("instructor").get("account").get("name").asString())
				.isEqualTo(people.adminA().learnerRef().toString());
			assertThat(context.get("instructor").has("name")).isFalse();
			if (verb.endsWith("/attended")) {
				assertThat(s.get("object").get("id").asString()).isEqualTo(course + "/sessions/" + session);
				assertThat(context.get("contextActivities").get("grouping").get(0).get("id").asString()).isEqualTo(course);
			}
			else {
				assertThat(s.get("object").get("id").asString()).isEqualTo(course);
				assertThat(s.get("result").get("completion").asBoolean()).isTrue();
				assertThat(context.get("contextActivities").get("parent").get(0).get("id").asString())
					.isEqualTo(course + "/sessions/" + session);
			}
		}
		assertThat(verbsByActor).containsOnlyKeys(people.volunteerA().learnerRef().toString(), second.learnerRef().toString());
		for (List<String> verbs : verbsByActor.values()) {
			assertThat(verbs).containsExactlyInAnyOrder("http://adlnet.gov/expapi/verbs/attended",
					"http://adlnet.gov/expapi/verbs/completed");
		}
	}

}
