package org.opendoor.lms.booklet.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PageMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDObjectReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.util.Matrix;
import org.opendoor.lms.pdf.AccessiblePdf;

/**
 * Lays out and draws a booklet as a PDF/A-2b and PDF/UA-1 document: one embedded font (bold is the font
 * drawn with a thin outline, italic the font slanted), every piece of text tagged in reading order (headings
 * H1 to H3, paragraphs, lists as L/LI/Lbl/LBody, quotations, the contents as TOC/TOCI, web links as Link
 * elements with their annotations), rules, write-in lines and page numbers marked as artifacts, a bookmark
 * for every heading that asks for one, and the page numbers in the contents and in page references filled in
 * after the layout. The same document always gives the same bytes.
 */
public final class BookletRenderer {

	/** Paper sizes: A5 has the same type on a smaller page with smaller margins, so it has more pages. */
	public enum Paper {

		A4(PDRectangle.A4, 56), A5(PDRectangle.A5, 36);

		final PDRectangle size;

		final float margin;

		Paper(PDRectangle size, float margin) {
			this.size = size;
			this.margin = margin;
		}

	}

	/**
	 * A booklet to draw, already in the reader's language.
	 *
	 * @param language the document language code ({@code en} or {@code cy})
	 * @param title the document title (metadata and window title)
	 * @param paper the paper size
	 * @param printedOn the date printed (fixes the document's dates)
	 * @param pageLabel the page number text with {0} for the number, for example "Page {0}"
	 * @param supportLine the short support line printed at the foot of every page that holds a
	 * {@link Block.SupportPages} block's content (999, a helpline and the page of the full list)
	 * @param blocks the content in reading order
	 */
	public record Booklet(String language, String title, Paper paper, LocalDate printedOn, String pageLabel,
			List<Run> supportLine, List<Block> blocks) {
	}

	static final float BODY = 11.5f;

	private static final Color ACCENT = new Color(0x00, 0x59, 0x4F);

	private static final Color TEXT = new Color(0x1D, 0x1D, 0x1B);

	private static final Color MUTED = new Color(0x45, 0x4E, 0x52);

	private static final Color URGENT = new Color(0xA5, 0x1C, 0x30);

	private static final Color RULE = new Color(0x8A, 0x94, 0x98);

	private static final Color PALE = new Color(0xE6, 0xF0, 0xEE);

	private static final Color LIGHT = new Color(0xFF, 0xF4, 0xD6);

	private static final Color DOOR = new Color(0x00, 0x3F, 0x38);

	private static final Color URGENT_SOFT = new Color(0xF2, 0xB7, 0x05);

	private static final Style SUPPORT_STYLE = new Style(9.5f, false, false, TEXT);

	private static final int WIDTH_TABLE = 0x2600;

	private final TrueTypeFont coverage;

	/** Advance widths of a 1 pt font, by code point. */
	private final float[] widths = new float[WIDTH_TABLE];

	/** Parsed fonts, reused across documents: parsing a font costs more than laying out a page. */
	private final BlockingQueue<TrueTypeFont> fontPool;

