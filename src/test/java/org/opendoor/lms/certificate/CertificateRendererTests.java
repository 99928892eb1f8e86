package org.opendoor.lms.certificate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendoor.lms.certificate.internal.CertificateRenderer;
import org.opendoor.lms.certificate.internal.CertificateTemplate;
import org.opendoor.lms.support.VeraPdf;
import org.verapdf.pdfa.flavours.PDFAFlavour;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificates are PDF/A-2b and PDF/UA-1 with zero failed rules, extract exactly, and print any name safely. */
class CertificateRendererTests {

	static final CertificateRenderer RENDERER = new CertificateRenderer(CertificateTemplate.read(Path.of("certificates/default.yaml")));

	static CertificateContent content(String name, String language) {
		return new CertificateContent("ABCD-EFGH-JKMN-PQRS-TVWX", name, "Mental health awareness for community hub leaders",
				"1.0.0", List.of("Why community matters", "Open-door conversations", "Signposting thresholds",
						"Looking after yourself and your team"),
				120, LocalDate.of(2026, 11, 23), LocalDate.of(2029, 11, 23), "Demo Community Hub",
				"http://localhost:8080/verify/ABCD-EFGH-JKMN-PQRS-TVWX", language);
	}

	static String text(byte[] pdf) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc);
		}
	}

	@Test
	void aCertificateIsPdfA2bAndPdfUa1WithZeroFailedRules() {
		byte[] pdf = RENDERER.render(content("Ffion Ŵyn-Jones", "en"));
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
	}

	@Test
	void itsTextExtractsExactlyWithNoLigatures() throws IOException {
		String text = text(RENDERER.render(content("Ffion Ŵyn-Jones", "en")));
		assertThat(text).contains("Certificate of completion")
			.contains("This certifies that")
			.contains("Ffion Ŵyn-Jones")
			.contains("Mental health awareness for community hub leaders")
			.contains("Version 1.0.0")
			.contains("Why community matters · Open-door conversations · Signposting thresholds · Looking after yourself and your team")
			.contains("About 2 hours of learning")
			.contains("Issued by")
			.contains("Demo Community Hub")
			.contains("Date of issue")
			.contains("23 November 2026")
			.contains("This is an awareness course. It does not qualify anyone to diagnose or treat.")
			.contains("Valid until 23 November 2029")
			.contains("Verification code: ABCD-EFGH-JKMN-PQRS-TVWX")
			.contains("http://localhost:8080/verify/ABCD-EFGH-JKMN-PQRS-TVWX")
			.doesNotContain("\uFB01");
	}

	@Test
	void theSameContentGivesTheSameBytes() {
		assertThat(RENDERER.render(content("Siân", "en"))).isEqualTo(RENDERER.render(content("Siân", "en")));
	}

	@Test
	void welshCertificatesUseTheWelshTexts() throws IOException {
		byte[] pdf = RENDERER.render(content("Dafydd ap Gwŷn", "cy"));
		assertThat(text(pdf)).contains("Tystysgrif cwblhau").contains("Dafydd ap Gwŷn").contains("23 Tachwedd 2026")
			.contains("Tua 2 awr o ddysgu").contains("Cyhoeddwyd gan").contains("Demo Community Hub")
			.contains("Dyddiad cyhoeddi").contains("Nid yw'n rhoi cymhwyster i neb wneud diagnosis na thrin")
			.doesNotContain("Issued");
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Siobhán O'Brien-Ní Dhuibhir", "Σωκράτης Παπαδόπουλος", "Анна Ковальчук", "Łukasz Żółć",
			"Nguyễn Thị Ánh", "<b>Bold</b> & \"quoted\"", "Ali 😀 Smith", "محمد علي", "דוד כהן", "Tab\there\u0000and\u0007bell",
			"王小明", "Zoë\u200Bwidth" })
	void anyNameGivesAValidCertificateAndNeverAQuestionMark(String name) throws IOException {
		byte[] pdf = RENDERER.render(content(name, "en"));
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		String printed = RENDERER.printable(name);
		assertThat(printed).doesNotContain("?").isNotBlank();
		// Text extraction applies the bidirectional algorithm again, giving right-to-left names back in logical order.
		assertThat(text(pdf)).containsAnyOf(printed, name);
	}

	@Test
	void aVeryLongNameShrinksToFitAndStaysValid() throws IOException {
		String name = "Bartholomew ".repeat(25).strip();
		assertThat(name.length()).isGreaterThan(290);
		byte[] pdf = RENDERER.render(content(name, "en"));
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_B)).isEmpty();
		assertThat(text(pdf).replaceAll("\\s+", " ")).contains(name);
	}

	@Test
	void charactersOutsideTheFontsDegradeAsDocumented() {
		assertThat(RENDERER.printable("Ŵyn ŷ Ærø")).isEqualTo("Ŵyn ŷ Ærø");
		assertThat(RENDERER.printable("Tab\there\u0000bell\u0007")).isEqualTo("Tab herebell");
		assertThat(RENDERER.printable("Ali 😀 Smith")).isEqualTo("Ali \u25A1 Smith");
		assertThat(RENDERER.printable("Ali 🦄 Smith")).isEqualTo("Ali \u25A1 Smith");
		assertThat(RENDERER.printable("王小明")).isEqualTo("\u25A1\u25A1\u25A1");
		assertThat(RENDERER.printable("דוד כהן")).isEqualTo("ןהכ דוד");
	}

	@Test
	void aLongOrganisationNameShrinksToItsColumnAndStaysValid() throws IOException {
		CertificateContent c = content("Siân Lloyd", "cy");
		String organisation = "Canolfan Gymunedol a Banc Bwyd Llanfair-ym-Muallt a’r Cylch (Elusen Gofrestredig)";
		byte[] pdf = RENDERER.render(new CertificateContent(c.code(), c.learnerName(), c.courseTitle(), c.courseVersion(),
				c.modules(), c.minutes(), c.issuedOn(), c.expiresOn(), organisation, c.verifyUrl(), c.language()));
		assertThat(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1)).isEmpty();
		assertThat(text(pdf).replaceAll("\\s+", " ")).contains(organisation).contains("Siân Lloyd");
	}

	@Test
	void theQrCodeOpensTheVerifyPage() throws Exception {
		byte[] pdf = RENDERER.render(content("Ffion", "en"));
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 150);
			com.google.zxing.Result result = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
					new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(page))));
			assertThat(result.getText()).isEqualTo("http://localhost:8080/verify/ABCD-EFGH-JKMN-PQRS-TVWX");
		}
	}

}
