package org.opendoor.lms.startup;

import java.util.Arrays;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.certificate.Certificate;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Invitations;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.Orgs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every absolute link the app hands out starts with the one configured public address, whatever address a
 * request came in on: the certificate's verify link and its QR code, the certificate email and an
 * invitation email (through a real SMTP server).
 */
@SpringBootTest(properties = { "lms.public-url=https://learn.example.org/", "spring.mail.host=127.0.0.1",
		"spring.mail.port=3025" })
@ActiveProfiles({ "demo", "test" })
class PublicAddressTests {

	private static final String SITE = "https://learn.example.org";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	Organisations organisations;

	@Autowired
	Invitations invitations;

	private static MimeMessage awaitMailTo(String email) throws InterruptedException {
		long end = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < end) {
			var found = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
				try {
					return m.getAllRecipients()[0].toString().equals(email);
				}
				catch (MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}).findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no email to " + email);
	}

	@Test
	void theCertificateItsQrCodeAndItsEmailCarryTheConfiguredAddress() throws Exception {
		String email = UUID.randomUUID() + "@example.org";
		Account learner = accounts.register(new Registration("Catrin", email, Learners.PASSWORD, Nation.WALES, "en"));
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Certificate certificate = certificates.of(learner.id()).get(0);
		String verify = SITE + "/verify/" + certificate.code();
		assertThat(certificate.content().verifyUrl()).isEqualTo(verify);

		try (PDDocument doc = Loader.loadPDF(certificates.pdf(certificate.id()))) {
			java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 150);
			String qr = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
					new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(page))))
				.getText();
			assertThat(qr).isEqualTo(verify);
		}
		assertThat(GreenMailUtil.getBody(awaitMailTo(email)).replace("=\r\n", "")).contains(verify);
	}

	@Test
	void anInvitationEmailLinksToTheConfiguredAddress() throws Exception {
		Orgs.Org org = Orgs.create(organisations, accounts, "Address Hub");
		String email = "invitee-" + UUID.randomUUID() + "@example.org";
		invitations.invite(org.id(), email, "Gwen", null, org.admin().id());
		String body = GreenMailUtil.getBody(awaitMailTo(email)).replace("=\r\n", "");
		assertThat(body).containsPattern(java.util.regex.Pattern.quote(SITE) + "/invitations/[A-Za-z0-9_-]+")
			.doesNotContain("localhost");
	}

	@Test
	void theOlderSettingsStillNameTheAddress() {
		for (String alias : PublicAddress.ALIASES) {
			MockEnvironment environment = new MockEnvironment().withProperty(alias, "https://old.example.org");
			new PublicAddress.Aliases().postProcessEnvironment(environment, null);
			assertThat(new PublicAddress(environment).url()).as(alias).isEqualTo("https://old.example.org");
		}
		MockEnvironment both = new MockEnvironment().withProperty(PublicAddress.SETTING, "https://new.example.org")
			.withProperty("lms.certificate.base-url", "https://old.example.org");
		new PublicAddress.Aliases().postProcessEnvironment(both, null);
		assertThat(new PublicAddress(both).url()).isEqualTo("https://new.example.org");
		assertThat(both.getProperty("lms.xapi.site-url")).as("activity ids follow the one setting")
			.isEqualTo("https://new.example.org");
	}

}
