package org.opendoor.lms.certificate;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.VeraPdf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each certificate comes with an Open Badges 3.0 credential as a VC-JWT, signed with the issuer's key
 * whose public JWK is published; the PDF/A-3 variant carries it as an associated file.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class OpenBadgeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	org.opendoor.lms.certificate.internal.IssuerKeys issuerKeys;

	@Test
	@SuppressWarnings("unchecked")
	void theBadgeIsASignedOpenBadgeCredentialWithTheRequiredFields() throws Exception {
		Account learner = Learners.register(accounts, "Catrin Ŵyn", Nation.WALES, "en");
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Certificate certificate = certificates.of(learner.id()).get(0);
		SignedInUser me = Learners.as(learner);

		String jwt = mvc.perform(get("/certificates/" + certificate.code() + "/badge").with(user(me)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		String jwks = mvc.perform(get("/issuer/jwks.json")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		SignedJWT signed = SignedJWT.parse(jwt);
		RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(signed.getHeader().getKeyID());
		assertThat(key).as("the signing key is published under the JWT's kid").isNotNull();
		assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(signed.verify(new RSASSAVerifier(key))).isTrue();

		var claims = signed.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080/issuer");
		assertThat(claims.getJWTID()).isEqualTo("http://localhost:8080/verify/" + certificate.code());
		assertThat(claims.getExpirationTime()).isNotNull();
		assertThat(claims.getNotBeforeTime()).isNotNull();
		Map<String, Object> vc = claims.getJSONObjectClaim("vc");
		assertThat((List<String>) vc.get("@context")).containsExactly("https://www.w3.org/ns/credentials/v2",
				"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
		assertThat((List<String>) vc.get("type")).contains("VerifiableCredential", "OpenBadgeCredential");
		assertThat(((Map<String, Object>) vc.get("issuer")).get("id")).isEqualTo(claims.getIssuer());
		assertThat(vc.get("validFrom")).isEqualTo(certificate.content().issuedOn() + "T00:00:00Z");
		Map<String, Object> subject = (Map<String, Object>) vc.get("credentialSubject");
		assertThat((List<String>) subject.get("type")).contains("AchievementSubject");
		Map<String, Object> achievement = (Map<String, Object>) subject.get("achievement");
		assertThat((List<String>) achievement.get("type")).contains("Achievement");
		assertThat(achievement.get("name")).isEqualTo("First steps: listening and signposting");
		assertThat(((Map<String, Object>) achievement.get("criteria")).get("narrative")).asString().isNotBlank();
		assertThat(jwt).as("kept as issued").isEqualTo(certificates.badge(certificate.id()));

		byte[] pdf = mvc.perform(get("/certificates/" + certificate.code() + "/pdfa3").with(user(me)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_3_B)).isEmpty();
		assertThat(CertificateSignatureTests.verifies(pdf, issuerKeys.certificate())).isTrue();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(embedded(pdf)).isEqualTo(jwt);
	}

	private static String embedded(byte[] pdf) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			PDComplexFileSpecification spec = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
				.get("open-badge-credential.jwt");
			assertThat(spec.getCOSObject().getNameAsString("AFRelationship")).isEqualTo("Supplement");
			return new String(spec.getEmbeddedFile().toByteArray(), java.nio.charset.StandardCharsets.US_ASCII);
		}
	}

}
