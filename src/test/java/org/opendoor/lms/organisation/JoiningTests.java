package org.opendoor.lms.organisation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Volunteers join an organisation by its join code, an email invitation (through a real SMTP server) or
 * a CSV import of invitations, over real HTTP as a browser would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "lms.organisation.invite-mail-every=PT1H" })
@ActiveProfiles({ "demo", "test" })
class JoiningTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	/** An invitation link: the demo's public address follows the port it runs on. */
	private static final Pattern LINK = Pattern.compile("http://localhost:([0-9]+)(/invitations/[A-Za-z0-9_-]+)");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Invitations invitations;

	@Autowired
	InvitationMailer mailer;

	@Autowired
	JdbcClient jdbc;

	private BrowserlessSession signedIn(Account account) {
		BrowserlessSession session = new BrowserlessSession(port);
		assertThat(session.signIn(account.email(), Learners.PASSWORD).location()).doesNotContain("error");
		return session;
	}

	private static MimeMessage[] mailTo(String email) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(email);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(MimeMessage[]::new);
	}

	private static MimeMessage[] awaitMailTo(String email) throws InterruptedException {
		long end = System.currentTimeMillis() + 10_000;
		while (mailTo(email).length == 0 && System.currentTimeMillis() < end) {
			Thread.sleep(50);
		}
		return mailTo(email);
	}

	private String linkIn(MimeMessage message) {
		Matcher m = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
		assertThat(m.find()).as("the email has a link").isTrue();
		assertThat(m.group(1)).as("the link follows the port the app runs on").isEqualTo(String.valueOf(port));
		return m.group(2);
	}

	@Test
	void anEmailInvitationArrivesAndItsLinkWorksOnceForTheInvitedPerson() throws Exception {
		Orgs.Org org = Orgs.create(organisations, accounts, "Invite Hub");
		long site = organisations.createGroup(org.id(), "Canal site");
		String email = "invitee-" + UUID.randomUUID() + "@example.org";
		BrowserlessSession admin = signedIn(org.admin());
		admin.get("/org/" + org.id() + "/invite");
		BrowserlessSession.Page sent = admin.post("/org/" + org.id() + "/invitations", "email", email, "name", "Gwen",
				"groupId", String.valueOf(site));
		assertThat(sent.location()).endsWith("/org/" + org.id() + "/invite?invited");

		MimeMessage[] received = awaitMailTo(email);
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).contains("Invite Hub").contains("Open Door");
		String body = GreenMailUtil.getBody(received[0]);
		assertThat(body).contains("Gwen");
		assertThat(mailer.sendPending()).as("sent once only").isZero();
		String link = linkIn(received[0]);
		String waiting = admin.get("/org/" + org.id() + "/invite").body();
		assertThat(waiting).as("the address and the invitation email's state are two different columns")
			.contains("<th scope=\"col\">Email address</th>").contains("<th scope=\"col\">Invitation email</th>")
			.containsPattern("<td[^>]*>Sent</td>").containsPattern("<td[^>]*>\\d{1,2} [A-Z][a-z]+ \\d{4}</td>")
			.doesNotContainPattern("<td[^>]*>\\d{4}-\\d{2}-\\d{2}</td>");

		// Someone else who got hold of the link cannot use it.
		Account other = Learners.register(accounts, "Other", Nation.WALES, "en");
		BrowserlessSession otherSession = signedIn(other);
		assertThat(otherSession.get(link).body()).contains("sent to a different email address");
		assertThat(otherSession.post(link).status()).isEqualTo(403);
		assertThat(organisations.membershipsOf(other.id())).isEmpty();

		// A visitor who is not signed in is sent to sign in, then comes back to the link.
		Account invitee = accounts.register(new org.opendoor.lms.account.Registration("Gwen", email, Learners.PASSWORD,
				Nation.WALES, "cy"));
		BrowserlessSession visitor = new BrowserlessSession(port);
		assertThat(visitor.get(link).location()).endsWith("/login");
		assertThat(visitor.signIn(email, Learners.PASSWORD).location()).contains(link);
		assertThat(visitor.get(link).status()).isEqualTo(200);
		BrowserlessSession.Page joined = visitor.post(link);
		assertThat(joined.status()).isEqualTo(200);
		assertThat(organisations.membershipsOf(invitee.id())).extracting(Membership::organisationId).containsExactly(org.id());
		assertThat(organisations.member(org.id(), invitee.id()).groupName()).isEqualTo("Canal site");

		// The link works once.
		assertThat(visitor.get(link).status()).isEqualTo(404);
		assertThat(visitor.post(link).status()).isEqualTo(404);
		assertThat(invitations.open(org.id())).isEmpty();
	}

	@Test
	void aBadEmailAddressIsExplainedAndNothingIsStored() {
		Orgs.Org org = Orgs.create(organisations, accounts, "Bad Invite Hub");
		BrowserlessSession admin = signedIn(org.admin());
		admin.get("/org/" + org.id() + "/invite");
		BrowserlessSession.Page page = admin.post("/org/" + org.id() + "/invitations", "email", "not an email");
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("There is a problem").contains("Enter an email address like name@example.org");
		assertThat(invitations.open(org.id())).isEmpty();
	}

	@Test
	void volunteersJoinWithTheCodeUntilItIsRotated() {
		Orgs.Org org = Orgs.create(organisations, accounts, "Code Hub");
		BrowserlessSession admin = signedIn(org.admin());
		String code = organisations.joinCode(org.id());
		assertThat(admin.get("/org/" + org.id() + "/invite").body()).contains(code).contains("/join/" + code);

		Account volunteer = Learners.register(accounts, "Volunteer", Nation.WALES, "en");
		BrowserlessSession v = signedIn(volunteer);
		// Typed in lower case with a space, as people do.
		BrowserlessSession.Page typed = v.get("/join?code=" + code.toLowerCase().replace("-", "+"));
		assertThat(typed.location()).endsWith("/join/" + code);
		assertThat(v.get("/join/" + code).body()).contains("Join Code Hub").contains("will see your name");
		assertThat(v.post("/join/" + code).body()).contains("You have joined Code Hub");
		assertThat(organisations.membershipsOf(volunteer.id())).extracting(Membership::role).containsExactly("LEARNER");

		admin.get("/org/" + org.id() + "/invite");
		admin.post("/org/" + org.id() + "/join-code");
		String newCode = organisations.joinCode(org.id());
		assertThat(newCode).isNotEqualTo(code);
		Account late = Learners.register(accounts, "Late", Nation.WALES, "en");
		BrowserlessSession l = signedIn(late);
		assertThat(l.get("/join/" + code).status()).isEqualTo(404);
		l.get("/join");
		assertThat(l.post("/join/" + code).status()).isEqualTo(404);
		assertThat(organisations.membershipsOf(late.id())).isEmpty();
	}

	private int invitationRows(long org) {
		return jdbc.sql("select count(*) from org_invitation where organisation_id = ?").param(org).query(Integer.class).single();
	}

	@Test
	void aCsvImportWithAnyBadLineStoresNothingAndListsEveryBadLine() {
		Orgs.Org org = Orgs.create(organisations, accounts, "Import Hub");
		organisations.createGroup(org.id(), "Canal site");
		String csv = String.join("\n", "Email,Name,Group", "good-" + UUID.randomUUID() + "@example.org,Good Person,Canal site",
				"not-an-email,Bad Email,", ",No Email,", "dup@example.org,First,", "DUP@example.org,Second,",
				"ok@example.org,Wrong Group,Moon base", "");
		Invitations.ImportResult result = invitations.importCsv(org.id(), csv.getBytes(StandardCharsets.UTF_8),
				org.admin().id());
		assertThat(result.ok()).isFalse();
		assertThat(result.errors()).extracting(Invitations.ImportError::line).containsExactly(3L, 4L, 6L, 7L);
		assertThat(result.errors()).extracting(Invitations.ImportError::messageKey)
			.containsExactly("org.import.email.invalid", "org.import.email.missing", "org.import.email.repeated",
					"org.import.group.unknown");
		assertThat(invitationRows(org.id())).as("all or nothing: nothing stored").isZero();

		// The page lists each bad line, by number, in words.
		BrowserlessSession admin = signedIn(org.admin());
		admin.get("/org/" + org.id() + "/invite");
		BrowserlessSession.Page page = admin.postMultipart("/org/" + org.id() + "/import", "file", "volunteers.csv",
				csv.getBytes(StandardCharsets.UTF_8));
		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Nobody was invited")
			.contains("Line 3: “not-an-email” is not an email address")
			.contains("Line 4: the email address is missing")
			.contains("Line 6: DUP@example.org is also on line 5")
			.contains("Line 7: there is no group called “Moon base”");
		assertThat(invitationRows(org.id())).isZero();
	}

	@Test
	void aGoodCsvImportInvitesEveryoneAndSkipsMembers() throws Exception {
		Orgs.Org org = Orgs.create(organisations, accounts, "Good Import Hub");
		organisations.createGroup(org.id(), "Canal site");
		String a = "a-" + UUID.randomUUID() + "@example.org";
		String b = "b-" + UUID.randomUUID() + "@example.org";
		String csv = "\uFEFFname,email,group\r\n\"Jones, Siân\"," + a + ",canal site\r\nBryn," + b + ",\r\nThe Admin,"
				+ org.admin().email() + ",\r\n";
		BrowserlessSession admin = signedIn(org.admin());
		admin.get("/org/" + org.id() + "/invite");
		BrowserlessSession.Page page = admin.postMultipart("/org/" + org.id() + "/import", "file", "volunteers.csv",
				csv.getBytes(StandardCharsets.UTF_8));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Invited 2 people. 1 were already members.");
		assertThat(admin.get("/files/volunteers-template.csv").body()).startsWith("email,name,group");
		assertThat(invitations.open(org.id())).extracting(Invitation::email).containsExactlyInAnyOrder(a, b);
		assertThat(invitations.open(org.id())).filteredOn(i -> i.email().equals(a))
			.extracting(Invitation::groupName, Invitation::displayName)
			.containsExactly(tuple("Canal site", "Jones, Siân"));
		assertThat(awaitMailTo(a)).hasSize(1);
		assertThat(awaitMailTo(b)).hasSize(1);
		assertThat(GreenMailUtil.getBody(mailTo(a)[0])).contains("Good Import Hub");
	}

	@Test
	void theFileMustNameAnEmailColumn() {
		Orgs.Org org = Orgs.create(organisations, accounts, "Headerless Hub");
		Invitations.ImportResult result = invitations.importCsv(org.id(),
				"someone@example.org,Someone\n".getBytes(StandardCharsets.UTF_8), org.admin().id());
		assertThat(result.errors()).extracting(Invitations.ImportError::line, Invitations.ImportError::messageKey)
			.containsExactly(tuple(1L, "org.import.noEmailColumn"));
		assertThat(invitations.importCsv(org.id(), new byte[] { (byte) 0xC3, (byte) 0x28 }, org.admin().id()).errors())
			.extracting(Invitations.ImportError::messageKey).containsExactly("org.import.notUtf8");
		assertThat(invitationRows(org.id())).isZero();
	}


	@Test
	void formMistakesOnOrganisationPagesAreExplainedAndStoreNothing() {
		Orgs.Org org = Orgs.create(organisations, accounts, "Mistakes Hub");
		BrowserlessSession admin = signedIn(org.admin());
		admin.get("/org/" + org.id() + "/members");
		BrowserlessSession.Page blankGroup = admin.post("/org/" + org.id() + "/groups", "name", "  ");
		assertThat(blankGroup.status()).isEqualTo(400);
		assertThat(blankGroup.body()).contains("Enter a group name");
		assertThat(organisations.groups(org.id())).isEmpty();

		admin.get("/org/" + org.id() + "/assignments");
		BrowserlessSession.Page badDate = admin.post("/org/" + org.id() + "/assignments", "courseId", "first-steps",
				"dueOn", "31/02/2030");
		assertThat(badDate.status()).isEqualTo(400);
		assertThat(badDate.body()).contains("Enter the date to complete by");
		admin.get("/org/" + org.id() + "/members");
		BrowserlessSession.Page lastAdmin = admin.post("/org/" + org.id() + "/members/" + org.admin().id() + "/role",
				"role", "LEARNER");
		assertThat(lastAdmin.status()).isEqualTo(400);
		assertThat(lastAdmin.body()).contains("needs at least one admin");
		assertThat(organisations.isAdmin(org.id(), org.admin().id())).isTrue();
	}

}