	/** Reads the font once and cuts it down to the characters Open Door prints. */
	public BookletRenderer(Path fontFile) {
		try {
			byte[] reduced = AccessiblePdf.reducedFont(Files.readAllBytes(fontFile));
			this.coverage = AccessiblePdf.parseWithoutLigatures(reduced);
			float units = coverage.getUnitsPerEm();
			for (int cp = 0; cp < WIDTH_TABLE; cp++) {
				int glyph = coverage.getUnicodeCmapLookup().getGlyphId(cp);
				widths[cp] = glyph > 0 ? coverage.getAdvanceWidth(glyph) / units : 0;
			}
			int size = Math.max(1, Runtime.getRuntime().availableProcessors());
			this.fontPool = new ArrayBlockingQueue<>(size);
			for (int i = 0; i < size; i++) {
				fontPool.add(AccessiblePdf.parseWithoutLigatures(reduced));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the booklet font " + fontFile, ex);
		}
	}

	/** The text as the font can print it (see {@link AccessiblePdf#printable}). */
	public String printable(String text) {
		return AccessiblePdf.printable(text, coverage);
	}

	/** Lays out and draws the booklet. */
	public byte[] render(Booklet booklet) {
		// Page references are laid out at the width of their numbers: lay out again until the pages settle.
		Layout layout = new Layout(booklet, Map.of());
		for (int pass = 0; pass < 3; pass++) {
			Layout again = new Layout(booklet, layout.anchors);
			boolean settled = again.anchors.equals(layout.anchors);
			layout = again;
			if (settled) {
				break;
			}
		}
		TrueTypeFont font;
		try {
			font = fontPool.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to draw a booklet", ex);
		}
		try (PDDocument doc = new PDDocument()) {
			return draw(doc, font, booklet, layout);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			fontPool.add(font);
		}
	}

	// ---------------------------------------------------------------- layout

	/** A text style. */
	private record Style(float size, boolean bold, boolean italic, Color colour) {
	}

	/** A structure element to be: its role, language and kids (nodes and content slots) in order. */
	private static final class Node {

		final String role;

		final List<Object> kids = new ArrayList<>();

		String language;

		Node(String role, Node parent) {
			this.role = role;
			if (parent != null) {
				parent.kids.add(this);
			}
		}

	}

	/** A piece of marked content on a page; its MCID is given when the page is drawn. */
	private static final class Slot {

		final int page;

		int mcid = -1;

		Slot(int page) {
			this.page = page;
		}

	}

	/** A link annotation on a page, referenced from its Link element. */
	private record Annotation(int page, PDRectangle rect, String uri, String contents) {
	}

	private interface Op {
	}

	/** Tagged text; when {@code pageOf} is set, the page number of that anchor instead of the text. */
	private record TextOp(Node node, Slot slot, float x, float y, String text, Style style, String pageOf,
			boolean alignRight) implements Op {
	}

	/** A closed shape that is decoration (an artifact): filled, outlined or both. */
	private record ShapeOp(float[] xs, float[] ys, Color fill, Color stroke, float width) implements Op {

		static ShapeOp box(float x, float y, float w, float h, Color fill) {
			return new ShapeOp(new float[] { x, x + w, x + w, x }, new float[] { y, y, y + h, y + h }, fill, null, 0);
		}

	}

	/** A line that is not content (an artifact). */
	private record RuleOp(float x1, float y1, float x2, float y2, float width, Color colour) implements Op {
	}

	private static final class PageLayout {

		final List<Op> ops = new ArrayList<>();

		final List<Annotation> annotations = new ArrayList<>();

		/** Whether the page holds content of a {@link Block.SupportPages} block, and so carries the support line. */
		boolean support;

		/** The section whose support line this page's is in the structure tree, or {@code null} (an artifact). */
		Node supportNode;

	}

	/** A bookmark. */
	private record Mark(String title, int level, int page, float y) {
	}

	/** A rule beside a quotation or a set-apart section. */
	private record Bar(float x, float width, Color colour) {
	}

	/** A word with its look. */
	private record Word(String text, Style style, Run.Link link, String pageOf, boolean spaceBefore, float width) {
	}

	/** A list label waiting for the first line of its item. */
	private record Label(Node node, String text, float x) {
	}

	private final class Layout {

		final Paper paper;

		final float pageWidth;

		final float top;

		final float bottom;

		final float right;

		final Node root = new Node("Document", null);

		final List<PageLayout> pages = new ArrayList<>();

		final Map<String, Integer> anchors = new HashMap<>();

		final Map<Run.Link, Node> linkNodes = new IdentityHashMap<>();

		final List<Mark> marks = new ArrayList<>();

		final List<Bar> bars = new ArrayList<>();

		Label label;

		float y;

		/** Whether nothing has been put on the current page yet. */
		boolean fresh;

		/** The pages of anchors from the last layout, to size page references. */
		final Map<String, Integer> known;

		/** The support line, broken into lines at the foot's width. */
		final List<List<Word>> supportLines;

		/** How many {@link Block.SupportPages} blocks the content being laid out is inside. */
		int supportDepth;

		/** Lays out the whole booklet. */
		Layout(Booklet booklet, Map<String, Integer> known) {
			this.paper = booklet.paper();
			this.known = known;
			this.pageWidth = paper.size.getWidth();
			this.top = paper.size.getHeight() - paper.margin;
			this.bottom = paper.margin + 22;
			this.right = pageWidth - paper.margin;
			this.supportLines = wrap(words(booklet.supportLine(), SUPPORT_STYLE, known), right - paper.margin - 14);
			newPage();
			blocks(booklet.blocks(), root, paper.margin);
			closePage();
		}

		PageLayout page() {
			return pages.get(pages.size() - 1);
		}

		void newPage() {
			if (!pages.isEmpty()) {
				closePage();
			}
			pages.add(new PageLayout());
			y = top;
			fresh = true;
		}

		/** The lowest a line may reach on this page: above the support line when the page carries one. */
		float floor() {
			return page().support || supportDepth > 0 ? bottom + supportHeight() : bottom;
		}

		float supportHeight() {
			return supportLines.size() * SUPPORT_STYLE.size() * 1.35f + 12;
		}

		/** Starts a new page unless there is room for {@code height} more points on this one. */
		void room(float height) {
			if (y - height < floor() && !fresh) {
				newPage();
			}
			if (supportDepth > 0) {
				page().support = true;
			}
		}

		/** Puts the support line at the foot of a page that carries one: tagged once per section, else an artifact. */
		void closePage() {
			PageLayout page = page();
			if (!page.support || supportLines.isEmpty()) {
				return;
			}
			float leading = SUPPORT_STYLE.size() * 1.35f;
			float at = bottom + supportHeight() - 4;
			page.ops.add(new RuleOp(paper.margin, at, right, at, 1.2f, URGENT));
			at -= 4;
			for (List<Word> line : supportLines) {
				at -= leading;
				emit(page.supportNode, line, paper.margin + 14, at + (leading - SUPPORT_STYLE.size()) * 0.35f);
			}
		}

		void blocks(List<Block> blocks, Node parent, float left) {
			for (Block block : blocks) {
				block(block, parent, left);
			}
		}

		void block(Block block, Node parent, float left) {
			if (block instanceof Block.Heading h) {
				heading(h, parent, left);
			}
			else if (block instanceof Block.Paragraph p) {
				paragraph(p, parent, left);
			}
			else if (block instanceof Block.Bullets l) {
				list(l, parent, left);
			}
			else if (block instanceof Block.Quote q) {
				space(4);
				bars.add(new Bar(left + 2, 2, RULE));
				blocks(q.blocks(), new Node("BlockQuote", parent), left + 16);
				bars.remove(bars.size() - 1);
				space(4);
			}
			else if (block instanceof Block.Boxed b) {
				space(6);
				bars.add(new Bar(left + 2, 4, b.urgent() ? URGENT : ACCENT));
				blocks(b.blocks(), new Node("Sect", parent), left + 18);
				bars.remove(bars.size() - 1);
				space(8);
			}
			else if (block instanceof Block.WriteIn w) {
				writeIn(w.lines(), left);
			}
			else if (block instanceof Block.SupportPages s) {
				Node section = new Node("Sect", parent);
				supportDepth++;
				blocks(s.blocks(), section, left);
				supportDepth--;
				if (page().support && page().supportNode == null) {
					// Read once, after the section, by a screen reader; seen at the foot of each of its pages.
					page().supportNode = new Node("P", section);
				}
			}
			else if (block instanceof Block.Cover c) {
				cover(c, parent);
			}
			else if (block instanceof Block.Contents c) {
				contents(c, parent, left);
			}
			else if (block instanceof Block.PageBreak) {
				if (!fresh) {
					newPage();
				}
			}
		}

		/**
		 * The cover: a coloured band with the title and an open door drawn in it, then who the booklet is for,
		 * its details and the awareness statement on a tinted panel. Only the text is content; shapes are artifacts.
		 */
		void cover(Block.Cover c, Node parent) {
			float height = paper.size.getHeight();
			float left = paper.margin;
			int bandAt = page().ops.size();
			y = height - paper.margin * (paper == Paper.A4 ? 1.2f : 0.9f);
			Style kicker = new Style(12, true, false, PALE);
			Style title = new Style(paper == Paper.A4 ? 30 : 22, true, false, Color.WHITE);
			for (List<Word> line : wrap(words(List.of(Run.plain(c.kicker())), kicker, known), right - left)) {
				line(new Node("P", parent), line, left, kicker.size() * 1.45f);
			}
			y -= 8;
			anchors.put("cover", pages.size() - 1);
			marks.add(new Mark(printable(c.title()), 1, pages.size() - 1, height));
			Node h1 = new Node("H1", parent);
			for (List<Word> line : wrap(words(List.of(Run.plain(c.title())), title, known), right - left)) {
				line(h1, line, left, title.size() * 1.2f);
			}
			// An open door, bottom right of the band.
			float doorHeight = paper == Paper.A4 ? 96 : 60;
			float doorWidth = doorHeight * 0.55f;
			float bandBottom = Math.min(height * (paper == Paper.A4 ? 0.58f : 0.66f), y - doorHeight - paper.margin * 0.8f);
			float doorX = right - doorWidth - 8;
			float doorY = bandBottom + paper.margin * 0.55f;
			List<Op> band = List.of(ShapeOp.box(0, bandBottom, pageWidth, height - bandBottom, ACCENT),
					ShapeOp.box(0, bandBottom - 6, pageWidth, 6, URGENT_SOFT),
					ShapeOp.box(doorX, doorY, doorWidth, doorHeight, LIGHT),
					new ShapeOp(new float[] { doorX, doorX + doorWidth * 0.62f, doorX + doorWidth * 0.62f, doorX },
							new float[] { doorY, doorY - doorHeight * 0.08f, doorY + doorHeight * 1.04f, doorY + doorHeight },
							DOOR, Color.WHITE, 1.5f),
					ShapeOp.box(doorX + doorWidth * 0.48f, doorY + doorHeight * 0.47f, 3, 3, Color.WHITE),
					new ShapeOp(new float[] { doorX - 6, doorX + doorWidth + 6 }, new float[] { doorY, doorY }, null,
							Color.WHITE, 2));
			page().ops.addAll(bandAt, band);
			y = bandBottom - 6 - paper.margin * (paper == Paper.A4 ? 0.8f : 0.6f);
			fresh = false;
			if (c.organisation() != null) {
				paragraph(Block.Paragraph.of(Block.Look.META, c.preparedFor()), parent, left);
				paragraph(new Block.Paragraph(List.of(Run.plain(c.organisation())), Block.Look.COVER_ORGANISATION, null),
						parent, left);
				y -= 6;
			}
			for (String detail : c.details()) {
				paragraph(Block.Paragraph.of(Block.Look.META, detail), parent, left);
			}
			y -= paper == Paper.A4 ? 10 : 4;
			Style lead = style(Block.Look.LEAD);
			// The panel is drawn behind the statement, so the statement is kept on one page.
			room(wrap(words(List.of(Run.plain(c.awareness())), lead, known), right - left - 18).size() * lead.size() * 1.45f
					+ 10);
			int panelAt = page().ops.size();
			float panelTop = y;
			bars.add(new Bar(left + 2, 4, ACCENT));
			paragraph(Block.Paragraph.of(Block.Look.LEAD, c.awareness()), new Node("Sect", parent), left + 18);
			bars.remove(bars.size() - 1);
			page().ops.add(panelAt, ShapeOp.box(left, y, right - left, panelTop - y + 6, PALE));
			y -= 6;
		}

		void space(float points) {
			if (!fresh) {
				y -= points;
			}
		}

		void heading(Block.Heading h, Node parent, float left) {
			float size = h.level() == 1 ? 20 : h.level() == 2 ? 15.5f : 12.5f;
			Style style = new Style(size, true, false, ACCENT);
			float leading = size * 1.28f;
			space(h.level() == 1 ? 14 : h.level() == 2 ? 12 : 8);
			List<List<Word>> lines = wrap(words(List.of(Run.plain(h.text())), style, known), right - left);
			// Keep the heading with the first lines after it.
			room(lines.size() * leading + 3 * BODY * 1.45f);
			if (h.anchor() != null) {
				anchors.put(h.anchor(), pages.size() - 1);
			}
			if (h.outline() > 0) {
				marks.add(new Mark(printable(h.text()), h.outline(), pages.size() - 1, y));
			}
			Node node = new Node("H" + h.level(), parent);
			for (List<Word> line : lines) {
				line(node, line, left, leading);
			}
			y -= size * 0.35f;
		}

		Style style(Block.Look look) {
			switch (look) {
				case LEAD:
					return new Style(13.5f, false, false, TEXT);
				case META:
					return new Style(11, false, false, MUTED);
				case URGENT:
					return new Style(BODY, true, false, URGENT);
				case COVER_TITLE:
					return new Style(28, true, false, ACCENT);
				case COVER_ORGANISATION:
					return new Style(17, true, false, ACCENT);
				default:
					return new Style(BODY, false, false, TEXT);
			}
		}

		void paragraph(Block.Paragraph p, Node parent, float left) {
			Style style = style(p.look());
			float leading = style.size() * 1.45f;
			List<List<Word>> lines = wrap(words(p.runs(), style, known), right - left);
			if (lines.isEmpty()) {
				return;
			}
			Node node = new Node("P", parent);
			node.language = p.language() == null ? null : AccessiblePdf.language(p.language());
			// No single line left alone at the foot of a page.
			if (lines.size() > 1) {
				room(2 * leading);
			}
			for (List<Word> line : lines) {
				line(node, line, left, leading);
			}
			y -= style.size() * 0.55f;
		}

		void list(Block.Bullets l, Node parent, float left) {
			Node list = new Node("L", parent);
			float indent = l.ordered() ? 24 : 16;
			int n = 0;
			for (List<Block> item : l.items()) {
				n++;
				Node li = new Node("LI", list);
				Node lbl = new Node("Lbl", li);
				String text = !l.ordered() ? "\u2022" : l.letters() ? (char) ('a' + n - 1) + "." : n + ".";
				label = new Label(lbl, text, left + 2);
				Node body = new Node("LBody", li);
				blocks(item, body, left + indent);
				if (label != null) {
					// An empty item: its label still needs a line.
					line(body, List.of(), left + indent, BODY * 1.45f);
				}
			}
			y -= 2;
		}

		void writeIn(int count, float left) {
			float gap = 26;
			for (int i = 0; i < count; i++) {
				room(gap);
				y -= gap;
				page().ops.add(new RuleOp(left, y, right, y, 0.6f, RULE));
				bars(y + gap, y);
				fresh = false;
			}
			y -= 8;
		}

		void contents(Block.Contents c, Node parent, float left) {
			Node toc = new Node("TOC", parent);
			Style style = new Style(BODY, false, false, TEXT);
			Style strong = new Style(BODY, true, false, TEXT);
			float number = 34;
			float leading = BODY * 1.45f;
			for (Block.Contents.Entry e : c.entries()) {
				Node item = new Node("TOCI", toc);
				float indent = e.level() == 1 ? 0 : 16;
				Style s = e.level() == 1 ? strong : style;
				if (e.level() == 1) {
					space(4);
				}
				List<List<Word>> lines = wrap(words(List.of(Run.plain(e.text())), s, known), right - left - indent - number);
				for (int i = 0; i < lines.size(); i++) {
					room(leading);
					float baseline = baseline(leading, s.size());
					emit(item, lines.get(i), left + indent, baseline);
					if (i == lines.size() - 1) {
						Slot slot = new Slot(pages.size() - 1);
						item.kids.add(slot);
						page().ops.add(new TextOp(item, slot, right, baseline, "", s, e.anchor(), true));
					}
					bars(y, y - leading);
					y -= leading;
					fresh = false;
				}
			}
		}

		float baseline(float leading, float size) {
			return y - size - (leading - size) * 0.35f;
		}

		/** Puts one line of words on the page, starting a new page first when it does not fit. */
		void line(Node node, List<Word> line, float left, float leading) {
			room(leading);
			float size = line.isEmpty() ? BODY : line.get(0).style().size();
			float baseline = baseline(leading, size);
			if (label != null) {
				Slot slot = new Slot(pages.size() - 1);
				label.node().kids.add(slot);
				page().ops.add(new TextOp(label.node(), slot, label.x(), baseline, label.text(),
						new Style(BODY, true, false, TEXT), null, false));
				label = null;
			}
			emit(node, line, left, baseline);
			bars(y, y - leading);
			y -= leading;
			fresh = false;
		}

		void bars(float from, float to) {
			for (Bar bar : bars) {
				page().ops.add(new RuleOp(bar.x(), from, bar.x(), to, bar.width(), bar.colour()));
			}
		}

		/** Draws a line's words as pieces of one look each; link pieces go into their Link element. */
		void emit(Node node, List<Word> line, float left, float baseline) {
			float x = left;
			int i = 0;
			while (i < line.size()) {
				Word first = line.get(i);
				StringBuilder text = new StringBuilder();
				float start = x;
				int j = i;
				while (j < line.size()) {
					Word w = line.get(j);
					if (j > i && (w.pageOf() != null || first.pageOf() != null || w.link() != first.link()
							|| !w.style().equals(first.style()))) {
						break;
					}
					if (j > 0 && w.spaceBefore()) {
						text.append(' ');
						x += spaceWidth(w.style());
					}
					text.append(w.pageOf() != null ? "" : w.text());
					x += w.width();
					j++;
				}
				Node owner = node;
				if (owner == null) {
					page().ops.add(new TextOp(null, null, start, baseline, text.toString(), first.style(), first.pageOf(), false));
					i = j;
					continue;
				}
				if (first.link() != null) {
					owner = linkNodes.computeIfAbsent(first.link(), k -> new Node("Link", node));
					float size = first.style().size();
					String visible = text.toString().strip();
					page().annotations.add(new Annotation(pages.size() - 1,
							new PDRectangle(start, baseline - size * 0.25f, x - start, size * 1.2f), first.link().uri(),
							visible));
					owner.kids.add(page().annotations.get(page().annotations.size() - 1));
				}
				Slot slot = new Slot(pages.size() - 1);
				owner.kids.add(owner.kids.size() - (first.link() != null ? 1 : 0), slot);
				page().ops.add(new TextOp(owner, slot, start, baseline, text.toString(), first.style(), first.pageOf(), false));
				i = j;
			}
		}

	}

	// ---------------------------------------------------------------- words and widths

	private float width(String text, float size) {
		float units = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			units += cp < WIDTH_TABLE ? widths[cp] : widths['\u25A1'];
			i += Character.charCount(cp);
		}
		return units * size;
	}

