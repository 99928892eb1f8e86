package org.opendoor.lms.facilitation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.FacilitatorGuide;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.SafetyFlags;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.WellbeingPlan;
import org.opendoor.lms.directory.LocalService;
import org.springframework.context.MessageSource;

/**
 * Builds the slides of a course for a group session: a title slide; per module an introduction (with the
 * content note when any of its pages has one), each lesson in readable parts, each knowledge-check question
 * as "discuss, then reveal", each scenario along its best path as situation, "what would you do?" and a
 * reveal of the feedback on every choice, and any private plan; the content note on the slides that discuss
 * suicide or self-harm, and a support slide after every lesson, check, scenario or plan whose pages have the
 * support box;
 * and a closing "where to get help" slide. Every slide has facilitator notes: the authored ones from the
 * course's facilitator file and generated ones (timings, the right answers and feedback for the reveals).
 */
final class SlideDeck {

	/** A lesson slide holds at most this many blocks (paragraphs, lists)… */
	static final int MAX_BLOCKS = 3;

	/** …and about this many characters of text, so it can be read from the back of a room. */
	static final int MAX_CHARS = 480;

	/**
	 * The room on a slide, in lines of body text. Slides are laid out on a 16:9 stage whose type scales with
	 * the stage (facilitate.css), so a slide that fits at 1,280 by 720 fits on every 16:9 screen. About this
	 * many characters of body text make a line…
	 */
	static final int LINE_CHARS = 88;

	/** …and the stage holds this many lines under the slide's heading. */
	static final double LINES = 15.5;

	/** A slide's title has about this many characters a line; each line after the first takes… */
	static final int TITLE_CHARS = 44;

	/** …this many lines of body text. */
	static final double TITLE_LINES = 1.6;

	/** "The options", "Talk through each choice": this many lines. */
	static final double POINTS_TITLE_LINES = 1.4;

	/** The content note takes this many lines… */
	static final double NOTE_LINES = 3.5;

	/** …and the urgent-help line this many. */
	static final double SUPPORT_LINES = 1.5;

	/** Characters in a line of a contact, in its column… */
	static final int CONTACT_LINE_CHARS = 62;

	/** …and the room for contacts, in lines of body text, under the urgent-help line and above the closing line. */
	static final double CONTACT_ROOM = 9.5;

	private static final Pattern LIST_ITEM = Pattern.compile("(?s)<li\\b[^>]*>(.*?)</li>");

	private static final Pattern OPEN_TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>");

	private static final Set<String> VOID = Set.of("hr", "br", "img");

	private final MessageSource messages;

	private final Locale locale;

	private final List<Slide> slides = new ArrayList<>();

	/** The section the slides being added belong to (0 the opening, then the modules, then the close). */
	private int section;

	/** Whether the slides being added belong to a part with the support box. */
	private boolean supportLine;

