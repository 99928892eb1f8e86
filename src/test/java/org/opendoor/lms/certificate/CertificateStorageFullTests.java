package org.opendoor.lms.certificate;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.certificate.internal.CertificateStore;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;

/**
 * Certificate storage full. PDFs are kept in the database ({@code certificate.pdf}), so the lowest boundary
 * the test can fail is the statement that stores one: {@link CertificateStore#storePdf} throws what Spring
 * makes of PostgreSQL's "could not extend file: No space left on device" (a resource failure; nothing is
 * written). The pass and the certificate row (written with the pass) are kept; the learner is told, in
 * their language, that the certificate is being prepared; nothing half-stored; once storage works the
 * retry job draws it and the download works.
 */
// no demo volunteers: the completed one's certificate would be drawn by a background job while the test
// stubs the store, and Mockito cannot stub a spy that another thread is calling
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "lms.demo.volunteers=false")
@ActiveProfiles({ "demo", "test" })
class CertificateStorageFullTests {

	@LocalServerPort
	int port;

	@MockitoSpyBean
	CertificateStore store;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void storageWorksAgain() {
		Mockito.reset(store);
	}

	@Test
	void aPassWhoseCertificateCannotBeStoredIsKeptTheLearnerIsToldAndTheCertificateFollows() {
		Mockito.doThrow(new DataAccessResourceFailureException(
				"could not extend file \"base/16384/16500\": No space left on device"))
			.when(store)
			.storePdf(anyLong(), any(), anyString());
		Account english = Learners.register(accounts, "Sam Storage", Nation.ENGLAND, "en");
		Account welsh = Learners.register(accounts, "Siân Storio", Nation.WALES, "cy");
		Learners.takeFirstStepsAssessment(attempts, english, true);
		Learners.takeFirstStepsAssessment(attempts, welsh, true);

		for (Account learner : List.of(english, welsh)) {
			List<Certificate> held = certificates.of(learner.id());
			assertThat(held).as("the pass issued its certificate").hasSize(1);
			assertThat(held.get(0).status()).isEqualTo("VALID");
			assertThat(held.get(0).pdfSha256()).as("no hash without a PDF").isNull();
			assertThat(jdbc.sql("select count(*) from certificate where id = ? and pdf is null and pdf_sha256 is null")
				.param(held.get(0).id())
				.query(Integer.class)
				.single()).as("nothing half-stored").isEqualTo(1);
		}
		assertThat(jdbc.sql("select count(*) from attempt where learner_id in (?, ?) and status = 'PASSED'")
			.params(english.id(), welsh.id())
			.query(Integer.class)
			.single()).as("both passes are recorded").isEqualTo(2);

		String preparingEn = "Your certificate is being prepared.";
		String preparingCy = "Mae eich tystysgrif yn cael ei pharatoi.";
		checkPending(english, preparingEn);
		checkPending(welsh, preparingCy);

		Mockito.reset(store);
		certificates.renderPending();

		for (Account learner : List.of(english, welsh)) {
			Certificate c = certificates.of(learner.id()).get(0);
			assertThat(c.pdfSha256()).as("the retry job drew and stored it").isNotNull();
			BrowserlessSession browser = new BrowserlessSession(port);
			browser.signIn(learner.email(), Learners.PASSWORD);
			assertThat(browser.get("/certificates").body()).doesNotContain(preparingEn).doesNotContain(preparingCy);
			byte[] pdf = browser.download("/certificates/" + c.code() + "/pdf");
			assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		}
	}

	private void checkPending(Account learner, String preparing) {
		Certificate c = certificates.of(learner.id()).get(0);
		BrowserlessSession browser = new BrowserlessSession(port);
		browser.signIn(learner.email(), Learners.PASSWORD);
		assertThat(browser.get("/certificates").body()).contains(preparing);
		BrowserlessSession.Page download = browser.get("/certificates/" + c.code() + "/pdf");
		assertThat(download.status()).as("try again later, not a server error").isEqualTo(503);
		assertThat(download.body()).contains(preparing).doesNotContain("Exception").doesNotContain("No space left");
		BrowserlessSession.Page verify = new BrowserlessSession(port).get("/verify/" + c.code());
		assertThat(verify.status()).isEqualTo(200);
		assertThat(verify.body()).doesNotContain("Exception");
		assertThat(jdbc.sql("select count(*) from certificate where id = ? and pdf is null").param(c.id())
			.query(Integer.class)
			.single()).as("still nothing half-stored").isEqualTo(1);
	}

}
