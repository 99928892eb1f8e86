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

	private static final Pattern OPEN_TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>");

	private static final Set<String> VOID = Set.of("hr", "br", "img");

	private final MessageSource messages;

	private final Locale locale;

	private final List<Slide> slides = new ArrayList<>();

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
		List<String> notes = new ArrayList<>();
		deck.authored(notes, "closing", guide.closing());
		notes.add(deck.msg("facilitate.notes.help"));
		deck.add("help", deck.msg("facilitate.help.title"), null, null, List.of(), List.of(), false, contacts, local, notes);
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
				boolean signposting = "signposting".equals(module.id());
				add("support", msg("facilitate.support.title"), item.title(), null, List.of(), List.of(), false, contacts,
						signposting ? local : List.of(), List.of(msg("facilitate.notes.support")));
			}
		}
	}

	private void lesson(CourseModule module, Lesson lesson) {
		List<String> parts = parts(lesson.html());
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
		add("question", check.title(), msg("facilitate.question.discuss"), q.promptHtml(),
				q.options().stream().map(Question.Option::textHtml).toList(), List.of(), contentNote, List.of(), List.of(),
				List.of(msg("facilitate.notes.question"), msg("facilitate.notes.rightAnswer", String.join("; ", right))));
		List<String> notes = new ArrayList<>(feedback);
		if (q.explanationHtml() != null) {
			notes.add(plain(q.explanationHtml()));
		}
		add("answer", check.title(), msg("facilitate.question.reveal"), q.promptHtml(), List.of(), reveals, false,
				List.of(), List.of(), notes);
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
			add("situation", scenario.title(), point == 1 ? setting : msg("facilitate.scenario.next"), node.textHtml(),
					List.of(), List.of(), node.supportBox() || point == 1 && scenario.contentNote(), List.of(), List.of(),
					List.of(msg("facilitate.notes.situation")));
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
			add("discuss", msg("facilitate.scenario.what"), scenario.title(), null,
					node.choices().stream().map(Scenario.Choice::textHtml).toList(), List.of(), false, List.of(), List.of(),
					discussNotes);
			add("reveal", msg("facilitate.scenario.reveal"), scenario.title(), null, List.of(), reveals, false, List.of(),
					List.of(), List.of(msg("facilitate.notes.reveal")));
			Scenario.Choice next = best != null ? best : node.choices().get(0);
			node = scenario.node(next.next()).orElse(null);
		}
	}

	private void add(String kind, String title, String subtitle, String html, List<String> points,
			List<Slide.Reveal> reveals, boolean contentNote, List<SupportContact> contacts, List<LocalService> local,
			List<String> notes) {
		slides.add(new Slide(kind, title, subtitle, html, List.copyOf(points), List.copyOf(reveals), contentNote,
				List.copyOf(contacts), List.copyOf(local), List.copyOf(notes)));
	}

	private void authored(List<String> notes, String label, String text) {
		if (text != null && !text.isBlank()) {
			notes.add(msg("facilitate.notes.label." + label) + " " + text.strip());
		}
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, locale);
	}

	/** A lesson's HTML in readable parts: a new part at each heading, or when a part is full. */
	static List<String> parts(String html) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int blocks = 0;
		int chars = 0;
		for (String block : blocks(html)) {
			boolean heading = block.matches("(?s)<h[2-6]\\b.*");
			int length = plain(block).length();
			if (blocks > 0 && (heading || blocks >= MAX_BLOCKS || chars + length > MAX_CHARS)) {
				parts.add(current.toString());
				current.setLength(0);
				blocks = 0;
				chars = 0;
			}
			current.append(block).append('\n');
			blocks++;
			chars += length;
		}
		if (blocks > 0 || parts.isEmpty()) {
			parts.add(current.toString());
		}
		return parts;
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
