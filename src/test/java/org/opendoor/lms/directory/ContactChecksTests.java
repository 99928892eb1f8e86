package org.opendoor.lms.directory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Checking the national contacts: learners see who each contact is for, whether it has been checked with the
 * service, and can tap its numbers; a site admin records a check on the web form (no redeploy), which reaches the
 * learner's support box and the audit trail; nobody else can; bad input is a 400 in the admin's language.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class ContactChecksTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	JdbcClient jdbc;

	private Account account(String language, Role... roles) {
		EnumSet<Role> set = EnumSet.of(Role.LEARNER);
		set.addAll(java.util.List.of(roles));
		return accounts.create(new Registration("Person", UUID.randomUUID() + "@example.org", Learners.PASSWORD, Nation.WALES,
				language), set);
	}

	/** The support box of the signposting lesson, as the learner sees it. */
	private String supportBox(Account learner) throws Exception {
		UUID attempt = attempts.start(learner.id(), "first-steps");
		String html = mvc.perform(get("/attempts/" + attempt + "/steps/lesson-three-tiers").with(user(Learners.as(learner))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String box = html.substring(html.indexOf("class=\"support-box\""));
		return box.substring(0, box.indexOf("</aside>"));
	}

	/** The contact's entry in the support box. */
	private static String entry(String box, String name) {
		String from = box.substring(box.indexOf("<strong>" + name + "</strong>"));
		return from.substring(0, from.indexOf("</li>"));
	}

	private MockHttpServletRequestBuilder check(String contact, String day) {
		return check(contact, day, "PHONE", "confirmed", "Number and hours confirmed on the phone");
	}

	private MockHttpServletRequestBuilder check(String contact, String day, String method, String result, String note) {
		return post("/admin/contacts/checks").with(csrf())
			.param("contactId", contact)
			.param("checkedOn", day)
			.param("checkedBy", "Sam Jones")
			.param("method", method)
			.param("result", result)
			.param("note", note);
	}

	@Test
	void theSupportBoxSaysWhoEachContactIsForWhetherItIsCheckedAndLinksItsNumbers() throws Exception {
		String box = supportBox(account("en"));
		String childline = entry(box, "Childline");
		assertThat(childline).contains("<a class=\"phone\" href=\"tel:08001111\">0800 1111</a>")
			.contains("For: Children and young people")
			.contains("Not yet checked with the service");
		assertThat(entry(box, "Shout")).contains("href=\"sms:85258?&amp;body=SHOUT\">SHOUT to 85258</a>");
		assertThat(entry(box, "Samaritans")).contains("href=\"tel:116123\">116 123</a>");
		assertThat(entry(box, "Papyrus HOPELINE247")).contains("href=\"tel:08000684141\">0800 068 4141</a>")
			.contains("href=\"sms:88247\">88247</a>");
		assertThat(entry(box, "C.A.L.L. (Community Advice and Listening Line)")).contains("href=\"tel:0800132737\"");
		assertThat(entry(box, "Meic")).contains("href=\"tel:08088023456\">080880 23456</a>");
		assertThat(box).contains("call <a class=\"phone\" href=\"tel:999\">999</a>");

		String welsh = supportBox(account("cy"));
		assertThat(entry(welsh, "Childline")).contains("Ffoniwch <a class=\"phone\" href=\"tel:08001111\">0800 1111</a>")
			.contains("Ar gyfer: Plant a phobl ifanc")
			.contains("Heb ei wirio gyda’r gwasanaeth eto");
	}

	@Test
	void aSiteAdminsCheckReachesTheLearnerAndTheAuditTrail() throws Exception {
		Account admin = account("en", Role.ADMIN);
		String page = mvc.perform(get("/admin/contacts").with(user(Learners.as(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("name=\"_csrf\"").contains("Record the check");
		assertThat(page).as("nations by name, not as codes").contains("England, Wales, Scotland, Northern Ireland")
			.doesNotContain("northern-ireland</td>");

		LocalDate day = LocalDate.now().minusDays(1);
		int before = jdbc.sql("select count(*) from contact_check where contact_id = 'breathing-space'").query(Integer.class).single();
		// Breathing Space is Scotland's: a learner in Scotland sees it
		Account scot = accounts.create(new Registration("Person", UUID.randomUUID() + "@example.org", Learners.PASSWORD,
				Nation.SCOTLAND, "en"), EnumSet.of(Role.LEARNER));
		if (before == 0) {
			assertThat(entry(supportBox(scot), "Breathing Space")).contains("Not yet checked with the service");
		}
		var done = mvc.perform(check("breathing-space", day.toString()).with(user(Learners.as(admin)))).andReturn().getResponse();
		assertThat(done.getStatus()).isEqualTo(302);
		assertThat(done.getRedirectedUrl()).isEqualTo("/admin/contacts?recorded=breathing-space");
		assertThat(jdbc.sql("select count(*) from contact_check where contact_id = 'breathing-space' and checked_by = 'Sam Jones' "
				+ "and method = 'PHONE' and confirmed = true and recorded_by = ?").param(admin.id()).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from contact_check where contact_id = 'breathing-space'").query(Integer.class).single())
			.isEqualTo(before + 1);

		String when = day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
		assertThat(entry(supportBox(scot), "Breathing Space")).contains("Checked with the service on " + when)
			.doesNotContain("Not yet checked");

		String after = mvc.perform(get("/admin/contacts?recorded=breathing-space").with(user(Learners.as(admin))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(after).contains("Check recorded for Breathing Space.")
			.containsPattern("<td[^>]*>" + java.util.regex.Pattern.quote(when) + "</td>")
			.contains("Sam Jones")
			.contains("Number and hours confirmed on the phone")
			.contains("by account " + admin.id());
	}

	@Test
	void onlySiteAdminsMayRecordACheck() throws Exception {
		Account volunteer = account("en");
		Account orgAdmin = account("en", Role.ORG_ADMIN);
		for (Account who : new Account[] { volunteer, orgAdmin }) {
			assertThat(mvc.perform(get("/admin/contacts").with(user(Learners.as(who)))).andReturn().getResponse().getStatus())
				.isEqualTo(403);
			assertThat(mvc.perform(check("gp", LocalDate.now().toString()).with(user(Learners.as(who))))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
		}
		Account admin = account("en", Role.ADMIN);
		assertThat(mvc.perform(check("gp", LocalDate.now().toString()).with(user(Learners.as(admin))).with(csrf().useInvalidToken()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from contact_check where contact_id = 'gp'").query(Integer.class).single()).isZero();
	}

	@Test
	void badInputIsA400InTheAdminsLanguageAndRecordsNothing() throws Exception {
		Account english = account("en", Role.ADMIN);
		Account welsh = account("cy", Role.ADMIN);
		String tomorrow = LocalDate.now().plusDays(1).toString();
		var future = mvc.perform(check("samh", tomorrow).with(user(Learners.as(english)))).andReturn().getResponse();
		assertThat(future.getStatus()).isEqualTo(400);
		assertThat(future.getContentAsString()).contains("The day of the check cannot be in the future.");
		var futureCy = mvc.perform(check("samh", tomorrow).with(user(Learners.as(welsh)))).andReturn().getResponse();
		assertThat(futureCy.getStatus()).isEqualTo(400);
		assertThat(futureCy.getContentAsString()).contains("Ni all diwrnod y gwiriad fod yn y dyfodol.");
		var malformed = mvc.perform(check("no-such-contact", "07/12/2026", "FAX", "confirmed", "").with(user(Learners.as(english))))
			.andReturn()
			.getResponse();
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(malformed.getContentAsString()).contains("Choose a contact from the list.")
			.contains("Give the day of the check as a date")
			.contains("Choose how they checked.");
		var changes = mvc.perform(check("samh", LocalDate.now().toString(), "EMAIL", "changes", " ")
			.with(user(Learners.as(english)))).andReturn().getResponse();
		assertThat(changes.getStatus()).isEqualTo(400);
		assertThat(changes.getContentAsString()).contains("Say in the note what needs changing.");
		assertThat(jdbc.sql("select count(*) from contact_check where contact_id in ('samh', 'no-such-contact')")
			.query(Integer.class)
			.single()).isZero();
	}

}
