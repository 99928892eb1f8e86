package org.opendoor.lms.course.internal;

import java.util.List;
import java.util.function.Function;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.opendoor.lms.course.PhoneLinks;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Turns course Markdown into HTML that is safe to put on a page: whatever a course file contains,
 * no script, style, frame or event handler survives. UK phone numbers and text short codes in the text
 * (not in code or existing links) become {@code tel:} and {@code sms:} links, their text unchanged.
 */
public final class MarkdownRenderer {

	private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

	/** Links as Sanitizers.LINKS allows them (web and mail, rel="nofollow"), and tap-to-call and tap-to-text links. */
	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("a")
			.allowUrlProtocols("http", "https", "mailto", "tel", "sms")
			.allowAttributes("href")
			.onElements("a")
			.requireRelNofollowOnLinks()
			.toFactory())
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br", "dl", "dt", "dd").toFactory());

	private final Parser parser = Parser.builder()
		.extensions(EXTENSIONS)
		.includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
		.build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

	/** Renders Markdown with no link rewriting. */
	public String render(String markdown) {
		return render(markdown, link -> null);
	}

	/**
	 * Renders Markdown, letting the caller rewrite each link first.
	 * @param markdown the source
	 * @param linkRewriter given each link, returns a new destination or {@code null} to keep it
	 */
	public String render(String markdown, Function<LinkAt, String> linkRewriter) {
		Node document = parser.parse(markdown == null ? "" : markdown);
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Link link) {
				int line = link.getSourceSpans().isEmpty() ? 0 : link.getSourceSpans().get(0).getLineIndex();
				String replacement = linkRewriter.apply(new LinkAt(link.getDestination(), line));
				if (replacement != null) {
					link.setDestination(replacement);
				}
				visitChildren(link);
			}

			@Override
			public void visit(Text text) {
				if (insideLink(text)) {
					return;
				}
				String literal = text.getLiteral();
				int at = 0;
				for (PhoneLinks.Found found : PhoneLinks.find(literal)) {
					if (found.start() > at) {
						text.insertBefore(new Text(literal.substring(at, found.start())));
					}
					Link link = new Link(found.href(), null);
					link.appendChild(new Text(literal.substring(found.start(), found.end())));
					text.insertBefore(link);
					at = found.end();
				}
				if (at > 0) {
					if (at < literal.length()) {
						text.insertBefore(new Text(literal.substring(at)));
					}
					text.unlink();
				}
			}
		});
		return sanitise(renderer.render(document));
	}

	private static boolean insideLink(Node node) {
		for (Node n = node.getParent(); n != null; n = n.getParent()) {
			if (n instanceof Link) {
				return true;
			}
		}
		return false;
	}

	/** Sanitises HTML with the course policy. */
	public static String sanitise(String html) {
		return POLICY.sanitize(html);
	}

	/**
	 * A link found in Markdown.
	 *
	 * @param destination the link target as written
	 * @param lineIndex zero-based line of the link within the Markdown
	 */
	public record LinkAt(String destination, int lineIndex) {
	}

}
