package org.opendoor.lms.directory.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.opendoor.lms.pdf.AccessiblePdf;

/**
 * Draws an organisation's one-page signposting card for the hub's wall: A4 portrait, PDF/A-2b and
 * PDF/UA-1 (one embedded font, every line tagged in reading order under its heading or paragraph,
 * decoration marked as artifacts, language and title set). Text shrinks to keep the card on one page;
 * when even the smallest size cannot hold everything, the card says where the rest is.
 */
public final class SignpostingCard {

	private static final float WIDTH = PDRectangle.A4.getWidth();

	private static final float HEIGHT = PDRectangle.A4.getHeight();

	private static final float MARGIN = 42;

	private static final float[] SCALES = { 1f, 0.92f, 0.85f, 0.78f, 0.72f, 0.66f, 0.6f };

	private static final Color ACCENT = new Color(0x00, 0x59, 0x4F);

	private static final Color TEXT = new Color(0x1D, 0x1D, 0x1B);

	private static final Color MUTED = new Color(0x50, 0x5A, 0x5F);

	private static final Color URGENT = new Color(0xA5, 0x1C, 0x30);

	private final TrueTypeFont font;

	/** Reads the font once; the card is drawn with it (bold is the same font drawn with a thin outline). */
	public SignpostingCard(Path fontFile) {
		try {
			this.font = new TTFParser().parse(new RandomAccessReadBuffer(Files.readAllBytes(fontFile)));
			// Glyph substitution off: "fi" must extract as two letters, not a ligature.
			this.font.setEnableGsub(false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the signposting card font " + fontFile, ex);
		}
	}

	/**
	 * One entry on the card.
	 *
	 * @param name the service
	 * @param reach how to reach it
	 * @param details what it offers, when, for whom (one line of small print)
	 */
	public record Entry(String name, String reach, String details) {
	}

	/**
	 * A group of entries under one tier heading.
	 *
	 * @param heading the tier's heading
	 * @param intro what the tier means
	 * @param urgent whether to print it in the urgent colour
	 * @param entries its entries
	 */
	public record Section(String heading, String intro, boolean urgent, List<Entry> entries) {
	}

	/**
	 * What goes on the card, already in the reader's language.
	 *
	 * @param language {@code en} or {@code cy}
	 * @param title the heading and document title
	 * @param lead the first line under the heading (for example, call 999)
	 * @param sections the tiers, most urgent first
	 * @param footer small print at the bottom
	 * @param overflow printed when not everything fits
	 * @param printedOn the date (fixes the document's dates, so the same card gives the same bytes)
	 */
	public record Content(String language, String title, String lead, List<Section> sections, String footer,
			String overflow, LocalDate printedOn) {
	}

	/** Draws the card. */
	public synchronized byte[] render(Content content) {
		for (float scale : SCALES) {
			List<Block> blocks = layout(content, scale, false);
			if (blocks != null) {
				return draw(content, blocks);
			}
		}
		return draw(content, layout(content, SCALES[SCALES.length - 1], true));
	}

	/** A tagged block of text: a heading or paragraph, wrapped into lines. */
	private record Block(String role, List<String> lines, boolean bold, float size, Color colour, float x, float y,
			float leading) {
	}

	/**
	 * Lays the card out at a scale; {@code null} if it does not fit, unless {@code cut}, when it stops
	 * where the page ends and adds the overflow note.
	 */
	private List<Block> layout(Content c, float scale, boolean cut) {
		List<Block> blocks = new ArrayList<>();
		float[] y = { HEIGHT - MARGIN - 18 };
		float width = WIDTH - 2 * MARGIN;
		float bottom = MARGIN + 34;
		if (!add(blocks, y, "H1", c.title(), true, 20 * scale, ACCENT, MARGIN, width, 8 * scale, bottom)) {
			return null;
		}
		if (!add(blocks, y, "P", c.lead(), true, 12 * scale, URGENT, MARGIN, width, 10 * scale, bottom)) {
			return null;
		}
		for (Section s : c.sections()) {
			y[0] -= 6 * scale;
			boolean fits = add(blocks, y, "H2", s.heading(), true, 14 * scale, s.urgent() ? URGENT : ACCENT, MARGIN, width,
					2 * scale, bottom)
					&& add(blocks, y, "P", s.intro(), false, 9 * scale, MUTED, MARGIN, width, 5 * scale, bottom);
			for (Entry e : s.entries()) {
				fits = fits && add(blocks, y, "P", e.name() + ": " + e.reach(), true, 10.5f * scale, TEXT, MARGIN + 8,
						width - 8, 1 * scale, bottom)
						&& (e.details() == null || e.details().isBlank() || add(blocks, y, "P", e.details(), false, 8.5f * scale,
								MUTED, MARGIN + 8, width - 8, 4 * scale, bottom));
			}
			if (!fits) {
				if (!cut) {
					return null;
				}
				blocks.add(new Block("P", List.of(clean(c.overflow())), true, 10, URGENT, MARGIN, bottom - 2, 0));
				break;
			}
		}
		blocks.add(new Block("P", wrap(clean(c.footer()), 7.5f, width), false, 7.5f, MUTED, MARGIN, MARGIN + 16, 9));
		return blocks;
	}

	private boolean add(List<Block> blocks, float[] y, String role, String text, boolean bold, float size, Color colour,
			float x, float width, float after, float bottom) {
		List<String> lines = wrap(clean(text), size, width);
		float leading = size * 1.25f;
		float top = y[0];
		float last = top - (lines.size() - 1) * leading;
		if (last < bottom) {
			return false;
		}
		blocks.add(new Block(role, lines, bold, size, colour, x, top, leading));
		y[0] = last - leading - after;
		return true;
	}

	/** Breaks text into lines no wider than the width, at spaces (a word longer than a line is cut). */
	private List<String> wrap(String text, float size, float width) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (width(candidate, size) <= width) {
				line.setLength(0);
				line.append(candidate);
				continue;
			}
			if (!line.isEmpty()) {
				lines.add(line.toString());
				line.setLength(0);
			}
			String rest = word;
			while (width(rest, size) > width && rest.length() > 1) {
				int cut = rest.length() - 1;
				while (cut > 1 && width(rest.substring(0, cut), size) > width) {
					cut--;
				}
				lines.add(rest.substring(0, cut));
				rest = rest.substring(cut);
			}
			line.append(rest);
		}
		if (!line.isEmpty() || lines.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

	private float width(String text, float size) {
		try {
			float units = 0;
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				units += font.getAdvanceWidth(font.getUnicodeCmapLookup().getGlyphId(cp));
				i += Character.charCount(cp);
			}
			return units * 1000f / font.getUnitsPerEm() / 1000f * size;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String clean(String text) {
		return AccessiblePdf.printable(text, font);
	}

	private byte[] draw(Content c, List<Block> blocks) {
		try (PDDocument doc = new PDDocument()) {
			PDPage page = new PDPage(PDRectangle.A4);
			doc.addPage(page);
			page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
			page.setStructParents(0);
			PDStructureTreeRoot root = new PDStructureTreeRoot();
			doc.getDocumentCatalog().setStructureTreeRoot(root);
			PDStructureElement document = new PDStructureElement("Document", root);
			root.appendKid(document);
			COSArray parentTreeKids = new COSArray();
			PDType0Font type0 = PDType0Font.load(doc, font, true);
			int mcid = 0;
			try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
				cs.beginMarkedContent(COSName.ARTIFACT);
				cs.setStrokingColor(ACCENT);
				cs.setLineWidth(4);
				cs.addRect(20, 20, WIDTH - 40, HEIGHT - 40);
				cs.stroke();
				cs.endMarkedContent();
				for (Block b : blocks) {
					PDStructureElement element = new PDStructureElement(b.role(), document);
					element.setPage(page);
					document.appendKid(element);
					float y = b.y();
					for (String line : b.lines()) {
						COSDictionary props = new COSDictionary();
						props.setInt(COSName.MCID, mcid);
						cs.beginMarkedContent(COSName.getPDFName(b.role()), PDPropertyList.create(props));
						element.appendKid(PDMarkedContent.create(COSName.getPDFName(b.role()), props));
						parentTreeKids.add(element);
						mcid++;
						cs.beginText();
						cs.setFont(type0, b.size());
						cs.setNonStrokingColor(b.colour());
						if (b.bold()) {
							cs.setStrokingColor(b.colour());
							cs.setLineWidth(b.size() / 32);
							cs.setRenderingMode(RenderingMode.FILL_STROKE);
						}
						cs.newLineAtOffset(b.x(), y);
						cs.showText(line);
						if (b.bold()) {
							cs.setRenderingMode(RenderingMode.FILL);
						}
						cs.endText();
						cs.endMarkedContent();
						y -= b.leading();
					}
				}
			}
			AccessiblePdf.finish(doc, parentTreeKids, clean(c.title()), c.language(), c.printedOn(), 2);
			ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
			doc.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
