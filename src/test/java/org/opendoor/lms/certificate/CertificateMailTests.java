package org.opendoor.lms.certificate;

import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** A learner who passes gets their certificate by email exactly once, through a real SMTP server. */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025",
		"lms.certificate.mail-every=PT1H" })
@ActiveProfiles({ "demo", "test" })
class CertificateMailTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	CertificateMailer mailer;

	@Autowired
	Certificates certificates;

	private void pass(Account learner) {
		Learners.takeFirstStepsAssessment(attempts, learner, true);
	}

	/** The messages GreenMail holds for one address. */
	private static MimeMessage[] mailTo(String email) {
		return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(email);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(MimeMessage[]::new);
	}

	/** Waits (up to 10 s) for the certificate email to an address, which is sent off the request thread. */
	private static MimeMessage[] awaitMailTo(String email) throws InterruptedException {
		long end = System.currentTimeMillis() + 10_000;
		while (mailTo(email).length == 0 && System.currentTimeMillis() < end) {
			Thread.sleep(50);
		}
		return mailTo(email);
	}

	@Test
	void expiryRemindersAreSentOnceAndNotAfterRenewal() throws Exception {
		Account learner = accounts.register(new Registration("Rhodri", UUID.randomUUID() + "@example.org",
				"long enough password", Nation.WALES, "en"));
		pass(learner);
		assertThat(awaitMailTo(learner.email())).hasSize(1);
		smtp.purgeEmailFromAllMailboxes();
		java.time.LocalDate expires = certificates.of(learner.id()).get(0).content().expiresOn();
		assertThat(mailer.remindExpiring(expires.minusDays(120))).as("too early").isZero();
		assertThat(mailer.remindExpiring(expires.minusDays(30))).isGreaterThanOrEqualTo(1);
		assertThat(mailer.remindExpiring(expires.minusDays(29))).as("once only").isZero();
		MimeMessage[] received = mailTo(learner.email());
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Your certificate for First steps: listening and signposting expires soon");
		assertThat(GreenMailUtil.getBody(received[0])).contains("valid until " + expires).contains("/courses");

		Account renewer = accounts.register(new Registration("Nia", UUID.randomUUID() + "@example.org",
				"long enough password", Nation.WALES, "en"));
		pass(renewer);
		java.time.LocalDate firstExpiry = certificates.of(renewer.id()).get(0).content().expiresOn();
		pass(renewer);
		assertThat(certificates.of(renewer.id())).hasSize(2);
		awaitMailTo(renewer.email());
		mailer.remindExpiring(firstExpiry.minusDays(30));
		long reminders = java.util.Arrays.stream(mailTo(renewer.email())).filter(m -> {
			try {
				return m.getSubject().endsWith("expires soon");
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).count();
		assertThat(reminders).as("one reminder, for the newest certificate only").isEqualTo(1);
	}

	@Test
	void passingSendsTheCertificateOnceWithThePdfAttached() throws Exception {
		String email = UUID.randomUUID() + "@example.org";
		Account learner = accounts.register(new Registration("Eluned Morgan", email, "long enough password", Nation.WALES, "en"));
		pass(learner);

		MimeMessage[] received = awaitMailTo(email);
		mailer.sendPending();
		assertThat(mailer.sendPending()).as("nothing left to send").isZero();
		received = mailTo(email);
		assertThat(received).as("exactly one email to this learner").hasSize(1);
		MimeMessage message = received[0];
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
		assertThat(message.getSubject()).isEqualTo("Your certificate: First steps: listening and signposting");
		assertThat(GreenMailUtil.getBody(message)).contains("Eluned Morgan").contains("/verify/");
		MimeMultipart parts = (MimeMultipart) message.getContent();
		boolean pdf = false;
		for (int i = 0; i < parts.getCount(); i++) {
			pdf |= parts.getBodyPart(i).getContentType().startsWith("application/pdf");
		}
		assertThat(pdf).as("the PDF is attached").isTrue();
	}

}
