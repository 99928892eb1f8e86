package org.opendoor.lms.certificate;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.VeraPdf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Passing a course issues one certificate: downloadable by its owner only, the same bytes every time,
 * veraPDF-clean, verifiable by anyone without personal data; revocation and reissue are audited.
 */
@SpringBootTest(properties = "lms.certificate.verify-requests-per-minute=1000")
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class CertificateIssueTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	CourseCatalogue catalogue;

	@Autowired
	org.opendoor.lms.certificate.internal.IssuerKeys issuerKeys;

	private Account learner(String name) {
		return Learners.register(accounts, name, Nation.WALES, "en");
	}

	private static SignedInUser as(Account a) {
		return Learners.as(a);
	}

	private UUID takeAssessment(Account learner, boolean pass) {
		return Learners.takeFirstStepsAssessment(attempts, learner, pass);
	}

	@Test
	void passingIssuesOneVerifiableArchivalCertificate() throws Exception {
		Account learner = learner("Gwenllian ap Rhys");
		takeAssessment(learner, true);
		List<Certificate> mine = certificates.of(learner.id());
		assertThat(mine).hasSize(1);
		Certificate certificate = mine.get(0);
		assertThat(certificate.code()).matches("[A-Z0-9]{4}(-[A-Z0-9]{4}){4}");
		assertThat(certificate.content().learnerName()).isEqualTo("Gwenllian ap Rhys");
		assertThat(certificate.content().expiresOn()).isEqualTo(certificate.content().issuedOn().plusMonths(36));

		String list = mvc.perform(get("/certificates").with(user(as(learner)))).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("First steps: listening and signposting").contains(certificate.code());
		java.time.format.DateTimeFormatter people = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK);
		assertThat(list).as("dates for people, and what the .jwt badge is for")
			.contains("Issued on " + certificate.content().issuedOn().format(people) + ", valid until "
					+ certificate.content().expiresOn().format(people))
			.doesNotContain(certificate.content().issuedOn().toString())
			.contains("its name ends in .jwt");
		Account welsh = Learners.register(accounts, "Nia", Nation.WALES, "cy");
		takeAssessment(welsh, true);
		Certificate hers = certificates.of(welsh.id()).get(0);
		String rhestr = mvc.perform(get("/certificates").with(user(as(welsh)))).andReturn().getResponse().getContentAsString();
		assertThat(rhestr).contains("Cyhoeddwyd ar " + hers.content().issuedOn().format(
				java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("cy"))));

		MvcResult first = mvc.perform(get("/certificates/" + certificate.code() + "/pdf").with(user(as(learner))))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(first.getResponse().getContentType()).isEqualTo("application/pdf");
		byte[] pdf = first.getResponse().getContentAsByteArray();
		byte[] again = mvc.perform(get("/certificates/" + certificate.code() + "/pdf").with(user(as(learner))))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(again).isEqualTo(pdf);
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(CertificateSignatureTests.verifies(pdf, issuerKeys.certificate())).as("signed by the issuer").isTrue();

		String verify = mvc.perform(get("/verify/" + certificate.code())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(verify).contains("This certificate is valid.")
			.contains("Gwenllian ap Rhys")
			.contains("First steps: listening and signposting")
			.contains("Knowing when to signpost")
			.contains(Certificates.sha256(pdf))
			.doesNotContain(learner.email())
			.doesNotContain("/profile");
		mvc.perform(get("/verify").param("code", certificate.code().toLowerCase()))
			.andExpect(status().is3xxRedirection());

		takeAssessment(learner, false);
		assertThat(certificates.of(learner.id())).as("a fail issues nothing").hasSize(1);
	}

	@Test
	void onlyTheOwnerCanDownloadACertificate() throws Exception {
		Account owner = learner("Owner");
		takeAssessment(owner, true);
		String code = certificates.of(owner.id()).get(0).code();
		mvc.perform(get("/certificates/" + code + "/pdf").with(user(as(learner("Other"))))).andExpect(status().isNotFound());
		mvc.perform(get("/certificates/" + code + "/pdf")).andExpect(status().is3xxRedirection());
	}

	@Test
	void anUnknownCodeSaysSoWithoutError() throws Exception {
		String html = mvc.perform(get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE")).andExpect(status().isNotFound())
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("No certificate has this code");
	}

	@Test
	void revokeAndReissueAreAuditedAndShownOnTheVerifyPage() throws Exception {
		Account learner = learner("Jon Smiht");
		takeAssessment(learner, true);
		Certificate original = certificates.of(learner.id()).get(0);
		Account admin = accounts.create(new Registration("Admin", UUID.randomUUID() + "@example.org",
				"long enough password", Nation.ENGLAND, "en"), EnumSet.of(Role.ADMIN));
		mvc.perform(post("/admin/certificates/" + original.id() + "/reissue").param("reason", "")
			.with(user(as(admin))).with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/certificates/" + original.id() + "/reissue").param("reason", "typo")
			.with(user(as(learner))).with(csrf())).andExpect(status().isForbidden());
		accounts.updateProfile(learner.id(), new org.opendoor.lms.account.ProfileUpdate("Jon Smith", Nation.WALES, "en"));
		mvc.perform(post("/admin/certificates/" + original.id() + "/reissue").param("reason", "Name misspelt")
			.with(user(as(admin))).with(csrf())).andExpect(status().is3xxRedirection());

		List<Certificate> now = certificates.of(learner.id());
		assertThat(now).hasSize(2);
		Certificate fresh = now.get(0);
		assertThat(fresh.content().learnerName()).isEqualTo("Jon Smith");
		assertThat(fresh.content().issuedOn()).isEqualTo(original.content().issuedOn());
		assertThat(certificates.auditTrail(original.id())).containsExactly("ISSUED", "REVOKED");
		assertThat(certificates.auditTrail(fresh.id())).containsExactly("REISSUED");
		assertThat(mvc.perform(get("/verify/" + original.code())).andReturn().getResponse().getContentAsString())
			.contains("This certificate has been revoked.").contains("Name misspelt");
		assertThat(mvc.perform(get("/verify/" + fresh.code())).andReturn().getResponse().getContentAsString())
			.contains("This certificate is valid.").contains("Jon Smith");
		String adminPage = mvc.perform(get("/admin/certificates").with(user(as(admin)))).andReturn().getResponse()
			.getContentAsString();
		assertThat(adminPage).contains(fresh.code()).contains(original.code());
	}

	@Test
	void aCertificatePastItsExpiryDateShowsAsExpired() {
		CertificateContent c = new CertificateContent("X", "N", "C", "1", List.of(), 60, LocalDate.of(2020, 1, 1),
				LocalDate.of(2023, 1, 1), "O", "u", "en");
		assertThat(new Certificate(1, "X", 1, c, "VALID", null, null).state(LocalDate.of(2023, 1, 2))).isEqualTo("expired");
		assertThat(new Certificate(1, "X", 1, c, "VALID", null, null).state(LocalDate.of(2022, 12, 31))).isEqualTo("valid");
		assertThat(new Certificate(1, "X", 1, c, "REVOKED", null, null).state(LocalDate.of(2022, 1, 1))).isEqualTo("revoked");
	}

	@Test
	void codesCarryAtLeastEightyBitsAndDoNotRepeat() {
		Map<String, Boolean> seen = new HashMap<>();
		java.util.Set<Character> alphabet = new java.util.HashSet<>();
		for (int i = 0; i < 2000; i++) {
			String code = certificates.newCode();
			assertThat(code.replace("-", "")).hasSize(20);
			assertThat(seen.put(code, true)).isNull();
			code.replace("-", "").chars().forEach(ch -> alphabet.add((char) ch));
		}
		// 20 characters drawn from all 32 letters of the alphabet: 100 bits.
		assertThat(alphabet).hasSize(32);
	}

}
