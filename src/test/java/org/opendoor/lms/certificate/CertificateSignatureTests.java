package org.opendoor.lms.certificate;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.certificate.internal.IssuerKeys;
import org.opendoor.lms.certificate.internal.PdfSigner;
import org.opendoor.lms.support.TestKeystore;
import org.opendoor.lms.support.VeraPdf;
import org.springframework.mock.env.MockEnvironment;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed certificate verifies against the issuer's certificate and is still PDF/A-2b and PDF/UA-1. */
class CertificateSignatureTests {

	static final IssuerKeys KEYS = new IssuerKeys(null, new MockEnvironment(), TestKeystore.path(), TestKeystore.PASSWORD, "");

	@Test
	void theSignatureVerifiesAndTheDocumentStaysArchivalAndAccessible() throws Exception {
		byte[] unsigned = CertificateRendererTests.RENDERER.render(CertificateRendererTests.content("Ffion Ŵyn-Jones", "en"));
		byte[] signed = new PdfSigner(KEYS).sign(unsigned, "Demo Community Hub", "Certificate of completion",
				Instant.parse("2026-11-23T10:00:00Z"));
		assertThat(VeraPdf.failures(signed, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(VeraPdf.failures(signed, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(verifies(signed)).isTrue();

		byte[] tampered = signed.clone();
		int at = indexOf(tampered, "Ffion".getBytes());
		tampered[at + 1] ^= 1;
		assertThat(verifies(tampered)).as("a changed byte breaks the signature").isFalse();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i < haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		// The name is in compressed streams; change a byte inside the first signed range instead.
		return 200;
	}

	static boolean verifies(byte[] pdf) throws IOException {
		return verifies(pdf, KEYS.certificate());
	}

	/** Whether the PDF's one signature verifies with the given signing certificate. */
	static boolean verifies(byte[] pdf, X509Certificate expected) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			List<PDSignature> signatures = doc.getSignatureDictionaries();
			assertThat(signatures).hasSize(1);
			PDSignature signature = signatures.get(0);
			assertThat(signature.getSubFilter()).isEqualTo("adbe.pkcs7.detached");
			byte[] signedContent = signature.getSignedContent(pdf);
			// /Contents is padded with zeros after the DER signature: read exactly one DER object.
			try (org.bouncycastle.asn1.ASN1InputStream der = new org.bouncycastle.asn1.ASN1InputStream(signature.getContents(pdf))) {
				return verifies(new CMSSignedData(new CMSProcessableByteArray(signedContent),
						org.bouncycastle.asn1.cms.ContentInfo.getInstance(der.readObject())), expected);
			}
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static boolean verifies(CMSSignedData cms, X509Certificate expected) throws Exception {
		SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
		X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates().getMatches(signer.getSID()).iterator().next();
		return java.util.Arrays.equals(holder.getEncoded(), expected.getEncoded())
				&& signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(expected));
	}

}
