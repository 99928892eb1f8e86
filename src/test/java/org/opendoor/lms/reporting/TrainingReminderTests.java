package org.opendoor.lms.reporting;

import java.time.LocalDate;
import java.util.Arrays;
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
import org.opendoor.lms.account.Role;
import org.opendoor.lms.certificate.CertificateMailer;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Assignments;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders of overdue training and expiring certificates go through a real SMTP server once per person
 * per month, and the unsubscribe link in them is honoured by every reminder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "lms.organisation.invite-mail-every=PT1H" })
@ActiveProfiles({ "demo", "test" })
class TrainingReminderTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	private static final Pattern UNSUBSCRIBE = Pattern.compile("http://localhost:([0-9]+)(/unsubscribe/[0-9]+-[A-Za-z0-9_-]+)");

	@LocalServerPort
	int port;

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
	TrainingReminders reminders;

	@Autowired
	CertificateMailer certificateMailer;

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

	/** The training reminders (not certificate emails) sent to an address. */
	private static MimeMessage[] remindersTo(String email) {
		return Arrays.stream(mailTo(email)).filter(m -> {
			try {
				return m.getSubject().equals("Training reminder from Open Door")
						|| m.getSubject().equals("Nodyn atgoffa am hyfforddiant gan Open Door");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(MimeMessage[]::new);
	}

	private static String body(MimeMessage m) {
		return GreenMailUtil.getBody(m).replace("=\r\n", "");
	}

	private String unsubscribeLink(MimeMessage m) {
		Matcher matcher = UNSUBSCRIBE.matcher(body(m));
		assertThat(matcher.find()).as("the email has an unsubscribe link").isTrue();
		assertThat(matcher.group(1)).as("the link follows the port the demo runs on").isEqualTo(String.valueOf(port));
		return matcher.group(2);
	}

	@Test
	void overdueTrainingIsRemindedOncePerMonth() throws Exception {
		LocalDate today = LocalDate.now();
		Orgs.Org org = Orgs.create(organisations, accounts, "Reminder Hub");
		Account late = Orgs.member(organisations, accounts, org.id(), "Late Learner", null);
		Account done = Orgs.member(organisations, accounts, org.id(), "Done Learner", null);
		Learners.takeFirstStepsAssessment(attempts, done, true);
		assignments.assign(org.id(), "first-steps", null, today.minusDays(3), org.admin().id());

		reminders.remind(today);
		MimeMessage[] first = remindersTo(late.email());
		assertThat(first).hasSize(1);
		assertThat(first[0].getSubject()).isEqualTo("Training reminder from Open Door");
		assertThat(body(first[0])).contains("Late Learner")
			.contains("First steps: listening and signposting for Reminder Hub")
			.contains("it was due by " + today.minusDays(3))
			.contains("/unsubscribe/");
		assertThat(first[0].getHeader("List-Unsubscribe")[0]).contains("/unsubscribe/");
		assertThat(first[0].getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(remindersTo(done.email())).as("completed: nothing overdue").isEmpty();

		reminders.remind(today);
		reminders.remind(today.withDayOfMonth(today.lengthOfMonth()));
		assertThat(remindersTo(late.email())).as("one per person per month").hasSize(1);

		reminders.remind(today.plusMonths(1));
		assertThat(remindersTo(late.email())).as("next month, one more").hasSize(2);
	}

	@Test
	void certificatesExpiringWithinNinetyDaysAreReminded() throws Exception {
		Orgs.Org org = Orgs.create(organisations, accounts, "Expiry Hub");
		Account holder = Orgs.member(organisations, accounts, org.id(), "Holder", null);
		Learners.takeFirstStepsAssessment(attempts, holder, true);
		LocalDate expires = certificates.of(holder.id()).get(0).content().expiresOn();

		reminders.remind(expires.minusDays(91));
		assertThat(remindersTo(holder.email())).as("not yet").isEmpty();
		reminders.remind(expires.minusDays(60));
		MimeMessage[] received = remindersTo(holder.email());
		assertThat(received).hasSize(1);
		assertThat(body(received[0])).contains("your certificate expires on " + expires);

		// The certificate module's own expiry reminder carries the same unsubscribe link.
		certificateMailer.remindExpiring(expires.minusDays(30));
		MimeMessage expiry = Arrays.stream(mailTo(holder.email())).filter(m -> {
			try {
				return m.getSubject().endsWith("expires soon");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow();
		assertThat(unsubscribeLink(expiry)).isEqualTo(unsubscribeLink(received[0]));
		assertThat(expiry.getHeader("List-Unsubscribe")[0]).contains("/unsubscribe/");
	}

	@Test
	void theUnsubscribeLinkIsHonouredByEveryReminder() throws Exception {
		LocalDate today = LocalDate.now();
		Orgs.Org org = Orgs.create(organisations, accounts, "Unsubscribe Hub");
		Account learner = Orgs.member(organisations, accounts, org.id(), "Quiet Please", null);
		Account other = Orgs.member(organisations, accounts, org.id(), "Other Learner", null);
		assignments.assign(org.id(), "first-steps", null, today.minusDays(1), org.admin().id());
		reminders.remind(today);
		String link = unsubscribeLink(remindersTo(learner.email())[0]);

		// Opening the link (as a mail scanner would) changes nothing; it asks first.
		BrowserlessSession visitor = new BrowserlessSession(port);
		BrowserlessSession.Page ask = visitor.get(link);
		assertThat(ask.status()).isEqualTo(200);
		assertThat(ask.body()).contains("Stop reminder emails");
		assertThat(accounts.acceptsReminders(learner.id())).isTrue();

		// A mail client's one-click unsubscribe: a POST with no session and no CSRF token.
		BrowserlessSession mailClient = new BrowserlessSession(port);
		BrowserlessSession.Page done = mailClient.post(link, "List-Unsubscribe", "One-Click");
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("You will get no more reminder emails");
		assertThat(accounts.acceptsReminders(learner.id())).isFalse();
		assertThat(accounts.acceptsReminders(other.id())).isTrue();

		reminders.remind(today.plusMonths(1));
		assertThat(remindersTo(learner.email())).as("no reminders after unsubscribing").hasSize(1);
		assertThat(remindersTo(other.email())).hasSize(2);

		// The certificate module's expiry reminder honours it too.
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		LocalDate expires = certificates.of(learner.id()).get(0).content().expiresOn();
		certificateMailer.remindExpiring(expires.minusDays(30));
		assertThat(Arrays.stream(mailTo(learner.email())).filter(m -> {
			try {
				return m.getSubject().endsWith("expires soon");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		})).isEmpty();
	}

	@Test
	void aForgedOrAlteredUnsubscribeLinkDoesNothing() throws Exception {
		LocalDate today = LocalDate.now();
		Orgs.Org org = Orgs.create(organisations, accounts, "Forgery Hub");
		Account mine = Orgs.member(organisations, accounts, org.id(), "Mine", null);
		Account victim = Orgs.member(organisations, accounts, org.id(), "Victim", null);
		assignments.assign(org.id(), "first-steps", null, today.minusDays(1), org.admin().id());
		reminders.remind(today);
		String link = unsubscribeLink(remindersTo(mine.email())[0]);
		String signature = link.substring(link.indexOf('-') + 1);

		BrowserlessSession attacker = new BrowserlessSession(port);
		assertThat(attacker.post("/unsubscribe/" + victim.id() + "-" + signature).status()).isEqualTo(404);
		assertThat(attacker.get("/unsubscribe/" + victim.id() + "-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status())
			.isEqualTo(404);
		assertThat(attacker.get("/unsubscribe/nonsense").status()).isEqualTo(404);
		assertThat(accounts.acceptsReminders(victim.id())).isTrue();
		assertThat(accounts.acceptsReminders(mine.id())).isTrue();
	}

	@Test
	void welshSpeakersAreRemindedInWelsh() throws Exception {
		LocalDate today = LocalDate.now();
		Orgs.Org org = Orgs.create(organisations, accounts, "Canolfan");
		Account siân = Learners.register(accounts, "Siân", Nation.WALES, "cy");
		organisations.addMember(org.id(), siân.id(), Role.LEARNER, null);
		assignments.assign(org.id(), "first-steps", null, today.minusDays(1), org.admin().id());
		reminders.remind(today);
		MimeMessage[] received = remindersTo(siân.email());
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Nodyn atgoffa am hyfforddiant gan Open Door");
	}

}
