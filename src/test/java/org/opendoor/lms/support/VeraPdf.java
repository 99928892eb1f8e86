package org.opendoor.lms.support;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** Validates a PDF with veraPDF and lists every failed rule. */
public final class VeraPdf {

	static {
		VeraGreenfieldFoundryProvider.initialise();
	}

	private VeraPdf() {
	}

	/** The failed rules for a flavour such as {@code PDFA_2_B} or {@code PDFUA_1}; empty when the PDF conforms. */
	public static List<String> failures(byte[] pdf, PDFAFlavour flavour) {
		try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour)) {
			PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false);
			ValidationResult result = validator.validate(parser);
			return result.getTestAssertions().stream()
				.filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
				.map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " " + a.getMessage()
						+ " at " + a.getLocation().getContext())
				.distinct()
				.toList();
		}
		catch (Exception ex) {
			throw new IllegalStateException("veraPDF could not validate the document: " + ex.getMessage(), ex);
		}
	}

}
