package org.opendoor.lms.certificate.internal;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.opendoor.lms.certificate.CertificateContent;
import org.opendoor.lms.pdf.AccessiblePdf;

/**
 * Draws a certificate as a PDF/A-2b and PDF/UA-1 document: fonts embedded, every piece of text tagged in
 * reading order, the QR code a tagged figure with alternative text, decoration marked as artifacts,
 * document language and title set. The same content always gives the same bytes.
 */
public final class CertificateRenderer {

	private static final float WIDTH = PDRectangle.A4.getHeight();

	private static final float HEIGHT = PDRectangle.A4.getWidth();

	private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	private static final DateTimeFormatter WELSH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("cy"));

	private final CertificateTemplate template;

	private final TrueTypeFont regularCoverage;

	/** Parsed fonts, reused across documents: parsing a font costs more than drawing a certificate. */
	private final java.util.concurrent.BlockingQueue<TrueTypeFont[]> fontPool;

	public CertificateRenderer(CertificateTemplate template) {
		this.template = template;
		try {
			byte[] regularFont = reduce(template.regularFont());
			byte[] boldFont = template.boldFont() == null ? null : reduce(template.boldFont());
			this.regularCoverage = new TTFParser().parse(new RandomAccessReadBuffer(regularFont));
			int size = Math.max(1, Runtime.getRuntime().availableProcessors());
			this.fontPool = new java.util.concurrent.ArrayBlockingQueue<>(size);
			for (int i = 0; i < size; i++) {
				fontPool.add(boldFont == null ? new TrueTypeFont[] { parseWithoutLigatures(regularFont) }
						: new TrueTypeFont[] { parseWithoutLigatures(regularFont), parseWithoutLigatures(boldFont) });
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] reduce(byte[] font) throws IOException {
		return AccessiblePdf.reducedFont(font);
	}

	private static TrueTypeFont parseWithoutLigatures(byte[] font) throws IOException {
		return AccessiblePdf.parseWithoutLigatures(font);
	}

	/** Renders the certificate as PDF/A-2b and PDF/UA-1. */
	public byte[] render(CertificateContent c) {
		return render(c, null);
	}

	/**
	 * Renders the certificate; with an attachment (for example the Open Badges credential) the result is
	 * PDF/A-3b, the attachment an associated file of the document.
	 */
	public byte[] render(CertificateContent c, Attachment attachment) {
		TrueTypeFont[] fonts;
		try {
			fonts = fontPool.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to draw a certificate", ex);
		}
		try (PDDocument doc = new PDDocument()) {
			return new Drawing(doc, c, attachment, fonts).draw();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			fontPool.add(fonts);
		}
	}

	/**
	 * The text as it can be printed with the bundled fonts (see {@link AccessiblePdf#printable}): a character
	 * the fonts lack becomes its base letters or a white square; right-to-left runs in visual order.
	 */
	public String printable(String text) {
		return AccessiblePdf.printable(text, regularCoverage);
	}

	/** One document being drawn. */
	private final class Drawing {

		private final PDDocument doc;

		private final CertificateContent c;

		private final PDPage page = new PDPage(new PDRectangle(WIDTH, HEIGHT));

		private final PDStructureElement document;

		private final COSArray parentTreeKids = new COSArray();

		private PDType0Font regular;

		private PDType0Font bold;

		private PDPageContentStream cs;

		private int mcid;

		private final Attachment attachment;

		private final TrueTypeFont[] fonts;

		Drawing(PDDocument doc, CertificateContent c, Attachment attachment, TrueTypeFont[] fonts) {
			this.doc = doc;
			this.c = c;
			this.attachment = attachment;
			this.fonts = fonts;
			PDStructureTreeRoot root = new PDStructureTreeRoot();
			doc.getDocumentCatalog().setStructureTreeRoot(root);
			this.document = new PDStructureElement("Document", root);
			root.appendKid(document);
		}

		byte[] draw() throws IOException {
			doc.addPage(page);
			page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
			page.setStructParents(0);
			String lang = "cy".equals(c.language()) ? "cy" : "en";
			String name = printable(c.learnerName());
			String modules = template.text(lang, "modules") + " " + String.join(" · ", c.modules());
			String title = template.text(lang, "title") + ": " + name + ", " + c.courseTitle();
			regular = load(fonts[0]);
			// Without a bold font, bold text is the regular font drawn with a thin outline: one font to embed.
			bold = fonts.length > 1 ? load(fonts[1]) : regular;
			try (PDPageContentStream stream = new PDPageContentStream(doc, page)) {
				cs = stream;
				border();
				float centre = WIDTH / 2;
				line("H1", template.text(lang, "title"), bold, 30, template.accent(), HEIGHT - 122);
				flourish(centre, HEIGHT - 142, 150);
				line("P", template.text(lang, "intro"), regular, 13, template.text(), HEIGHT - 184);
				float nameSize = fitSize(name, regular, 34, 620);
				line("P", name, regular, nameSize, template.text(), HEIGHT - 232);
				rule(centre - 250, centre + 250, HEIGHT - 246, 0.75f, template.muted());
				line("P", template.text(lang, "completed"), regular, 13, template.text(), HEIGHT - 276);
				line("P", c.courseTitle(), bold, fitSize(c.courseTitle(), bold, 20, 640), template.accent(), HEIGHT - 306);
				String about = template.text(lang, "version", c.courseVersion()) + " · "
						+ template.text(lang, "hours", c.hoursText());
				line("P", about, regular, 11, template.muted(), HEIGHT - 328);
				line("P", modules, regular, fitSize(modules, regular, 10.5f, 660), template.text(), HEIGHT - 348);

				// Who issued it and when, each over a rule like a signature line.
				String organisation = printable(c.organisation());
				float left = 80;
				float column = 250;
				signed(template.text(lang, "issuedBy"), organisation, left, column);
				signed(template.text(lang, "issuedOn"), date(c.issuedOn(), lang), left + column + 40, column);
				text("P", template.text(lang, "expires", date(c.expiresOn(), lang)), regular, 9.5f, template.text(), left, 108);
				text("P", template.text(lang, "awareness"), regular, fitSize(template.text(lang, "awareness"), regular, 9.5f, 540),
						template.accent(), left, 92);

				float qrSize = 88;
				float qrX = WIDTH - 78 - qrSize;
				String code = template.text(lang, "code", c.code());
				String check = template.text(lang, "check", c.verifyUrl());
				float checkSize = fitSize(check, regular, 8.5f, 330);
				text("P", code, bold, 10, template.text(), qrX + qrSize - width(code, bold, 10), 70);
				text("P", check, regular, checkSize, template.muted(), qrX + qrSize - width(check, regular, checkSize), 58);
				qr(template.text(lang, "qr"), qrX, 84, qrSize);
			}
			finish(title, lang);
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			// Plain cross-reference table, no object streams: quicker to write, and readable by every PDF tool.
			doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}

		private void attach(PDDocumentCatalog catalog, Calendar when) throws IOException {
			PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(attachment.bytes()));
			file.setSubtype(attachment.mimeType());
			file.setSize(attachment.bytes().length);
			file.setCreationDate(when);
			file.setModDate(when);
			PDComplexFileSpecification spec = new PDComplexFileSpecification();
			spec.setFile(attachment.name());
			spec.setFileUnicode(attachment.name());
			spec.setFileDescription(attachment.description());
			spec.setEmbeddedFile(file);
			spec.setEmbeddedFileUnicode(file);
			spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Supplement");
			PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
			tree.setNames(Map.of(attachment.name(), spec));
			PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
			names.setEmbeddedFiles(tree);
			catalog.setNames(names);
			COSArray associated = new COSArray();
			associated.add(spec);
			catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
		}

		private PDType0Font load(TrueTypeFont font) throws IOException {
			return PDType0Font.load(doc, font, true);
		}

		private String date(LocalDate d, String lang) {
			return d.format("cy".equals(lang) ? WELSH_DATE : ENGLISH_DATE);
		}

		/** The size, up to {@code size} and down to 8 pt, at which the text fits the width. */
		private float fitSize(String text, PDType0Font font, float size, float maxWidth) throws IOException {
			float natural = font.getStringWidth(text) / 1000;
			return natural * size <= maxWidth ? size : Math.max(8, (float) Math.floor(maxWidth / natural * 2) / 2);
		}

		private float width(String text, PDType0Font font, float size) throws IOException {
			return font.getStringWidth(text) / 1000 * size;
		}

		/** Draws a line of tagged text centred on the page. */
		private void line(String role, String text, PDType0Font font, float size, Color colour, float y) throws IOException {
			float x = (WIDTH - width(text, font, size)) / 2;
			text(role, text, font, size, colour, x, y);
		}

		/** A value over a rule with its label beneath, centred in a column; the label is read first. */
		private void signed(String label, String value, float x, float width) throws IOException {
			float labelX = x + (width - width(label, regular, 9.5f)) / 2;
			text("P", label, regular, 9.5f, template.muted(), labelX, 142);
			List<String> lines = List.of(value);
			int space = value.indexOf(' ', value.length() / 2);
			if (fitSize(value, bold, 15, width) < 11 && space > 0) {
				// Too long for one line at a readable size: two lines, broken at the space after the middle.
				lines = List.of(value.substring(0, space), value.substring(space + 1));
			}
			float size = 15;
			for (String part : lines) {
				size = Math.min(size, fitSize(part, bold, 15, width));
			}
			float y = 164 + (lines.size() - 1) * size * 1.2f;
			for (String part : lines) {
				text("P", part, bold, size, template.accent(), x + (width - width(part, bold, size)) / 2, y);
				y -= size * 1.2f;
			}
			rule(x, x + width, 156, 0.75f, template.muted());
		}

		/** A straight line (an artifact). */
		private void rule(float from, float to, float y, float lineWidth, Color colour) throws IOException {
			cs.beginMarkedContent(COSName.ARTIFACT);
			cs.setStrokingColor(colour);
			cs.setLineWidth(lineWidth);
			cs.moveTo(from, y);
			cs.lineTo(to, y);
			cs.stroke();
			cs.endMarkedContent();
		}

		/** A rule either side of a small diamond, under the title (an artifact). */
		private void flourish(float x, float y, float halfWidth) throws IOException {
			rule(x - halfWidth, x - 12, y, 1, template.ornament());
			rule(x + 12, x + halfWidth, y, 1, template.ornament());
			cs.beginMarkedContent(COSName.ARTIFACT);
			cs.setNonStrokingColor(template.ornament());
			diamond(x, y, 6);
			diamond(x - halfWidth - 6, y, 2.5f);
			diamond(x + halfWidth + 6, y, 2.5f);
			cs.fill();
			cs.endMarkedContent();
		}

		private void diamond(float x, float y, float r) throws IOException {
			cs.moveTo(x, y + r);
			cs.lineTo(x + r, y);
			cs.lineTo(x, y - r);
			cs.lineTo(x - r, y);
			cs.closePath();
		}

		/** Draws tagged text. */
		private void text(String role, String text, PDType0Font font, float size, Color colour, float x, float y)
				throws IOException {
			tagged(role);
			boolean synthetic = font == bold && bold == regular;
			cs.beginText();
			cs.setFont(font, size);
			cs.setNonStrokingColor(colour);
			if (synthetic) {
				cs.setStrokingColor(colour);
				cs.setLineWidth(size / 32);
				cs.setRenderingMode(org.apache.pdfbox.pdmodel.graphics.state.RenderingMode.FILL_STROKE);
			}
			cs.newLineAtOffset(x, y);
			cs.showText(text);
			if (synthetic) {
				cs.setRenderingMode(org.apache.pdfbox.pdmodel.graphics.state.RenderingMode.FILL);
			}
			cs.endText();
			cs.endMarkedContent();
		}

		private PDStructureElement tagged(String role) throws IOException {
			PDStructureElement element = new PDStructureElement(role, document);
			element.setPage(page);
			COSDictionary props = new COSDictionary();
			props.setInt(COSName.MCID, mcid);
			cs.beginMarkedContent(COSName.getPDFName(role), PDPropertyList.create(props));
			PDMarkedContent marked = PDMarkedContent.create(COSName.getPDFName(role), props);
			element.appendKid(marked);
			document.appendKid(element);
			parentTreeKids.add(element);
			mcid++;
			return element;
		}

		private void qr(String alt, float x, float y, float size) throws IOException {
			BitMatrix matrix;
			try {
				matrix = new QRCodeWriter().encode(c.verifyUrl(), com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
						Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
								// A fixed mask skips scoring all eight; every mask gives a valid, readable code.
								EncodeHintType.QR_MASK_PATTERN, 2));
			}
			catch (WriterException ex) {
				throw new IllegalStateException("Cannot encode the verification address as a QR code", ex);
			}
			PDStructureElement figure = tagged("Figure");
			figure.setAlternateDescription(alt);
			float cell = size / matrix.getWidth();
			cs.setNonStrokingColor(Color.BLACK);
			for (int row = 0; row < matrix.getHeight(); row++) {
				int col = 0;
				while (col < matrix.getWidth()) {
					if (!matrix.get(col, row)) {
						col++;
						continue;
					}
					int start = col;
					while (col < matrix.getWidth() && matrix.get(col, row)) {
						col++;
					}
					cs.addRect(x + start * cell, y + size - (row + 1) * cell, (col - start) * cell, cell);
				}
			}
			cs.fill();
			cs.endMarkedContent();
		}

		/**
		 * The frame (artifacts): a thick outer rule and a thin inner one in the accent colour, a pale band between
		 * them, and a diamond with a quarter-round at each inner corner.
		 */
		private void border() throws IOException {
			cs.beginMarkedContent(COSName.ARTIFACT);
			cs.setNonStrokingColor(tint(template.accent(), 0.08f));
			cs.addRect(20, 20, WIDTH - 40, HEIGHT - 40);
			cs.addRect(34, 34, WIDTH - 68, HEIGHT - 68);
			cs.fillEvenOdd();
			cs.setStrokingColor(template.accent());
			cs.setLineWidth(5);
			cs.addRect(20, 20, WIDTH - 40, HEIGHT - 40);
			cs.stroke();
			cs.setLineWidth(1);
			cs.addRect(34, 34, WIDTH - 68, HEIGHT - 68);
			cs.stroke();
			cs.setStrokingColor(template.ornament());
			cs.setLineWidth(1.2f);
			cs.addRect(40, 40, WIDTH - 80, HEIGHT - 80);
			cs.stroke();
			cs.setNonStrokingColor(template.ornament());
			float[][] corners = { { 40, 40 }, { WIDTH - 40, 40 }, { 40, HEIGHT - 40 }, { WIDTH - 40, HEIGHT - 40 } };
			for (float[] corner : corners) {
				diamond(corner[0], corner[1], 7);
			}
			cs.fill();
			cs.setStrokingColor(template.ornament());
			cs.setLineWidth(1);
			for (float[] corner : corners) {
				float dx = corner[0] < WIDTH / 2 ? 1 : -1;
				float dy = corner[1] < HEIGHT / 2 ? 1 : -1;
				// a quarter circle bowing into the page, drawn with one Bézier curve
				float r = 26;
				float k = r * 0.5523f;
				cs.moveTo(corner[0] + dx * r, corner[1]);
				cs.curveTo(corner[0] + dx * r, corner[1] + dy * k, corner[0] + dx * k, corner[1] + dy * r, corner[0],
						corner[1] + dy * r);
				cs.stroke();
			}
			cs.endMarkedContent();
		}

		/** The colour mixed with white: {@code amount} 0 is white, 1 the colour. */
		private static Color tint(Color colour, float amount) {
			return new Color(Math.round(255 - (255 - colour.getRed()) * amount),
					Math.round(255 - (255 - colour.getGreen()) * amount), Math.round(255 - (255 - colour.getBlue()) * amount));
		}

		private void finish(String title, String lang) throws IOException {
			if (attachment != null) {
				attach(doc.getDocumentCatalog(), AccessiblePdf.calendar(c.issuedOn()));
			}
			AccessiblePdf.finish(doc, parentTreeKids, title, lang, c.issuedOn(), attachment == null ? 2 : 3);
			byte[] id = sha256(c.code() + "|" + c.issuedOn());
			COSArray ids = new COSArray();
			byte[] first = java.util.Arrays.copyOf(id, 16);
			ids.add(new COSString(first));
			ids.add(new COSString(first));
			doc.getDocument().getTrailer().setItem(COSName.ID, ids);
		}

	}

	/**
	 * A file to embed as an associated file of the document.
	 *
	 * @param name file name
	 * @param description what it is
	 * @param mimeType its MIME type
	 * @param bytes its content
	 */
	public record Attachment(String name, String description, String mimeType, byte[] bytes) {
	}

	private static byte[] sha256(String s) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
