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

	@Test
	void expiryRemindersAreSentOnceAndNotAfterRenewal() throws Exception {
		Account learner = accounts.register(new Registration("Rhodri", UUID.randomUUID() + "@example.org",
				"long enough password", Nation.WALES, "en"));
		pass(learner);
		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		smtp.purgeEmailFromAllMailboxes();
		java.time.LocalDate expires = certificates.of(learner.id()).get(0).content().expiresOn();
		assertThat(mailer.remindExpiring(expires.minusDays(120))).as("too early").isZero();
		assertThat(mailer.remindExpiring(expires.minusDays(30))).isEqualTo(1);
		assertThat(mailer.remindExpiring(expires.minusDays(29))).as("once only").isZero();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Your certificate for First steps: listening and signposting expires soon");
		assertThat(GreenMailUtil.getBody(received[0])).contains("valid until " + expires).contains("/courses");

		Account renewer = accounts.register(new Registration("Nia", UUID.randomUUID() + "@example.org",
				"long enough password", Nation.WALES, "en"));
		pass(renewer);
		java.time.LocalDate firstExpiry = certificates.of(renewer.id()).get(0).content().expiresOn();
		pass(renewer);
		assertThat(certificates.of(renewer.id())).hasSize(2);
		assertThat(mailer.remindExpiring(firstExpiry.minusDays(30))).as("only the newest certificate is chased").isEqualTo(1);
	}

	@Test
	void passingSendsTheCertificateOnceWithThePdfAttached() throws Exception {
		String email = UUID.randomUUID() + "@example.org";
		Account learner = accounts.register(new Registration("Eluned Morgan", email, "long enough password", Nation.WALES, "en"));
		pass(learner);

		assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
		assertThat(mailer.sendPending()).as("nothing left to send").isZero();
		assertThat(mailer.sendPending()).isZero();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
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
