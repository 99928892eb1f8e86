package org.opendoor.lms.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Bidi;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

/**
 * The parts every Open Door PDF shares to be PDF/A-2b (or 3b) and PDF/UA-1: language, marked content and
 * the structure parent tree, the title shown in the window, the document information and XMP metadata
 * (with the PDF/UA extension schema), and the sRGB output intent; and text reduced to what the embedded
 * font can show.
 */
public final class AccessiblePdf {

	private static final char MISSING = '\u25A1';

	private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

	private AccessiblePdf() {
	}

	/** The document language for a language code: {@code cy} or {@code en-GB}. */
	public static String language(String code) {
		return "cy".equals(code) ? "cy" : "en-GB";
	}

	/**
	 * Finishes a one-page tagged document: catalog language, marked and with its parent tree (the page's
	 * struct parents key 0, {@code parentTreeKids} the structure element of each MCID in order), the title
	 * displayed, information and XMP metadata dated {@code date}, and the sRGB output intent.
	 *
	 * @param pdfaPart 2 for PDF/A-2b, 3 for PDF/A-3b (a document with associated files)
	 */
	public static void finish(PDDocument doc, COSArray parentTreeKids, String title, String languageCode,
			LocalDate date, int pdfaPart) throws IOException {
		finish(doc, Map.of(0, parentTreeKids), title, languageCode, date, pdfaPart);
	}

