package org.opendoor.lms.learning;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.transform.stream.StreamSource;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.BrowserlessSession.Page;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.support.SharedSchemas;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Welsh-speaking volunteer does everything in Welsh: picks Cymraeg before signing in, registers (the
 * choice is kept), takes the sample course in Welsh, switches to English and back mid-course on the same
 * page, signs in again on another device in Welsh, and gets a Welsh certificate, email and learning records.
 * An admin downloads the Welsh package.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.mail.host=127.0.0.1", "spring.mail.port=3025", "lms.certificate.mail-every=PT1H" })
@ActiveProfiles({ "demo", "test" })
class WelshLearnerJourneyTests {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Test
	void aWelshSpeakerDoesEverythingInWelsh() throws Exception {
		BrowserlessSession browser = new BrowserlessSession(port);
		Page signIn = browser.follow("/");
		assertThat(signIn.body()).contains("<html lang=\"en\"").contains("lang=\"cy\"").contains(">Cymraeg<");

		// the switch on the sign-in page: a form, back to the same page, now in Welsh
		Page switched = browser.post("/language", "lang", "cy", "return", "/login");
		assertThat(switched.status()).isEqualTo(302);
		assertThat(switched.location()).endsWith("/login");
		assertThat(browser.get("/login").body()).contains("<html lang=\"cy\"").contains("Mewngofnodi").contains(">English<");

		// registration keeps the language chosen before registering
		Page form = browser.get("/register");
		assertThat(form.body()).containsPattern("id=\"language-cy\" value=\"cy\" checked");
		String email = "cymraeg-" + UUID.randomUUID() + "@example.org";
		assertThat(browser.post("/register", "displayName", "Gwenllian", "email", email, "password", Learners.PASSWORD,
				"nation", "WALES", "language", "cy").status()).isEqualTo(302);
		Account learner = accounts.findByEmail(email).orElseThrow();
		assertThat(learner.language()).isEqualTo("cy");

		browser.signIn(email, Learners.PASSWORD);
		Page catalogue = browser.follow("/courses");
		assertThat(catalogue.body()).contains("<html lang=\"cy\"").contains("Camau cyntaf: gwrando a chyfeirio");

		Page started = browser.post("/courses/first-steps/attempts");
		String attempt = started.location().substring(started.location().indexOf("/attempts/"));
		Page welcome = browser.follow(attempt);
		assertThat(browser.lastPath()).endsWith("/steps/lesson-welcome");
		assertThat(welcome.body()).contains("<html lang=\"cy\"").contains("<h1>Croeso</h1>")
			.contains("Mae pobl yn aml yn siarad").doesNotContain("People often talk");

		// mid-course switch to English: same attempt, same page
		String listening = attempt + "/steps/lesson-listening";
		assertThat(browser.get(listening).body()).contains("Gwrando heb geisio datrys");
		Page toEnglish = browser.post("/language", "lang", "en", "return", listening);
		assertThat(toEnglish.location()).endsWith(listening);
		Page english = browser.get(listening);
		assertThat(english.body()).contains("<html lang=\"en\"").contains("Listening without fixing")
			.contains("Good listening is simple").doesNotContain("Gwrando heb geisio datrys");
		assertThat(accounts.get(learner.id()).language()).as("remembered in the profile").isEqualTo("en");

		// answer a check in English, switch back: the answer is still there, explained in Welsh
		String check = attempt + "/steps/check-open-question";
		browser.get(check);
		Question q = attempts.view(learner.id(), UUID.fromString(attempt.substring("/attempts/".length())),
				"check-open-question").step().question();
		browser.post(check, "choice", q.correctKeys().iterator().next());
		assertThat(browser.get(check).body()).contains("It invites the person");
		browser.post("/language", "lang", "cy", "return", check);
		assertThat(browser.get(check).body()).contains("<html lang=\"cy\"").contains("Mae’n gwahodd y person")
			.containsPattern("value=\"" + q.correctKeys().iterator().next() + "\" checked");

		// sign out: the sign-in page stays Welsh; another device (no cookie) gets Welsh from the profile
		assertThat(browser.follow("/login").body()).contains("Mewngofnodi");
		browser.post("/logout");
		assertThat(browser.get("/login?signedOut").body()).contains("<html lang=\"cy\"");
		BrowserlessSession phone = new BrowserlessSession(port);
		phone.signIn(email, Learners.PASSWORD);
		assertThat(phone.follow("/courses").body()).contains("<html lang=\"cy\"").contains("Camau cyntaf");

		// pass the assessment: the result page, certificate, email and learning records are Welsh
		UUID attemptId = UUID.fromString(attempt.substring("/attempts/".length()));
		for (int n = 1; n <= 10; n++) {
			Set<String> right = attempts.view(learner.id(), attemptId, "assessment-" + n).step().question().correctKeys();
			attempts.answer(learner.id(), attemptId, "assessment-" + n, right);
		}
		phone.get(attempt + "/steps/result");
		phone.post(attempt + "/submit");
		assertThat(phone.get(attempt + "/steps/result").body()).contains("Rydych chi wedi pasio");

		String code = certificates.of(learner.id()).get(0).code();
		byte[] pdf = phone.download("/certificates/" + code + "/pdf");
		String printed;
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			printed = new PDFTextStripper().getText(doc);
		}
		assertThat(printed).contains("Tystysgrif cwblhau").contains("Camau cyntaf: gwrando a chyfeirio")
			.contains("Gwrando yn gyntaf").doesNotContain("First steps");

