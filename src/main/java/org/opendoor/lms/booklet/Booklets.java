package org.opendoor.lms.booklet;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.account.Nation;
import org.opendoor.lms.booklet.internal.Block;
import org.opendoor.lms.booklet.internal.BookletRenderer;
import org.opendoor.lms.booklet.internal.HtmlBlocks;
import org.opendoor.lms.booklet.internal.Run;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.QuestionType;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.SafetyFlags;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.opendoor.lms.course.WellbeingPlan;
import org.opendoor.lms.directory.LocalService;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.organisation.Membership;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.startup.Prepared;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Printed course booklets: the whole course in a language, with a nation's support contacts and, for a
 * member, one of their organisations' local directory, as an accessible PDF (PDF/UA-1, PDF/A-2b) on A4 or
 * A5. The final assessment is not printed: the booklet says it is taken online or with a facilitator.
 */
@Service
public class Booklets implements SmartInitializingSingleton {

	/** The languages a booklet can be asked for. */
	public static final List<String> LANGUAGES = List.of("en", "cy");

	/** Paper sizes. */
	public enum Size {
		A4, A5
	}

	/**
	 * What to print.
	 *
	 * @param courseId the course
	 * @param language {@code en} or {@code cy}
	 * @param nation whose national contacts to print
	 * @param size the paper size
	 * @param organisationId whose local directory to include (one the reader belongs to), or {@code null}
	 */
	public record Request(String courseId, String language, Nation nation, Size size, Long organisationId) {
	}

	/**
	 * A printed booklet.
	 *
	 * @param pdf the document
	 * @param language the language it is in: the one asked for, or the course's own when the course has no
	 * text in the language asked for
	 * @param fellBack whether the language asked for was not available
	 */
	public record Printed(byte[] pdf, String language, boolean fellBack) {
	}

	/**
	 * A course's text in a language.
	 *
	 * @param course the course
	 * @param language the language its text is in
	 */
	record Localised(Course course, String language) {
	}

	private final CourseCatalogue catalogue;

	private final SupportContacts contacts;

	private final LocalServices localServices;

	private final Organisations organisations;

	private final MessageSource messages;

	/** The renderer, its font cut down on another core while the app starts. */
	private final Prepared<BookletRenderer> renderer;

	private final Clock clock;

