package org.opendoor.lms.booklet.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import org.owasp.html.HtmlSanitizer;

/**
 * The course's sanitised HTML as booklet blocks: paragraphs, headings (as H3, below the lesson's H2), bulleted
 * and numbered lists, quotations, bold and italic, and links. A web link keeps its text and prints its address
 * after it; a link to another page of the course prints that page's number. Read with the sanitiser's own
 * HTML lexer (entities decoded, tags balanced).
 */
public final class HtmlBlocks {

	private HtmlBlocks() {
	}

	/**
	 * The blocks of an HTML fragment.
	 *
	 * @param html sanitised HTML, or {@code null}
	 * @param internal the anchor a link that is not a web address points to, or {@code null} when unknown
	 * @param pageWord the word before a page number, for example "page"
	 */
	public static List<Block> of(String html, Function<String, String> internal, String pageWord) {
		Reader reader = new Reader(internal, pageWord);
		HtmlSanitizer.sanitize(html == null ? "" : html, reader);
		reader.flush();
		return reader.root;
	}

	/** The text of an HTML fragment as runs of one paragraph (for option text and short prompts). */
	public static List<Run> runs(String html) {
		List<Run> runs = new ArrayList<>();
		for (Block block : of(html, href -> null, "")) {
			if (block instanceof Block.Paragraph p) {
				if (!runs.isEmpty()) {
					runs.add(Run.plain(" "));
				}
				runs.addAll(p.runs());
			}
		}
		return runs;
	}

	/** A list being read. */
	private record ListFrame(boolean ordered, List<List<Block>> items, boolean implicit) {
	}

	/** A container being read: the document, a list item or a quotation. */
	private record BlockFrame(String tag, List<Block> blocks) {
	}

	private static final class Reader implements HtmlSanitizer.Policy {

		final List<Block> root = new ArrayList<>();

		final Deque<Object> frames = new ArrayDeque<>();

		final Function<String, String> internal;

		final String pageWord;

		List<Run> runs;

		int heading;

		int bold;

		int italic;

		Run.Link link;

		String linkText;

		String linkAnchor;

		boolean cellStarted;

		Reader(Function<String, String> internal, String pageWord) {
			this.internal = internal;
			this.pageWord = pageWord;
			frames.push(new BlockFrame("", root));
		}

		List<Block> blocks() {
			for (Object frame : frames) {
				if (frame instanceof BlockFrame b) {
					return b.blocks();
				}
			}
			return root;
		}

		void flush() {
			if (runs != null && runs.stream().anyMatch(r -> r.pageOf() != null || !r.text().isBlank())) {
				if (heading > 0) {
					StringBuilder text = new StringBuilder();
					runs.forEach(r -> text.append(r.text()));
					blocks().add(new Block.Heading(3, text.toString().strip(), null, 0));
				}
				else {
					blocks().add(new Block.Paragraph(List.copyOf(runs), Block.Look.BODY, null));
				}
			}
			runs = null;
			heading = 0;
		}

		@Override
		public void openDocument() {
		}

		@Override
		public void closeDocument() {
		}

		@Override
		public void openTag(String name, List<String> attrs) {
			switch (name) {
				case "p", "dt", "dd", "pre", "tr", "caption" -> {
					flush();
					runs = new ArrayList<>();
					cellStarted = false;
				}
				case "h1", "h2", "h3", "h4", "h5", "h6" -> {
					flush();
					runs = new ArrayList<>();
					heading = name.charAt(1) - '0';
				}
				case "ul", "ol" -> {
					flush();
					frames.push(new ListFrame("ol".equals(name), new ArrayList<>(), false));
				}
				case "li" -> {
					flush();
					List<Block> item = new ArrayList<>();
					if (frames.peek() instanceof ListFrame list) {
						list.items().add(item);
					}
					else {
						ListFrame list = new ListFrame(false, new ArrayList<>(), true);
						list.items().add(item);
						frames.push(list);
					}
					frames.push(new BlockFrame("li", item));
				}
				case "blockquote" -> {
					flush();
					frames.push(new BlockFrame("blockquote", new ArrayList<>()));
				}
				case "td", "th" -> {
					if (cellStarted) {
						text(" | ");
					}
					cellStarted = true;
				}
				case "strong", "b" -> bold++;
				case "em", "i" -> italic++;
				case "br" -> text(" ");
				case "hr" -> flush();
				case "a" -> {
					String href = null;
					for (int i = 0; i + 1 < attrs.size(); i += 2) {
						if ("href".equals(attrs.get(i))) {
							href = attrs.get(i + 1);
						}
					}
					link = null;
					linkAnchor = null;
					linkText = "";
					if (href != null && href.matches("(?i)(https?:|mailto:|tel:).*")) {
						link = new Run.Link(href);
					}
					else if (href != null) {
						linkAnchor = internal.apply(href);
					}
				}
				default -> {
				}
			}
		}

		@Override
		public void closeTag(String name) {
			switch (name) {
				case "p", "dt", "dd", "pre", "tr", "caption", "h1", "h2", "h3", "h4", "h5", "h6" -> flush();
				case "li" -> {
					flush();
					if (frames.peek() instanceof BlockFrame b && "li".equals(b.tag())) {
						frames.pop();
					}
					if (frames.peek() instanceof ListFrame list && list.implicit()) {
						// An item without a list around it: close the list made for it.
						frames.pop();
						blocks().add(new Block.Bullets(list.ordered(), false, list.items()));
					}
				}
				case "ul", "ol" -> {
					flush();
					if (frames.peek() instanceof ListFrame list) {
						frames.pop();
						blocks().add(new Block.Bullets(list.ordered(), false, list.items()));
					}
				}
				case "blockquote" -> {
					flush();
					if (frames.peek() instanceof BlockFrame b && "blockquote".equals(b.tag())) {
						frames.pop();
						blocks().add(new Block.Quote(b.blocks()));
					}
				}
				case "strong", "b" -> bold = Math.max(0, bold - 1);
				case "em", "i" -> italic = Math.max(0, italic - 1);
				case "a" -> {
					if (link != null && !sameAddress(linkText, link.uri())) {
						add(new Run(" (" + link.uri().replaceFirst("^(?i)(mailto|tel):", "") + ")", false, false, link, null));
					}
					else if (linkAnchor != null) {
						add(Run.plain(" (" + pageWord + " "));
						add(Run.pageOf(linkAnchor));
						add(Run.plain(")"));
					}
					link = null;
					linkAnchor = null;
				}
				default -> {
				}
			}
		}

		private static boolean sameAddress(String text, String uri) {
			String t = text.strip().replaceFirst("^(?i)(mailto|tel):", "").replaceAll("/$", "");
			String u = uri.strip().replaceFirst("^(?i)(mailto|tel):", "").replaceAll("/$", "");
			return t.equalsIgnoreCase(u) || t.equalsIgnoreCase(u.replaceFirst("^(?i)https?://", ""));
		}

		@Override
		public void text(String text) {
			if (runs == null) {
				if (text.isBlank()) {
					return;
				}
				runs = new ArrayList<>();
			}
			if (link != null || linkAnchor != null) {
				linkText += text;
			}
			add(new Run(text, bold > 0, italic > 0, link, null));
		}

		private void add(Run run) {
			if (runs == null) {
				runs = new ArrayList<>();
			}
			runs.add(run);
		}

	}

}
