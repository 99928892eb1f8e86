package org.opendoor.lms.booklet.internal;

/**
 * A stretch of text with one look inside a paragraph.
 *
 * @param text the text (spaces at its ends count)
 * @param bold drawn bold
 * @param italic drawn slanted
 * @param link the web link it belongs to, or {@code null}; runs of one link share the same instance
 * @param pageOf when not {@code null}, the run prints the page number of this anchor instead of its text
 */
public record Run(String text, boolean bold, boolean italic, Link link, String pageOf) {

	public static Run plain(String text) {
		return new Run(text, false, false, null, null);
	}

	public static Run bold(String text) {
		return new Run(text, true, false, null, null);
	}

	public static Run italic(String text) {
		return new Run(text, false, true, null, null);
	}

	/** The page number of an anchor. */
	public static Run pageOf(String anchor) {
		return new Run("000", false, false, null, anchor);
	}

	/** A web link: one instance per link in the text, so its runs form one Link element. */
	public static final class Link {

		private final String uri;

		public Link(String uri) {
			this.uri = uri;
		}

		public String uri() {
			return uri;
		}

	}

}