	public Booklets(CourseCatalogue catalogue, SupportContacts contacts, LocalServices localServices,
			Organisations organisations, MessageSource messages, BookletProperties properties, Optional<Clock> clock) {
		this.catalogue = catalogue;
		this.contacts = contacts;
		this.localServices = localServices;
		this.organisations = organisations;
		this.messages = messages;
		this.renderer = new Prepared<>("booklet-font", () -> new BookletRenderer(properties.font()));
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** Waits for the renderer before the app takes traffic: a font that cannot be read stops the start. */
	@Override
	public void afterSingletonsInstantiated() {
		renderer.get();
	}

	/** The nation code support contacts use: england, wales, scotland, northern-ireland. */
	public static String nationCode(Nation nation) {
		return nation.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The nation for a code, if it is one. */
	public static Optional<Nation> nation(String code) {
		for (Nation n : Nation.values()) {
			if (nationCode(n).equalsIgnoreCase(code == null ? "" : code.strip())) {
				return Optional.of(n);
			}
		}
		return Optional.empty();
	}

	/** The courses that can be printed, by title. */
	public List<Course> courses() {
		return catalogue.available().stream().map(CatalogueEntry::course).toList();
	}

	/** The organisations whose directories a person may include: those they are a member of. */
	public List<Membership> organisationsOf(long accountId) {
		return organisations.membershipsOf(accountId);
	}

	/**
	 * The course's text in a language: the one place the booklet gets its {@link Course}. When the course has
	 * no text in that language, the course in its own (first) language.
	 */
	Localised course(String courseId, String language) {
		CatalogueEntry entry = catalogue.latest(courseId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "booklet.error.course"));
		return new Localised(catalogue.version(entry.versionId(), language), catalogue.languageOf(entry.versionId(), language));
	}

	/** Prints a booklet for a person; 404 for an unknown course or an organisation they do not belong to. */
	public Printed print(long accountId, Request request) {
		Localised localised = course(request.courseId(), request.language());
		Membership membership = null;
		List<LocalService> local = List.of();
		if (request.organisationId() != null) {
			membership = organisations.membershipsOf(accountId)
				.stream()
				.filter(m -> m.organisationId() == request.organisationId())
				.findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "error.directoryNotFound"));
			local = localServices.list(accountId, membership.organisationId());
		}
		String language = localised.language();
		boolean fellBack = !language.equals(request.language());
		LocalDate today = LocalDate.now(clock);
		Printed cached = printed.get(new Printing(localised.course().id(), localised.course().version(), language,
				request.language(), request.nation(), request.size(), membership, local, today));
		if (cached != null) {
			return cached;
		}
		Content content = new Content(localised.course(), language, fellBack, request.nation(),
				contacts.forNation(nationCode(request.nation()), language), membership, local, today);
		BookletRenderer.Booklet booklet = new BookletRenderer.Booklet(language,
				content.text("booklet.pdf.title", localised.course().title()),
				BookletRenderer.Paper.valueOf(request.size().name()), today, content.text("booklet.page"),
				content.supportLine(), content.blocks());
		Printed result = new Printed(renderer.get().render(booklet), language, fellBack);
		printed.put(new Printing(localised.course().id(), localised.course().version(), language, request.language(),
				request.nation(), request.size(), membership, local, today), result);
		return result;
	}

	/**
	 * Everything a printed booklet depends on: the course version, the language printed and the one asked for, the
	 * nation, the paper, the reader's membership and their organisation's directory entries as they are now (an
	 * edited entry is a new key), and the date printed on it.
	 */
	private record Printing(String courseId, String version, String language, String asked, Nation nation, Size size,
			Membership membership, List<LocalService> local, LocalDate today) {
	}

	/**
	 * The last {@value #CACHED} booklets printed (180–340 ms each to render), least recently used first out; a
	 * bounded map, so at most a few megabytes.
	 */
	private static final int CACHED = 24;

	private final Map<Printing, Printed> printed = java.util.Collections.synchronizedMap(
			new java.util.LinkedHashMap<>(CACHED, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<Printing, Printed> eldest) {
					return size() > CACHED;
				}
			});

	/** The booklet's blocks for one course, language, nation and directory. */
	private final class Content {

		final Course course;

		final Locale locale;

		final boolean fellBack;

		final Nation nation;

		final List<SupportContact> national;

		final Membership organisation;

		final List<LocalService> local;

		final LocalDate today;

		final DateTimeFormatter dates;

		final String language;

		/** Anchors of items by source path, for links between lessons. */
		final Map<String, String> anchorsBySource = new HashMap<>();

		final List<Block> blocks = new ArrayList<>();

		/** Where blocks go: the booklet, or the section being gathered for {@link #guarded}. */
		List<Block> target = blocks;

		Content(Course course, String language, boolean fellBack, Nation nation, List<SupportContact> national,
				Membership organisation, List<LocalService> local, LocalDate today) {
			this.course = course;
			this.language = language;
			this.locale = "cy".equals(language) ? Locale.forLanguageTag("cy") : Locale.UK;
			this.fellBack = fellBack;
			this.nation = nation;
			this.national = national;
			this.organisation = organisation;
			this.local = local;
			this.today = today;
			this.dates = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
			for (CourseModule m : course.modules()) {
				for (ModuleItem item : m.items()) {
					anchorsBySource.put(item.source(), anchor(item));
				}
			}
		}

		String text(String key, Object... args) {
			return messages.getMessage(key, args, locale);
		}

		String anchor(ModuleItem item) {
			return "item-" + item.id();
		}

		List<Block> blocks() {
			cover();
			help("help-front");
			contents();
			howToUse();
			int n = 0;
			for (CourseModule module : course.modules()) {
				module(++n, module);
			}
			answers();
			if (organisation != null) {
				directory();
			}
			back();
			return blocks;
		}

		void add(Block block) {
			target.add(block);
		}

		/**
		 * Lays out an item's blocks; when its pages discuss suicide or self-harm, as one section whose every page
		 * carries the support line at its foot (the content brief's support box on every such page).
		 */
		void guarded(ModuleItem item, Runnable body) {
			if (!SafetyFlags.hasSupportBox(item)) {
				body.run();
				return;
			}
			List<Block> outer = target;
			target = new ArrayList<>();
			body.run();
			outer.add(new Block.SupportPages(target));
			target = outer;
		}

		/**
		 * The short support line at the foot of pages that discuss suicide or self-harm: 999, the Samaritans (for
		 * every nation) and the page with all the contacts.
		 */
		List<Run> supportLine() {
			List<Run> runs = new ArrayList<>();
			runs.add(Run.bold(text("booklet.supportLine.lead") + " "));
			runs.add(Run.plain(text("booklet.supportLine.urgent") + " "));
			national.stream().filter(c -> "samaritans".equals(c.id())).findFirst()
				.ifPresent(c -> runs.add(Run.plain(c.name() + ": " + c.reach() + ". ")));
			runs.addAll(contactsOn());
			return runs;
		}

		/** "The support contacts for Wales are on page 2." */
		List<Run> contactsOn() {
			return List.of(Run.plain(text("booklet.contactsOn", text("nation." + nation.name())) + " "),
					Run.pageOf("help-front"), Run.plain("."));
		}

		Block.Paragraph p(String text) {
			return Block.Paragraph.of(text);
		}

		Block.Paragraph meta(String text) {
			return Block.Paragraph.of(Block.Look.META, text);
		}

		void cover() {
			List<String> details = new ArrayList<>();
			details.add(join(text("booklet.cover.language", text("booklet.language." + language)),
					text("booklet.cover.version", course.version())));
			details.add(text("booklet.cover.printed", today.format(dates)));
			details.add(text("booklet.cover.nation", text("nation." + nation.name())));
			add(new Block.Cover(text("booklet.cover.kicker"), course.title(), text("booklet.cover.for"),
					organisation == null ? null : organisation.organisationName(), details,
					text("booklet.cover.awareness")));
			List<Run> help = new ArrayList<>(List.of(Run.bold(text("support.urgent") + " ")));
			help.addAll(contactsOn());
			add(new Block.Paragraph(help, Block.Look.URGENT, null));
			if (fellBack) {
				// Said in Welsh (tagged as Welsh) and in English: the reader asked for Welsh.
				add(new Block.Boxed(List.of(
						new Block.Paragraph(List.of(Run.bold(messages.getMessage("booklet.fallback", null,
								Locale.forLanguageTag("cy")))), Block.Look.BODY, "cy"),
						new Block.Paragraph(List.of(Run.plain(messages.getMessage("booklet.fallback", null, Locale.UK))),
								Block.Look.BODY, null)),
						false));
			}
			add(new Block.PageBreak());
		}

		void help(String anchor) {
			add(new Block.PageBreak());
			add(new Block.Heading(1, text("booklet.help.title"), anchor, 1));
			add(new Block.Paragraph(List.of(Run.bold(text("support.urgent"))), Block.Look.URGENT, null));
			add(p(text("booklet.help.lead", text("nation." + nation.name()))));
			add(contactList());
			if (organisation != null) {
				add(new Block.Paragraph(List.of(Run.plain(text("booklet.help.local", organisation.organisationName()) + " "),
						Run.pageOf("local"), Run.plain(".")), Block.Look.BODY, null));
			}
		}

		Block contactList() {
			List<List<Block>> items = new ArrayList<>();
			for (SupportContact c : national) {
				items.add(List.of(
						new Block.Paragraph(List.of(Run.bold(c.name()), Run.plain(": " + c.reach())), Block.Look.BODY, null),
						meta(join(c.hours(), text("contact.for", c.forWhom()), contacts.statusText(c, locale)))));
			}
			return new Block.Bullets(false, false, items);
		}

		String join(String... parts) {
			List<String> present = new ArrayList<>();
			for (String part : parts) {
				if (part != null && !part.isBlank()) {
					present.add(part.strip());
				}
			}
			return String.join(" · ", present);
		}

		void contents() {
			add(new Block.PageBreak());
			add(new Block.Heading(1, text("booklet.contents"), "contents", 1));
			List<Block.Contents.Entry> entries = new ArrayList<>();
			entries.add(new Block.Contents.Entry(text("booklet.help.title"), "help-front", 1));
			entries.add(new Block.Contents.Entry(text("booklet.howto.title"), "howto", 1));
			int n = 0;
			for (CourseModule module : course.modules()) {
				entries.add(new Block.Contents.Entry(moduleTitle(++n, module), "module-" + module.id(), 1));
				for (ModuleItem item : module.items()) {
					entries.add(new Block.Contents.Entry(itemTitle(item), anchor(item), 2));
				}
			}
			entries.add(new Block.Contents.Entry(text("booklet.answers.title"), "answers", 1));
			if (organisation != null) {
				entries.add(new Block.Contents.Entry(text("booklet.local.title", organisation.organisationName()), "local", 1));
			}
			entries.add(new Block.Contents.Entry(text("booklet.back.title"), "back", 1));
			add(new Block.Contents(entries));
		}

		String moduleTitle(int n, CourseModule module) {
			return text("booklet.module", n, module.title());
		}

		String itemTitle(ModuleItem item) {
			if (item instanceof KnowledgeCheck) {
				return text("booklet.check", item.title());
			}
			if (item instanceof Scenario) {
				return text("booklet.story", item.title());
			}
			return item.title();
		}

		void howToUse() {
			add(new Block.PageBreak());
			add(new Block.Heading(1, text("booklet.howto.title"), "howto", 1));
			for (int i = 1; i <= 6; i++) {
				add(p(text("booklet.howto." + i)));
			}
		}

		void module(int n, CourseModule module) {
			add(new Block.PageBreak());
			add(new Block.Heading(1, moduleTitle(n, module), "module-" + module.id(), 1));
			for (ModuleItem item : module.items()) {
				guarded(item, () -> {
					if (item instanceof Lesson lesson) {
						lesson(lesson);
					}
					else if (item instanceof KnowledgeCheck check) {
						check(check);
					}
					else if (item instanceof Scenario scenario) {
						scenario(scenario);
					}
					else if (item instanceof WellbeingPlan plan) {
						plan(plan);
					}
				});
			}
		}

		List<Block> html(String html, String source) {
			return HtmlBlocks.of(html, href -> anchorsBySource.get(resolve(source, href)), text("booklet.pageWord"));
		}

		/** Adds blocks made from a course's HTML. */
		void addHtml(String html, String source) {
			target.addAll(html(html, source));
		}

		/** A link's target path relative to the course folder, from the file it is written in. */
		String resolve(String source, String href) {
			String path = href.replaceFirst("[#?].*$", "");
			if (path.isEmpty() || source == null) {
				return null;
			}
			List<String> parts = new ArrayList<>(List.of(source.split("/")));
			parts.remove(parts.size() - 1);
			for (String part : path.split("/")) {
				if ("..".equals(part) && !parts.isEmpty()) {
					parts.remove(parts.size() - 1);
				}
				else if (!".".equals(part) && !part.isEmpty()) {
					parts.add(part);
				}
			}
			return String.join("/", parts);
		}

		void lesson(Lesson lesson) {
			add(new Block.Heading(2, lesson.title(), anchor(lesson), 2));
			contentNote(lesson);
			addHtml(lesson.html(), lesson.source());
		}

		/** The content note at the start of a section that opens with one. */
		void contentNote(ModuleItem item) {
			if (SafetyFlags.hasContentNote(item)) {
				List<Run> note = new ArrayList<>(List.of(Run.plain(text("booklet.contentNote") + " ")));
				note.addAll(contactsOn());
				add(new Block.Boxed(List.of(new Block.Paragraph(List.of(Run.bold(text("support.contentNote.title"))),
						Block.Look.URGENT, null), new Block.Paragraph(note, Block.Look.BODY, null)), true));
			}
		}

		List<Run> answersOn(String anchor) {
			return List.of(Run.plain(text("booklet.answersOn") + " "), Run.pageOf(anchor), Run.plain("."));
		}

		void check(KnowledgeCheck check) {
			add(new Block.Heading(2, text("booklet.check", check.title()), anchor(check), 2));
			contentNote(check);
			add(p(text("booklet.check.lead")));
			add(new Block.Paragraph(answersOn("answers-" + check.id()), Block.Look.META, null));
			List<List<Block>> questions = new ArrayList<>();
			for (Question q : check.questions()) {
				List<Block> item = new ArrayList<>(html(q.promptHtml(), check.source()));
				if (q.type() == QuestionType.MULTIPLE && !q.promptHtml().contains(text("player.chooseAll"))) {
					item.add(meta(text("player.chooseAll")));
				}
				List<List<Block>> options = new ArrayList<>();
				for (Question.Option o : q.options()) {
					options.add(List.of(new Block.Paragraph(HtmlBlocks.runs(o.textHtml()), Block.Look.BODY, null)));
				}
				item.add(new Block.Bullets(true, true, options));
				questions.add(item);
			}
			add(new Block.Bullets(true, false, questions));
		}

		/** The scenario's nodes in story order (from the start, breadth first), then any not reached. */
		Map<String, Integer> sections(Scenario scenario) {
			Map<String, Integer> numbers = new LinkedHashMap<>();
			List<String> queue = new ArrayList<>(List.of(scenario.start()));
			for (int i = 0; i < queue.size(); i++) {
				String id = queue.get(i);
				if (numbers.containsKey(id) || scenario.node(id).isEmpty()) {
					continue;
				}
				numbers.put(id, numbers.size() + 1);
				scenario.node(id).get().choices().forEach(c -> queue.add(c.next()));
			}
			scenario.nodes().forEach(n -> numbers.putIfAbsent(n.id(), numbers.size() + 1));
			return numbers;
		}

		void scenario(Scenario scenario) {
			add(new Block.Heading(2, text("booklet.story", scenario.title()), anchor(scenario), 2));
			if (scenario.setting() != null && !scenario.setting().isBlank()) {
				add(meta(text("booklet.story.setting", scenario.setting())));
			}
			contentNote(scenario);
			add(p(text("booklet.story.lead")));
			add(new Block.Paragraph(answersOn("answers-" + scenario.id()), Block.Look.META, null));
			Map<String, Integer> sections = sections(scenario);
			for (Map.Entry<String, Integer> e : sections.entrySet()) {
				Scenario.Node node = scenario.node(e.getKey()).orElseThrow();
				add(new Block.Heading(3, text("booklet.story.section", e.getValue()), null, 0));
				addHtml(node.textHtml(), scenario.source());
				if (node.ending() || node.choices().isEmpty()) {
					add(new Block.Paragraph(List.of(Run.bold(text("booklet.story.end"))), Block.Look.BODY, null));
					continue;
				}
				List<List<Block>> choices = new ArrayList<>();
				for (Scenario.Choice c : node.choices()) {
					List<Run> runs = new ArrayList<>(HtmlBlocks.runs(c.textHtml()));
					runs.add(Run.bold(" " + text("booklet.story.goTo", sections.getOrDefault(c.next(), 0))));
					choices.add(List.of(new Block.Paragraph(runs, Block.Look.BODY, null)));
				}
				add(new Block.Bullets(true, true, choices));
			}
		}

		void plan(WellbeingPlan plan) {
			add(new Block.Heading(2, plan.title(), anchor(plan), 2));
			contentNote(plan);
			addHtml(plan.introHtml(), plan.source());
			for (WellbeingPlan.Prompt prompt : plan.prompts()) {
				add(new Block.Paragraph(List.of(Run.bold(prompt.label())), Block.Look.BODY, null));
				if (prompt.hint() != null && !prompt.hint().isBlank()) {
					add(meta(prompt.hint()));
				}
				add(new Block.WriteIn(3));
			}
		}

		void answers() {
			add(new Block.PageBreak());
			add(new Block.Heading(1, text("booklet.answers.title"), "answers", 1));
			add(p(text("booklet.answers.lead")));
			for (CourseModule module : course.modules()) {
				for (ModuleItem item : module.items()) {
					guarded(item, () -> {
						if (item instanceof KnowledgeCheck check) {
							checkAnswers(check);
						}
						else if (item instanceof Scenario scenario) {
							scenarioAnswers(scenario);
						}
					});
				}
			}
		}

		void checkAnswers(KnowledgeCheck check) {
			add(new Block.Heading(2, text("booklet.check", check.title()), "answers-" + check.id(), 2));
			List<List<Block>> questions = new ArrayList<>();
			for (Question q : check.questions()) {
				List<Block> item = new ArrayList<>();
				item.add(new Block.Paragraph(HtmlBlocks.runs(q.promptHtml()), Block.Look.META, null));
				List<String> right = new ArrayList<>(q.correctKeys());
				item.add(new Block.Paragraph(List.of(Run.bold(text(right.size() == 1 ? "booklet.answer.one" : "booklet.answer.many",
						String.join(", ", right)))), Block.Look.BODY, null));
				List<List<Block>> options = new ArrayList<>();
				for (Question.Option o : q.options()) {
					List<Run> runs = new ArrayList<>(HtmlBlocks.runs(o.textHtml()));
					runs.add(Run.bold(" " + text(o.correct() ? "booklet.answer.right" : "booklet.answer.notRight")));
					List<Block> option = new ArrayList<>();
					option.add(new Block.Paragraph(runs, Block.Look.BODY, null));
					if (o.feedbackHtml() != null) {
						option.addAll(html(o.feedbackHtml(), check.source()));
					}
					options.add(option);
				}
				item.add(new Block.Bullets(true, true, options));
				if (q.explanationHtml() != null) {
					item.addAll(html(q.explanationHtml(), check.source()));
				}
				questions.add(item);
			}
			add(new Block.Bullets(true, false, questions));
		}

		void scenarioAnswers(Scenario scenario) {
			add(new Block.Heading(2, text("booklet.story", scenario.title()), "answers-" + scenario.id(), 2));
			Map<String, Integer> sections = sections(scenario);
			for (Map.Entry<String, Integer> e : sections.entrySet()) {
				Scenario.Node node = scenario.node(e.getKey()).orElseThrow();
				if (node.choices().isEmpty()) {
					continue;
				}
				add(new Block.Heading(3, text("booklet.story.section", e.getValue()), null, 0));
				List<List<Block>> choices = new ArrayList<>();
				for (Scenario.Choice c : node.choices()) {
					List<Run> runs = new ArrayList<>(HtmlBlocks.runs(c.textHtml()));
					if (c.best()) {
						runs.add(Run.bold(" " + text("booklet.story.best")));
					}
					if (c.critical()) {
						runs.add(Run.bold(" " + text("booklet.story.critical")));
					}
					List<Block> choice = new ArrayList<>();
					choice.add(new Block.Paragraph(runs, Block.Look.META, null));
					choice.addAll(html(c.feedbackHtml(), scenario.source()));
					choices.add(choice);
				}
				add(new Block.Bullets(true, true, choices));
			}
		}

		void directory() {
			add(new Block.PageBreak());
			add(new Block.Heading(1, text("booklet.local.title", organisation.organisationName()), "local", 1));
			add(p(text("booklet.local.lead")));
			if (local.isEmpty()) {
				add(p(text("booklet.local.none")));
			}
			for (Tier tier : Tier.values()) {
				List<List<Block>> items = new ArrayList<>();
				for (LocalService s : local) {
					if (s.tier() == tier) {
						items.add(List.of(
								new Block.Paragraph(List.of(Run.bold(s.name()), Run.plain(": " + s.reach())), Block.Look.BODY,
										null),
								p(s.offer()),
								meta(join(s.hours(), s.forWhom(), text("booklet.reviewed", s.lastReviewed().format(dates))))));
					}
				}
				if (!items.isEmpty()) {
					add(new Block.Heading(2, text("directory.tier." + tier.name()), null, 0));
					add(meta(text("directory.tier." + tier.name() + ".hint")));
					add(new Block.Bullets(false, false, items));
				}
			}
		}

		void back() {
			add(new Block.PageBreak());
			add(new Block.Heading(1, text("booklet.back.title"), "back", 1));
			add(p(text("booklet.back.course", course.title(), course.version())));
			add(p(text("booklet.back.assessment")));
			add(p(text("booklet.cover.awareness")));
			add(p(text("booklet.back.printed", today.format(dates), text("nation." + nation.name()))));
			add(new Block.Paragraph(List.of(Run.bold(text("support.urgent"))), Block.Look.URGENT, null));
			add(new Block.Paragraph(contactsOn(), Block.Look.BODY, null));
		}

	}

}