		MimeMessage mail = awaitMailTo(email);
		assertThat(mail.getSubject()).isEqualTo("Eich tystysgrif: Camau cyntaf: gwrando a chyfeirio");
		assertThat(mail.getHeader("Content-Language")[0]).isEqualTo("cy");

		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		String agent = "{\"account\":{\"homePage\":\"http://localhost:8080\",\"name\":\"" + learner.learnerRef() + "\"}}";
		JsonNode passed = lrs.get("/xapi/statements?verb=" + LrsClient.enc("http://adlnet.gov/expapi/verbs/passed")
				+ "&agent=" + LrsClient.enc(agent)).json().get("statements").get(0);
		assertThat(passed.get("context").get("language").asString()).isEqualTo("cy-GB");
		assertThat(passed.get("object").get("definition").get("name").get("cy-GB").asString())
			.isEqualTo("Camau cyntaf: gwrando a chyfeirio");
	}

	static final String FLAGSHIP_CY = "Ymwybyddiaeth iechyd meddwl i arweinwyr hybiau cymunedol";

	@Test
	void theWelshPackageIsWelshAndStillValid() throws Exception {
		BrowserlessSession admin = new BrowserlessSession(port);
		admin.signIn("admin@demo.opendoor.invalid", "demo-admin-pass");
		assertThat(admin.get("/admin/courses").body())
			.contains("/api/courses/first-steps/packages/scorm12?lang=cy")
			.contains("/api/courses/hub-leaders-mental-health-awareness/packages/scorm12?lang=cy");
		Map<String, byte[]> english = unzip(admin.download("/api/courses/first-steps/packages/scorm12"));
		assertThat(text(english, "index.html")).contains("<html lang=\"en-GB\">");
		assertThat(text(english, "course.js")).contains("First steps: listening and signposting");

		Map<String, byte[]> welsh = unzip(admin.download("/api/courses/first-steps/packages/scorm12?lang=cy"));
		String manifest = text(welsh, "imsmanifest.xml");
		assertThat(manifest).contains("<title>Camau cyntaf: gwrando a chyfeirio</title>")
			.contains("identifier=\"opendoor-first-steps-1-0-0-cy\"");
		assertThat(text(welsh, "index.html")).contains("<html lang=\"cy-GB\">").contains("Neidio i’r prif gynnwys")
			.contains("<title>Camau cyntaf: gwrando a chyfeirio</title>");
		assertThat(text(welsh, "course.js")).contains("Mae pobl yn aml yn siarad").contains("Cyflwyno fy atebion")
			.doesNotContain("People often talk");
		Map<String, byte[]> cmi5 = unzip(admin.download("/api/courses/first-steps/packages/cmi5?lang=cy"));
		assertThat(text(cmi5, "cmi5.xml")).contains("<langstring lang=\"cy-GB\">Camau cyntaf: gwrando a chyfeirio</langstring>");
		Map<String, byte[]> flagship = unzip(admin.download("/api/courses/hub-leaders-mental-health-awareness/packages/scorm2004?lang=cy"));
		assertThat(text(flagship, "imsmanifest.xml")).contains("<title>" + FLAGSHIP_CY + "</title>");
		SharedSchemas.scorm2004().newValidator()
			.validate(new StreamSource(new java.io.StringReader(text(flagship, "imsmanifest.xml"))));
		SharedSchemas.scorm12().newValidator().validate(new StreamSource(new java.io.StringReader(manifest)));
		SharedSchemas.cmi5().newValidator().validate(new StreamSource(new java.io.StringReader(text(cmi5, "cmi5.xml"))));
	}

	private static String text(Map<String, byte[]> files, String name) {
		assertThat(files).containsKey(name);
		return new String(files.get(name), StandardCharsets.UTF_8);
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				files.put(e.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	/** Waits (up to 10 s) for the certificate email, which is sent off the request thread. */
	private static MimeMessage awaitMailTo(String email) throws Exception {
		long end = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < end) {
			for (MimeMessage m : smtp.getReceivedMessages()) {
				if (m.getAllRecipients()[0].toString().equals(email)) {
					return m;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no email to the learner");
	}

}