	/**
	 * Finishes a tagged document of any length: as {@link #finish(PDDocument, COSArray, String, String, LocalDate, int)},
	 * with the whole parent tree given: for each page's struct parents key the array of the structure element of
	 * each MCID, and for each annotation's struct parent key its structure element.
	 */
	public static void finish(PDDocument doc, Map<Integer, ? extends COSBase> parentTreeEntries, String title,
			String languageCode, LocalDate date, int pdfaPart) throws IOException {
		String lang = language(languageCode);
		PDDocumentCatalog catalog = doc.getDocumentCatalog();
		catalog.setLanguage(lang);
		PDMarkInfo markInfo = new PDMarkInfo();
		markInfo.setMarked(true);
		catalog.setMarkInfo(markInfo);
		PDNumberTreeNode parentTree = new PDNumberTreeNode(PDStructureElement.class);
		COSArray nums = new COSArray();
		new TreeMap<Integer, COSBase>(parentTreeEntries).forEach((key, value) -> {
			nums.add(COSInteger.get(key));
			nums.add(value);
		});
		parentTree.getCOSObject().setItem(COSName.NUMS, nums);
		catalog.getStructureTreeRoot().setParentTree(parentTree);
		catalog.getStructureTreeRoot()
			.setParentTreeNextKey(parentTreeEntries.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1);
		PDViewerPreferences prefs = new PDViewerPreferences(new COSDictionary());
		prefs.setDisplayDocTitle(true);
		catalog.setViewerPreferences(prefs);

		PDDocumentInformation info = doc.getDocumentInformation();
		info.setTitle(title);
		info.setCreator("Open Door");
		info.setProducer("Open Door with Apache PDFBox");
		info.setCreationDate(calendar(date));
		info.setModificationDate(calendar(date));
		PDMetadata metadata = new PDMetadata(doc);
		metadata.importXMPMetadata(xmp(title, lang, date, pdfaPart).getBytes(StandardCharsets.UTF_8));
		catalog.setMetadata(metadata);

		PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(SRGB));
		intent.setInfo("sRGB IEC61966-2.1");
		intent.setOutputCondition("sRGB IEC61966-2.1");
		intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
		intent.setRegistryName("http://www.color.org");
		catalog.addOutputIntent(intent);
	}

	/** The Unicode blocks Open Door prints: Latin (with Welsh and Vietnamese), modern Greek, Cyrillic, Hebrew, Arabic, punctuation, shapes. */
	private static final int[][] REPERTOIRE = { { 0x20, 0x24F }, { 0x2B0, 0x36F }, { 0x370, 0x52F }, { 0x590, 0x6FF },
			{ 0x1E00, 0x1EFF }, { 0x2000, 0x206F }, { 0x20A0, 0x20CF }, { 0x2100, 0x214F }, { 0x25A0, 0x25FF } };

	/**
	 * A TrueType font cut down once to the repertoire Open Door prints: PDFBox builds a width table for every
	 * glyph of a font each time a document loads it, and DejaVu has about 6,000.
	 */
	public static byte[] reducedFont(byte[] font) throws IOException {
		TrueTypeFont full = new TTFParser().parse(new RandomAccessReadBuffer(font));
		TTFSubsetter subsetter = new TTFSubsetter(full);
		CmapLookup cmap = full.getUnicodeCmapLookup();
		for (int[] range : REPERTOIRE) {
			for (int cp = range[0]; cp <= range[1]; cp++) {
				if (cmap.getGlyphId(cp) > 0) {
					subsetter.add(cp);
				}
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		subsetter.writeToStream(out);
		return out.toByteArray();
	}

	/**
	 * Parses a font with glyph substitution (GSUB) off: PDFBox would otherwise turn "fi" into a ligature
	 * glyph that extracts as U+FB01, and text must extract exactly as printed.
	 */
	public static TrueTypeFont parseWithoutLigatures(byte[] font) throws IOException {
		TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
		ttf.setEnableGsub(false);
		return ttf;
	}

	/** Midnight UTC of a day, as PDF dates want it. */
	public static Calendar calendar(LocalDate date) {
		Calendar when = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
		when.setTimeInMillis(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
		return when;
	}

	/**
	 * The text as it can be printed with a font: control characters removed, composed (NFC); a character
	 * the font lacks is replaced by its base letters when it has them (NFKD) or by a white square;
	 * right-to-left runs are put in visual order (without Arabic joining).
	 */
	public static String printable(String text, TrueTypeFont font) {
		String composed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
		StringBuilder out = new StringBuilder();
		composed.codePoints().forEach(cp -> {
			int type = Character.getType(cp);
			if (cp == '\t' || cp == '\n' || cp == '\r' || Character.isSpaceChar(cp)) {
				out.append(' ');
			}
			else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
					|| type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
				return;
			}
			else if (covered(font, cp)) {
				out.appendCodePoint(cp);
			}
			else {
				String base = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD)
					.codePoints()
					.filter(b -> covered(font, b))
					.filter(b -> Character.getType(b) != Character.NON_SPACING_MARK)
					.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
					.toString();
				out.append(base.isEmpty() || base.codePointAt(0) == cp ? String.valueOf(MISSING) : base);
			}
		});
		String clean = out.toString().replaceAll(" +", " ").strip();
		if (Bidi.requiresBidi(clean.toCharArray(), 0, clean.length())) {
			Bidi bidi = new Bidi(clean, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
			StringBuilder visual = new StringBuilder();
			int runs = bidi.getRunCount();
			byte[] levels = new byte[runs];
			Integer[] objects = new Integer[runs];
			for (int i = 0; i < runs; i++) {
				levels[i] = (byte) bidi.getRunLevel(i);
				objects[i] = i;
			}
			Bidi.reorderVisually(levels, 0, objects, 0, runs);
			for (Integer run : objects) {
				String part = clean.substring(bidi.getRunStart(run), bidi.getRunLimit(run));
				visual.append((bidi.getRunLevel(run) & 1) == 1 ? new StringBuilder(part).reverse() : part);
			}
			clean = visual.toString();
		}
		return clean;
	}

	private static boolean covered(TrueTypeFont font, int cp) {
		try {
			return font.getUnicodeCmapLookup().getGlyphId(cp) > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String xmp(String title, String lang, LocalDate date, int part) {
		String when = date + "T00:00:00Z";
		return """
				<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
				<x:xmpmeta xmlns:x="adobe:ns:meta/">
				 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
				  <rdf:Description rdf:about=""
				    xmlns:dc="http://purl.org/dc/elements/1.1/"
				    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
				    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
				    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
				    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
				    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
				    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
				    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
				   <dc:format>application/pdf</dc:format>
				   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
				   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>
				   <xmp:CreatorTool>Open Door</xmp:CreatorTool>
				   <xmp:CreateDate>%s</xmp:CreateDate>
				   <xmp:ModifyDate>%s</xmp:ModifyDate>
				   <pdf:Producer>Open Door with Apache PDFBox</pdf:Producer>
				   <pdfaid:part>%d</pdfaid:part>
				   <pdfaid:conformance>B</pdfaid:conformance>
				   <pdfuaid:part>1</pdfuaid:part>
				   <pdfaExtension:schemas>
				    <rdf:Bag>
				     <rdf:li rdf:parseType="Resource">
				      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
				      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
				      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
				      <pdfaSchema:property>
				       <rdf:Seq>
				        <rdf:li rdf:parseType="Resource">
				         <pdfaProperty:name>part</pdfaProperty:name>
				         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
				         <pdfaProperty:category>internal</pdfaProperty:category>
				         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
				        </rdf:li>
				       </rdf:Seq>
				      </pdfaSchema:property>
				     </rdf:li>
				    </rdf:Bag>
				   </pdfaExtension:schemas>
				  </rdf:Description>
				 </rdf:RDF>
				</x:xmpmeta>
				<?xpacket end="w"?>""".formatted(escapeXml(title), lang, when, when, part);
	}

	static String escapeXml(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