	private SlideDeck(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	/** The slides of a course, with contacts for the facilitator's nation and any chosen local services. */
	static List<Slide> build(Course course, FacilitatorGuide guide, List<SupportContact> contacts,
			List<LocalService> local, MessageSource messages, Locale locale) {
		SlideDeck deck = new SlideDeck(messages, locale);
		deck.titleSlide(course, guide);
		int n = 0;
		for (CourseModule module : course.modules()) {
			n++;
			deck.module(course, module, n, guide.module(module.id()).orElse(null), contacts, local);
		}
		deck.section = n + 1;
		List<String> notes = new ArrayList<>();
		deck.authored(notes, "closing", guide.closing());
		notes.add(deck.msg("facilitate.notes.help"));
		deck.contactSlides("help", deck.msg("facilitate.help.title"), null, contacts, local, notes);
		return List.copyOf(deck.slides);
	}

	private void titleSlide(Course course, FacilitatorGuide guide) {
		List<String> notes = new ArrayList<>();
		authored(notes, "opening", guide.opening());
		guide.groundRules().forEach(r -> authored(notes, "groundRule", r));
		notes.add(msg("facilitate.notes.courseTime", course.estimatedMinutes()));
		add("title", course.title(), msg("facilitate.title.subtitle"), null, List.of(escape(course.description())),
				List.of(), false, List.of(), List.of(), notes);
	}

	private void module(Course course, CourseModule module, int number, FacilitatorGuide.ModuleNotes authored,
			List<SupportContact> contacts, List<LocalService> local) {
		section = number;
		supportLine = false;
		boolean contentNote = SafetyFlags.discusses(module);
		int readingMinutes = module.items().stream().filter(Lesson.class::isInstance).mapToInt(i -> ((Lesson) i).minutes()).sum();
		List<String> notes = new ArrayList<>();
		if (authored != null && authored.minutes() != null) {
			notes.add(msg("facilitate.notes.moduleTime", authored.minutes()));
		}
		else {
			notes.add(msg("facilitate.notes.moduleReading", readingMinutes));
		}
		if (contentNote) {
			notes.add(msg("facilitate.notes.contentNote"));
		}
		if (authored != null) {
			authored(notes, "opening", authored.opening());
			authored.groundRules().forEach(r -> authored(notes, "groundRule", r));
			authored.safety().forEach(s -> authored(notes, "safety", s));
			authored.prompts().forEach(p -> authored(notes, "prompt", p));
		}
		add("module", module.title(), msg("facilitate.module.number", number, course.modules().size()), null, List.of(),
				List.of(), contentNote, List.of(), List.of(), notes);
		for (ModuleItem item : module.items()) {
			supportLine = SafetyFlags.hasSupportBox(item);
			if (item instanceof Lesson lesson) {
				lesson(module, lesson);
			}
			else if (item instanceof KnowledgeCheck check) {
				for (Question q : check.questions()) {
					question(check, q);
				}
			}
			else if (item instanceof Scenario scenario) {
				scenario(scenario);
			}
			else if (item instanceof WellbeingPlan plan) {
				add("plan", plan.title(), null, plan.introHtml(),
						plan.prompts().stream().map(p -> escape(p.label())).toList(), List.of(), plan.contentNote(),
						List.of(), List.of(), List.of(msg("facilitate.notes.plan")));
			}
			if (SafetyFlags.hasSupportBox(item)) {
				// after the slides of a lesson, check, scenario or plan that discusses suicide or self-harm
				supportLine = false;
				boolean signposting = "signposting".equals(module.id());
				contactSlides("support", msg("facilitate.support.title"), item.title(), contacts,
						signposting ? local : List.of(), List.of(msg("facilitate.notes.support")));
			}
		}
	}

	private void lesson(CourseModule module, Lesson lesson) {
		List<String> parts = parts(lesson.html(), room(lesson.title(), lesson.contentNote()), room(lesson.title(), false));
		for (int i = 0; i < parts.size(); i++) {
			List<String> notes = new ArrayList<>();
			if (i == 0) {
				notes.add(msg("facilitate.notes.lessonTime", lesson.minutes()));
			}
			String subtitle = parts.size() > 1 ? msg("facilitate.lesson.part", i + 1, parts.size()) : module.title();
			add("lesson", lesson.title(), subtitle, parts.get(i), List.of(), List.of(), i == 0 && lesson.contentNote(),
					List.of(), List.of(), notes);
		}
	}

	private void question(KnowledgeCheck check, Question q) {
		List<String> right = new ArrayList<>();
		List<Slide.Reveal> reveals = new ArrayList<>();
		List<String> feedback = new ArrayList<>();
		for (Question.Option o : q.options()) {
			if (o.correct()) {
				right.add(plain(o.textHtml()));
			}
			reveals.add(new Slide.Reveal(o.textHtml(), o.feedbackHtml(), o.correct(), false));
			feedback.add(msg("facilitate.notes.feedback", plain(o.textHtml()), plain(o.feedbackHtml())));
		}
		boolean contentNote = q.supportBox() || check.contentNote() && check.questions().get(0) == q;
		List<String> options = q.options().stream().map(Question.Option::textHtml).toList();
		List<String> askNotes = List.of(msg("facilitate.notes.question"),
				msg("facilitate.notes.rightAnswer", String.join("; ", right)));
		List<List<String>> asked = groups(options, SlideDeck::lines,
				room(check.title(), contentNote) - lines(q.promptHtml()) - POINTS_TITLE_LINES,
				room(check.title(), false) - POINTS_TITLE_LINES);
		int start = 1;
		for (int i = 0; i < asked.size(); i++) {
			add("question", check.title(), continued(msg("facilitate.question.discuss"), i, asked.size()),
					i == 0 ? q.promptHtml() : null, asked.get(i), List.of(), i == 0 && contentNote, List.of(), List.of(),
					askNotes, start);
			start += asked.get(i).size();
		}
		List<String> notes = new ArrayList<>(feedback);
		if (q.explanationHtml() != null) {
			notes.add(plain(q.explanationHtml()));
		}
		revealSlides("answer", check.title(), msg("facilitate.question.reveal"), q.promptHtml(), reveals, notes);
	}

	/**
	 * Support or help slides: the urgent-help line and the contacts, over as many slides as the contacts need
	 * (each slide keeps the urgent-help line; the part number goes in the title so the subtitle still names
	 * the part of the course the support follows).
	 */
	private void contactSlides(String kind, String title, String subtitle, List<SupportContact> contacts,
			List<LocalService> local, List<String> notes) {
		List<Object> entries = new ArrayList<>(contacts);
		entries.addAll(local);
		List<List<Object>> parts = groups(entries, SlideDeck::contactLines, CONTACT_ROOM, CONTACT_ROOM);
		for (int i = 0; i < parts.size(); i++) {
			List<SupportContact> these = parts.get(i).stream().filter(SupportContact.class::isInstance)
				.map(SupportContact.class::cast).toList();
			List<LocalService> theirs = parts.get(i).stream().filter(LocalService.class::isInstance)
				.map(LocalService.class::cast).toList();
			add(kind, continued(title, i, parts.size()), subtitle, null, List.of(), List.of(), false, these, theirs, notes);
		}
	}

	/**
	 * About how many lines of body text a contact takes on a slide, where contacts are set smaller (about
	 * 0.62 of the body text) in two columns, one entry each: name, how to reach it, who it is for, tier, hours
	 * and whether it has been checked.
	 */
	static double contactLines(Object entry) {
		int chars;
		if (entry instanceof SupportContact c) {
			chars = length(c.name(), c.reach(), c.forWhom(), c.hours()) + 60;
		}
		else if (entry instanceof LocalService s) {
			chars = length(s.name(), s.reach(), s.offer(), s.hours()) + 10;
		}
		else {
			throw new IllegalArgumentException(String.valueOf(entry));
		}
		// a line at 0.62 of the size is 0.6 of a body line, a gap between entries 0.2; two columns share them
		return (Math.ceil(chars / (double) CONTACT_LINE_CHARS) * 0.6 + 0.2) / 2;
	}

	private static int length(String... texts) {
		return java.util.Arrays.stream(texts).mapToInt(t -> t == null ? 0 : t.length()).sum();
	}

	/** Reveal slides: the choices with their feedback, over as many slides as they need. */
	private void revealSlides(String kind, String title, String subtitle, String html, List<Slide.Reveal> reveals,
			List<String> notes) {
		double first = room(title, false) - (html == null ? 0 : lines(html));
		List<List<Slide.Reveal>> parts = groups(reveals, SlideDeck::lines, first, room(title, false));
		int start = 1;
		for (int i = 0; i < parts.size(); i++) {
			add(kind, title, continued(subtitle, i, parts.size()), i == 0 ? html : null, List.of(), parts.get(i), false,
					List.of(), List.of(), notes, start);
			start += parts.get(i).size();
		}
	}

	/** The subtitle of part {@code i} of {@code count} slides that show one thing. */
	private String continued(String subtitle, int i, int count) {
		return count == 1 ? subtitle : msg("facilitate.continued", subtitle, i + 1, count);
	}

	private void scenario(Scenario scenario) {
		Set<String> visited = new HashSet<>();
		Scenario.Node node = scenario.node(scenario.start()).orElse(null);
		String setting = msg("facilitate.scenario.setting", scenario.setting());
		int point = 0;
		while (node != null && visited.add(node.id())) {
			if (node.ending() || node.choices().isEmpty()) {
				add("ending", scenario.title(), msg("facilitate.scenario.end"), node.textHtml(), List.of(), List.of(),
						node.supportBox(), List.of(), List.of(), List.of(msg("facilitate.notes.ending")));
				return;
			}
			point++;
			boolean note = node.supportBox() || point == 1 && scenario.contentNote();
			String subtitle = point == 1 ? setting : msg("facilitate.scenario.next");
			List<String> story = parts(node.textHtml(), room(scenario.title(), note), room(scenario.title(), false));
			for (int i = 0; i < story.size(); i++) {
				add("situation", scenario.title(), continued(subtitle, i, story.size()), story.get(i), List.of(),
						List.of(), i == 0 && note, List.of(), List.of(), List.of(msg("facilitate.notes.situation")));
			}
			List<String> feedback = new ArrayList<>();
			List<Slide.Reveal> reveals = new ArrayList<>();
			Scenario.Choice best = null;
			for (Scenario.Choice c : node.choices()) {
				reveals.add(new Slide.Reveal(c.textHtml(), c.feedbackHtml(), c.best(), c.critical()));
				feedback.add(msg("facilitate.notes.feedback", plain(c.textHtml()), plain(c.feedbackHtml())));
				if (best == null && c.best()) {
					best = c;
				}
			}
			List<String> discussNotes = new ArrayList<>();
			discussNotes.add(msg("facilitate.notes.discuss"));
			discussNotes.addAll(feedback);
			List<List<String>> choices = groups(node.choices().stream().map(Scenario.Choice::textHtml).toList(),
					SlideDeck::lines, room(scenario.title(), false) - POINTS_TITLE_LINES,
					room(scenario.title(), false) - POINTS_TITLE_LINES);
			int start = 1;
			for (int i = 0; i < choices.size(); i++) {
				add("discuss", msg("facilitate.scenario.what"), continued(scenario.title(), i, choices.size()), null,
						choices.get(i), List.of(), false, List.of(), List.of(), discussNotes, start);
				start += choices.get(i).size();
			}
			revealSlides("reveal", msg("facilitate.scenario.reveal"), scenario.title(), null, reveals,
					List.of(msg("facilitate.notes.reveal")));
			Scenario.Choice next = best != null ? best : node.choices().get(0);
			node = scenario.node(next.next()).orElse(null);
		}
	}

	private void add(String kind, String title, String subtitle, String html, List<String> points,
			List<Slide.Reveal> reveals, boolean contentNote, List<SupportContact> contacts, List<LocalService> local,
			List<String> notes) {
		add(kind, title, subtitle, html, points, reveals, contentNote, contacts, local, notes, 1);
	}

	private void add(String kind, String title, String subtitle, String html, List<String> points,
			List<Slide.Reveal> reveals, boolean contentNote, List<SupportContact> contacts, List<LocalService> local,
			List<String> notes, int start) {
		slides.add(new Slide(kind, title, subtitle, html, List.copyOf(points), List.copyOf(reveals), contentNote,
				List.copyOf(contacts), List.copyOf(local), List.copyOf(notes), section, start, supportLine));
	}

	/** The lines of body text a slide has room for, with or without the content note. */
	private double room(String title, boolean contentNote) {
		double titleLines = Math.ceil(Math.max(1, title.length()) / (double) TITLE_CHARS) - 1;
		return LINES - titleLines * TITLE_LINES - (contentNote ? NOTE_LINES : 0) - (supportLine ? SUPPORT_LINES : 0);
	}

	/** About how many lines a piece of slide HTML takes: each paragraph or list item from a new line. */
	static double lines(String html) {
		if (html == null || html.isBlank()) {
			return 0;
		}
		double total = 0;
		for (String block : blocks(html)) {
			if (block.matches("(?s)<[ou]l\\b.*")) {
				Matcher item = LIST_ITEM.matcher(block);
				while (item.find()) {
					total += textLines(plain(item.group(1))) + 0.15;
				}
			}
			else {
				total += textLines(plain(block)) + 0.35;
			}
		}
		return total;
	}

	/** Lines of a run of text, in body type. */
	private static double textLines(String text) {
		return Math.ceil(Math.max(1, text.length()) / (double) LINE_CHARS);
	}

	/** About how many lines a choice with its tag and its feedback (paragraphs without gaps) take on a reveal slide. */
	static double lines(Slide.Reveal reveal) {
		double feedback = 0;
		for (String block : blocks(reveal.feedbackHtml() == null ? "" : reveal.feedbackHtml())) {
			feedback += textLines(plain(block));
		}
		return textLines(plain(reveal.textHtml()) + " Safety mistake") + feedback + 0.3;
	}

	/**
	 * Items in as few slides as they fit, as evenly as possible: the first slide has {@code first} lines of
	 * room, the others {@code room}. An item too long for any slide gets a slide of its own.
	 */
	static <T> List<List<T>> groups(List<T> items, java.util.function.ToDoubleFunction<T> cost, double first, double room) {
		List<List<T>> greedy = fill(items, cost, first, room);
		if (greedy.size() < 2) {
			return greedy;
		}
		// the same number of slides, each filled less, so the last is not left with one item
		double total = items.stream().mapToDouble(cost).sum() + (room - first);
		for (double limit = total / greedy.size(); limit < room; limit += 0.25) {
			List<List<T>> even = fill(items, cost, limit - (room - first), limit);
			if (even.size() == greedy.size()) {
				return even;
			}
		}
		return greedy;
	}

	private static <T> List<List<T>> fill(List<T> items, java.util.function.ToDoubleFunction<T> cost, double first,
			double room) {
		List<List<T>> groups = new ArrayList<>();
		List<T> current = new ArrayList<>();
		double used = 0;
		for (T item : items) {
			double c = cost.applyAsDouble(item);
			if (!current.isEmpty() && used + c > (groups.isEmpty() ? first : room)) {
				groups.add(current);
				current = new ArrayList<>();
				used = 0;
			}
			current.add(item);
			used += c;
		}
		if (!current.isEmpty() || groups.isEmpty()) {
			groups.add(current);
		}
		return groups;
	}

	private void authored(List<String> notes, String label, String text) {
		if (text != null && !text.isBlank()) {
			notes.add(msg("facilitate.notes.label." + label) + " " + text.strip());
		}
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	/**
	 * A lesson's HTML in readable parts: a new part at each heading, or when a part is full (blocks,
	 * characters, or the lines the slide has room for: {@code first} on the first slide, {@code room} after).
	 */
	static List<String> parts(String html, double first, double room) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int blocks = 0;
		int chars = 0;
		double lines = 0;
		for (String block : fitted(blocks(html), room)) {
			boolean heading = block.matches("(?s)<h[2-6]\\b.*");
			int length = plain(block).length();
			double cost = lines(block);
			double limit = parts.isEmpty() ? first : room;
			if (blocks > 0 && (heading || blocks >= MAX_BLOCKS || chars + length > MAX_CHARS || lines + cost > limit)) {
				parts.add(current.toString());
				current.setLength(0);
				blocks = 0;
				chars = 0;
				lines = 0;
			}
			current.append(block).append('\n');
			blocks++;
			chars += length;
			lines += cost;
		}
		if (blocks > 0 || parts.isEmpty()) {
			parts.add(current.toString());
		}
		return parts;
	}

	/** The blocks, with any list too long for a slide cut into lists that fit (a numbered list keeps its numbers). */
	static List<String> fitted(List<String> blocks, double room) {
		List<String> fitted = new ArrayList<>();
		for (String block : blocks) {
			Matcher list = Pattern.compile("(?s)^<([ou]l)\\b([^>]*)>(.*)</\\1>$").matcher(block);
			if (!list.matches() || lines(block) <= room || list.group(2).contains("start=")) {
				fitted.add(block);
				continue;
			}
			List<String> items = new ArrayList<>();
			Matcher item = LIST_ITEM.matcher(list.group(3));
			while (item.find()) {
				items.add(item.group());
			}
			int start = 1;
			for (List<String> group : groups(items, SlideDeck::lines, room, room)) {
				String attributes = list.group(2) + ("ol".equals(list.group(1)) && start > 1 ? " start=\"" + start + "\"" : "");
				fitted.add("<" + list.group(1) + attributes + ">" + String.join("", group) + "</" + list.group(1) + ">");
				start += group.size();
			}
		}
		return fitted;
	}

	/** The top-level elements of a well-formed HTML fragment, in order. */
	static List<String> blocks(String html) {
		List<String> blocks = new ArrayList<>();
		int i = 0;
		int n = html.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(html.charAt(i))) {
				i++;
			}
			if (i >= n) {
				break;
			}
			Matcher open = OPEN_TAG.matcher(html);
			if (!open.find(i) || open.start() != i) {
				int next = html.indexOf('<', i);
				int end = next < 0 ? n : next;
				blocks.add("<p>" + html.substring(i, end).strip() + "</p>");
				i = end;
				continue;
			}
			String name = open.group(1).toLowerCase(Locale.ROOT);
			if (VOID.contains(name) || open.group().endsWith("/>")) {
				blocks.add(open.group());
				i = open.end();
				continue;
			}
			Matcher tags = Pattern.compile("<(/?)" + name + "\\b[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html);
			int depth = 0;
			int end = n;
			int from = i;
			while (tags.find(from)) {
				depth += tags.group(1).isEmpty() ? 1 : -1;
				from = tags.end();
				if (depth == 0) {
					end = tags.end();
					break;
				}
			}
			blocks.add(html.substring(i, end));
			i = end;
		}
		return blocks;
	}

	/** Plain text of sanitised HTML, for notes. */
	static String plain(String html) {
		if (html == null) {
			return "";
		}
		return html.replaceAll("<[^>]+>", " ")
			.replace("&nbsp;", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&")
			.replaceAll("\\s+", " ")
			.strip();
	}

	private static String escape(String text) {
		return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
