package org.opendoor.lms.certificate.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDObjectReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.stereotype.Component;

/**
 * Signs a certificate PDF with the issuer's key: an invisible approval signature
 * ({@code adbe.pkcs7.detached}, SHA-256 with RSA) added as an incremental update, with its form field
 * tagged so the document stays PDF/A and PDF/UA.
 */
@Component
public class PdfSigner {

	private final IssuerKeys keys;

	public PdfSigner(IssuerKeys keys) {
		this.keys = keys;
	}

	/** Returns the signed PDF. */
	public byte[] sign(byte[] pdf, String signerName, String reason, Instant when) {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			PDSignature signature = new PDSignature();
			signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
			signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
			signature.setName(signerName);
			signature.setReason(reason);
			Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
			date.setTimeInMillis(when.toEpochMilli());
			signature.setSignDate(date);
			try (SignatureOptions options = new SignatureOptions()) {
				options.setPreferredSignatureSize(SignatureOptions.DEFAULT_SIGNATURE_SIZE * 2);
				doc.addSignature(signature, this::cms, options);
				tagSignatureField(doc, reason);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				doc.saveIncremental(out);
				return out.toByteArray();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] cms(java.io.InputStream content) throws IOException {
		try {
			CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
			generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
				.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.privateKey()), keys.certificate()));
			generator.addCertificates(new JcaCertStore(List.of(keys.certificate())));
			return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
		}
		catch (OperatorCreationException | CMSException | java.security.cert.CertificateEncodingException ex) {
			throw new IOException("Cannot sign the certificate", ex);
		}
	}

	/** Puts the signature's widget in the structure tree as a Form element with a description. */
	private static void tagSignatureField(PDDocument doc, String description) throws IOException {
		PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
		PDSignatureField field = (PDSignatureField) form.getFields().get(form.getFields().size() - 1);
		PDAnnotationWidget widget = field.getWidgets().get(0);
		PDPage page = doc.getPage(0);
		widget.setPrinted(true);
		widget.setContents(description);
		field.setAlternateFieldName(description);
		PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
		PDStructureElement document = (PDStructureElement) root.getKids().get(0);
		PDStructureElement formElement = new PDStructureElement("Form", document);
		formElement.setPage(page);
		formElement.setAlternateDescription(description);
		PDObjectReference ref = new PDObjectReference();
		ref.setReferencedObject(widget);
		ref.setPage(page);
		formElement.appendKid(ref);
		document.appendKid(formElement);
		int key = root.getParentTreeNextKey();
		widget.setStructParent(key);
		PDNumberTreeNode parentTree = root.getParentTree();
		COSArray nums = (COSArray) parentTree.getCOSObject().getDictionaryObject(COSName.NUMS);
		nums.add(COSInteger.get(key));
		nums.add(formElement);
		root.setParentTreeNextKey(key + 1);
		for (COSDictionary changed : new COSDictionary[] { root.getCOSObject(), document.getCOSObject(),
				parentTree.getCOSObject(), widget.getCOSObject(), field.getCOSObject(), page.getCOSObject() }) {
			changed.setNeedToBeUpdated(true);
		}
		nums.setNeedToBeUpdated(true);
		document.getCOSObject().getCOSArray(COSName.K).setNeedToBeUpdated(true);
	}

}