	private float spaceWidth(Style style) {
		return widths[' '] * style.size();
	}

	/** Splits runs into words, each made printable, keeping whether a space came before it. */
	private List<Word> words(List<Run> runs, Style base, Map<String, Integer> pages) {
		List<Word> words = new ArrayList<>();
		boolean space = false;
		for (Run run : runs) {
			Style style = new Style(base.size(), base.bold() || run.bold(), base.italic() || run.italic(), base.colour());
			if (run.pageOf() != null) {
				String number = pages.containsKey(run.pageOf()) ? String.valueOf(pages.get(run.pageOf()) + 1) : "000";
				words.add(new Word("", style, run.link(), run.pageOf(), space, width(number, style.size())));
				space = false;
				continue;
			}
			String text = run.text() == null ? "" : run.text();
			int i = 0;
			while (i < text.length()) {
				if (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\u00A0') {
					space = true;
					i++;
					continue;
				}
				int end = i;
				while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '\u00A0') {
					end++;
				}
				String word = printable(text.substring(i, end));
				if (!word.isEmpty()) {
					words.add(new Word(word, style, run.link(), null, space, width(word, style.size())));
					space = false;
				}
				i = end;
			}
		}
		return words;
	}

	/** Breaks words into lines no wider than the width (a word longer than a line is cut). */
	private List<List<Word>> wrap(List<Word> words, float width) {
		List<List<Word>> lines = new ArrayList<>();
		List<Word> line = new ArrayList<>();
		float used = 0;
		for (Word word : words) {
			float add = (line.isEmpty() || !word.spaceBefore() ? 0 : spaceWidth(word.style())) + word.width();
			if (!line.isEmpty() && used + add > width) {
				lines.add(line);
				line = new ArrayList<>();
				used = 0;
				add = word.width();
			}
			Word rest = word;
			while (line.isEmpty() && rest.width() > width && rest.text().length() > 1) {
				int cut = rest.text().length() - 1;
				while (cut > 1 && width(rest.text().substring(0, cut), rest.style().size()) > width) {
					cut--;
				}
				String head = rest.text().substring(0, cut);
				String tail = rest.text().substring(cut);
				lines.add(List.of(new Word(head, rest.style(), rest.link(), null, rest.spaceBefore(),
						width(head, rest.style().size()))));
				rest = new Word(tail, rest.style(), rest.link(), null, false, width(tail, rest.style().size()));
				add = rest.width();
			}
			line.add(rest);
			used += add;
		}
		if (!line.isEmpty()) {
			lines.add(line);
		}
		return lines;
	}

	// ---------------------------------------------------------------- drawing

	private byte[] draw(PDDocument doc, TrueTypeFont ttf, Booklet booklet, Layout layout) throws IOException {
		PDType0Font font = PDType0Font.load(doc, ttf, true);
		PDStructureTreeRoot root = new PDStructureTreeRoot();
		doc.getDocumentCatalog().setStructureTreeRoot(root);
		List<PDPage> pdPages = new ArrayList<>();
		List<List<PDAnnotationLink>> links = new ArrayList<>();
		Map<Annotation, PDAnnotationLink> annotations = new IdentityHashMap<>();
		int[] mcids = new int[layout.pages.size()];
		int annotationKey = layout.pages.size();
		for (int index = 0; index < layout.pages.size(); index++) {
			PageLayout pageLayout = layout.pages.get(index);
			PDPage page = new PDPage(layout.paper.size);
			doc.addPage(page);
			pdPages.add(page);
			page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
			page.setStructParents(index);
			try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
				for (Op op : pageLayout.ops) {
					if (op instanceof TextOp t) {
						String text = t.pageOf() == null ? t.text()
								: t.text() + (layout.anchors.getOrDefault(t.pageOf(), 0) + 1);
						float x = t.alignRight() ? t.x() - width(text, t.style().size()) : t.x();
						if (t.node() == null) {
							cs.beginMarkedContent(COSName.ARTIFACT);
							text(cs, font, t.style(), x, t.y(), text);
							cs.endMarkedContent();
							continue;
						}
						COSDictionary props = new COSDictionary();
						props.setInt(COSName.MCID, mcids[index]);
						t.slot().mcid = mcids[index]++;
						cs.beginMarkedContent(COSName.getPDFName(t.node().role), PDPropertyList.create(props));
						text(cs, font, t.style(), x, t.y(), text);
						cs.endMarkedContent();
					}
					else if (op instanceof ShapeOp shape) {
						cs.beginMarkedContent(COSName.ARTIFACT);
						cs.moveTo(shape.xs()[0], shape.ys()[0]);
						for (int i = 1; i < shape.xs().length; i++) {
							cs.lineTo(shape.xs()[i], shape.ys()[i]);
						}
						cs.closePath();
						if (shape.fill() != null) {
							cs.setNonStrokingColor(shape.fill());
						}
						if (shape.stroke() != null) {
							cs.setStrokingColor(shape.stroke());
							cs.setLineWidth(shape.width());
						}
						if (shape.fill() != null && shape.stroke() != null) {
							cs.fillAndStroke();
						}
						else if (shape.fill() != null) {
							cs.fill();
						}
						else {
							cs.stroke();
						}
						cs.endMarkedContent();
					}
					else if (op instanceof RuleOp r) {
						cs.beginMarkedContent(COSName.ARTIFACT);
						cs.setStrokingColor(r.colour());
						cs.setLineWidth(r.width());
						cs.moveTo(r.x1(), r.y1());
						cs.lineTo(r.x2(), r.y2());
						cs.stroke();
						cs.endMarkedContent();
					}
				}
				if (index > 0) {
					String number = printable(java.text.MessageFormat.format(booklet.pageLabel(), index + 1));
					Style style = new Style(10, false, false, MUTED);
					cs.beginMarkedContent(COSName.ARTIFACT);
					text(cs, font, style, (layout.pageWidth - width(number, 10)) / 2, layout.paper.margin - 4, number);
					cs.endMarkedContent();
				}
			}
			List<PDAnnotationLink> pageLinks = new ArrayList<>();
			for (Annotation a : pageLayout.annotations) {
				PDAnnotationLink link = new PDAnnotationLink();
				link.setRectangle(a.rect());
				PDActionURI action = new PDActionURI();
				action.setURI(a.uri());
				link.setAction(action);
				link.setContents(a.contents() + " (" + a.uri() + ")");
				link.setPrinted(true);
				PDBorderStyleDictionary border = new PDBorderStyleDictionary();
				border.setWidth(0);
				link.setBorderStyle(border);
				link.setStructParent(annotationKey++);
				link.setPage(page);
				pageLinks.add(link);
				annotations.put(a, link);
			}
			page.setAnnotations(new ArrayList<>(pageLinks));
			links.add(pageLinks);
		}

		// The structure tree, in reading order, and the parent tree that maps content back to it.
		List<PDStructureElement[]> byMcid = new ArrayList<>();
		for (int count : mcids) {
			byMcid.add(new PDStructureElement[count]);
		}
		Map<Integer, COSBase> parentTree = new HashMap<>();
		PDStructureElement document = new PDStructureElement("Document", root);
		root.appendKid(document);
		build(layout.root, document, pdPages, byMcid, annotations, parentTree);
		for (int index = 0; index < byMcid.size(); index++) {
			COSArray kids = new COSArray();
			for (PDStructureElement element : byMcid.get(index)) {
				kids.add(element);
			}
			parentTree.put(index, kids);
		}

		outline(doc, layout, pdPages);
		AccessiblePdf.finish(doc, parentTree, printable(booklet.title()), booklet.language(), booklet.printedOn(), 2);
		ByteArrayOutputStream out = new ByteArrayOutputStream(512 * 1024);
		doc.save(out, CompressParameters.DEFAULT_COMPRESSION);
		return out.toByteArray();
	}

	private void build(Node node, PDStructureElement element, List<PDPage> pages, List<PDStructureElement[]> byMcid,
			Map<Annotation, PDAnnotationLink> annotations, Map<Integer, COSBase> parentTree) {
		if (node.language != null) {
			element.setLanguage(node.language);
		}
		for (Object kid : node.kids) {
			if (kid instanceof Node child) {
				PDStructureElement childElement = new PDStructureElement(child.role, element);
				element.appendKid(childElement);
				build(child, childElement, pages, byMcid, annotations, parentTree);
			}
			else if (kid instanceof Slot slot) {
				if (element.getPage() == null) {
					element.setPage(pages.get(slot.page));
				}
				PDMarkedContentReference mcr = new PDMarkedContentReference();
				mcr.setPage(pages.get(slot.page));
				mcr.setMCID(slot.mcid);
				element.appendKid(mcr);
				byMcid.get(slot.page)[slot.mcid] = element;
			}
			else if (kid instanceof Annotation a) {
				PDAnnotationLink link = annotations.get(a);
				PDObjectReference objr = new PDObjectReference();
				objr.setReferencedObject(link);
				objr.setPage(pages.get(a.page()));
				element.appendKid(objr);
				parentTree.put(link.getStructParent(), element.getCOSObject());
			}
		}
	}

	private static void outline(PDDocument doc, Layout layout, List<PDPage> pages) {
		PDDocumentOutline outline = new PDDocumentOutline();
		PDOutlineItem parent = null;
		for (Mark mark : layout.marks) {
			PDOutlineItem item = new PDOutlineItem();
			item.setTitle(mark.title());
			PDPageXYZDestination destination = new PDPageXYZDestination();
			destination.setPage(pages.get(mark.page()));
			destination.setTop(Math.round(mark.y()));
			destination.setLeft(0);
			item.setDestination(destination);
			if (mark.level() == 1 || parent == null) {
				outline.addLast(item);
				parent = item;
			}
			else {
				parent.addLast(item);
			}
		}
		outline.openNode();
		doc.getDocumentCatalog().setDocumentOutline(outline);
		doc.getDocumentCatalog().setPageMode(PageMode.USE_OUTLINES);
	}

	private static void text(PDPageContentStream cs, PDType0Font font, Style style, float x, float y, String text)
			throws IOException {
		cs.beginText();
		cs.setFont(font, style.size());
		cs.setNonStrokingColor(style.colour());
		if (style.bold()) {
			cs.setStrokingColor(style.colour());
			cs.setLineWidth(style.size() / 30);
			cs.setRenderingMode(RenderingMode.FILL_STROKE);
		}
		if (style.italic()) {
			cs.setTextMatrix(new Matrix(1, 0, 0.2f, 1, x, y));
		}
		else {
			cs.newLineAtOffset(x, y);
		}
		cs.showText(text);
		if (style.bold()) {
			cs.setRenderingMode(RenderingMode.FILL);
		}
		cs.endText();
	}

}
