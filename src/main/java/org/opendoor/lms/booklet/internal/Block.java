package org.opendoor.lms.booklet.internal;

import java.util.List;

/** A block of a booklet, in reading order: what {@link BookletRenderer} lays out, tags and draws. */
public sealed interface Block permits Block.Heading, Block.Paragraph, Block.Bullets, Block.Quote, Block.Boxed,
		Block.WriteIn, Block.Contents, Block.PageBreak, Block.SupportPages, Block.Cover {

	/**
	 * A heading (H1 to H3).
	 *
	 * @param level 1 to 3
	 * @param text the heading
	 * @param anchor a name page references and the contents use, or {@code null}
	 * @param outline 0 for no bookmark, 1 for a top-level bookmark, 2 for one under the last top-level one
	 */
	record Heading(int level, String text, String anchor, int outline) implements Block {
	}

	/** How a paragraph looks. */
	enum Look {
		BODY, LEAD, META, URGENT, COVER_TITLE, COVER_ORGANISATION
	}

	/**
	 * A paragraph of runs.
	 *
	 * @param runs its text
	 * @param look how it looks
	 * @param language its language when it differs from the document's ({@code cy} or {@code en-GB}), or {@code null}
	 */
	record Paragraph(List<Run> runs, Look look, String language) implements Block {

		public static Paragraph of(Look look, String text) {
			return new Paragraph(List.of(Run.plain(text)), look, null);
		}

		public static Paragraph of(String text) {
			return of(Look.BODY, text);
		}

	}

	/**
	 * A list (L, with LI, Lbl and LBody).
	 *
	 * @param ordered numbered (1., 2.) or lettered when {@code letters}, else bulleted
	 * @param letters label the items a., b., c.
	 * @param items each item's blocks
	 */
	record Bullets(boolean ordered, boolean letters, List<List<Block>> items) implements Block {
	}

	/** A quotation (BlockQuote), indented with a rule beside it. */
	record Quote(List<Block> blocks) implements Block {
	}

	/**
	 * A set-apart section (a Sect with a coloured rule beside it), for the support box and content notes.
	 *
	 * @param urgent whether the rule is in the urgent colour
	 */
	record Boxed(List<Block> blocks, boolean urgent) implements Block {
	}

	/** Blank lines to write on (artifacts: they are not text). */
	record WriteIn(int lines) implements Block {
	}

	/** The table of contents (TOC, TOCI), with the page of each entry's anchor. */
	record Contents(List<Entry> entries) implements Block {

		/**
		 * @param text the entry
		 * @param anchor the heading it points to
		 * @param level 1 or 2 (indented)
		 */
		public record Entry(String text, String anchor, int level) {
		}

	}

	/**
	 * Content that discusses suicide or self-harm: every page it is printed on carries the booklet's support
	 * line at its foot, so help is never more than a glance away.
	 */
	record SupportPages(List<Block> blocks) implements Block {
	}

	/**
	 * The cover page's designed top: the title on a coloured band, then who the booklet is for, its details and
	 * the awareness statement.
	 *
	 * @param kicker a short line above the title, for example "Course booklet"
	 * @param title the course title (the document's H1)
	 * @param preparedFor the words before the organisation's name, for example "Prepared for"
	 * @param organisation the organisation the booklet is for, or {@code null}
	 * @param details short lines: language, version, date printed, whose contacts
	 * @param awareness what the course is and is not
	 */
	record Cover(String kicker, String title, String preparedFor, String organisation, List<String> details,
			String awareness) implements Block {
	}

	/** Starts a new page. */
	record PageBreak() implements Block {
	}

}
