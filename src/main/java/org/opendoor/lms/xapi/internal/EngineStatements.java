package org.opendoor.lms.xapi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.WellbeingPlan;
import org.opendoor.lms.xapi.XapiProperties;
import org.opendoor.lms.lrs.model.Activity;
import org.opendoor.lms.lrs.model.ActivityDefinition;
import org.opendoor.lms.lrs.model.Agent;
import org.opendoor.lms.lrs.model.Context;
import org.opendoor.lms.lrs.model.ContextActivities;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The engine's xAPI vocabulary (docs/xapi.md): activity ids, types and complete definitions, in en-GB and
 * cy-GB, for courses, modules, lessons, questions, scenarios and their decision points, plans and the
 * assessment; the learner as an opaque account; and the context every statement carries, with the Open
 * Door profile as its category.
 */
@Component
public class EngineStatements {

	static final String TYPE_COURSE = "http://adlnet.gov/expapi/activities/course";

	static final String TYPE_MODULE = "http://adlnet.gov/expapi/activities/module";

	static final String TYPE_LESSON = "http://adlnet.gov/expapi/activities/lesson";

	static final String TYPE_QUESTION = "http://adlnet.gov/expapi/activities/cmi.interaction";

	static final String TYPE_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment";

	static final String TYPE_SIMULATION = "http://adlnet.gov/expapi/activities/simulation";

	static final String TYPE_MEETING = "http://adlnet.gov/expapi/activities/meeting";

	static final String TYPE_PLAN = "http://adlnet.gov/expapi/activities/objective";

	static final String TYPE_PROFILE = "http://adlnet.gov/expapi/activities/profile";

	/**
	 * The profile every engine statement follows, as its {@code context.contextActivities.category}. It names
	 * the rules in docs/xapi.md, not a server, so it is the same on every deployment (the packages' own
	 * extension IRIs live under the same {@code opendoor.invalid} name).
	 */
	public static final String PROFILE = "https://opendoor.invalid/xapi/profile";

	/** cmi5's progress extension (0–100) on result. */
	public static final String PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress";

	static final String PLATFORM = "Open Door";

	/** The longest activity name; the full text goes in the description. */
	private static final int NAME_LIMIT = 250;

	private final String site;

	private final CourseCatalogue catalogue;

	private final MessageSource messages;

	public EngineStatements(XapiProperties properties, CourseCatalogue catalogue, MessageSource messages) {
		this.site = properties.siteUrl();
		this.catalogue = catalogue;
		this.messages = messages;
	}

	/**
	 * A stored course version in each language it is published in, by xAPI language tag (en-GB first,
	 * then cy-GB when the version has a Welsh text). Ids and structure are the same in every language.
	 *
	 * @param texts the course by language tag
	 */
	record Texts(Map<String, Course> texts) {

		/** The course in the first language (the one ids are read from). */
		Course course() {
			return texts.values().iterator().next();
		}

		/** A text in every language that has it, as plain text; {@code null} when none has it. */
		Map<String, String> of(Function<Course, String> text, int limit) {
			Map<String, String> out = new LinkedHashMap<>();
			texts.forEach((tag, c) -> {
				String s = text.apply(c);
				if (s != null && !s.isBlank()) {
					out.put(tag, shorten(plain(s), limit));
				}
			});
			return out.isEmpty() ? null : out;
		}

	}

	/** A course version's texts in every language it has. */
	Texts texts(long courseVersionId) {
		Course source = catalogue.version(courseVersionId);
		Map<String, Course> texts = new LinkedHashMap<>();
		List<String> languages = source.languages().isEmpty() ? List.of("en") : source.languages();
		for (String language : languages.stream().sorted((a, b) -> "cy".equals(a) ? 1 : "cy".equals(b) ? -1 : 0).toList()) {
			texts.putIfAbsent(tag(language), catalogue.version(courseVersionId, language));
		}
		return new Texts(texts);
	}

	/** The learner as xAPI sees them: an account on this site named by an opaque id, never an email. */
	public Agent learner(UUID learnerRef) {
		return Agent.ofAccount(site, learnerRef.toString());
	}

	/** The engine's own authority on the statements it records. */
	public Agent authority() {
		return new Agent(PLATFORM, null, null, null, new org.opendoor.lms.lrs.model.Account(site, "open-door-engine"));
	}

	String courseId(Course course) {
		return site + "/xapi/activities/courses/" + course.id();
	}

	Activity course(Texts t) {
		return new Activity(courseId(t.course()),
				definition(t.of(Course::title, NAME_LIMIT), t.of(Course::description, 0), TYPE_COURSE));
	}

	Activity module(Texts t, String moduleId) {
		int number = t.course().modules().stream().map(CourseModule::id).toList().indexOf(moduleId) + 1;
		return new Activity(courseId(t.course()) + "/modules/" + moduleId,
				definition(t.of(c -> c.module(moduleId).map(CourseModule::title).orElse(null), NAME_LIMIT),
						described(t, "xapi.activity.module", c -> new Object[] { number, c.title() }), TYPE_MODULE));
	}

	/** The activity a lesson, scenario or plan page is, or empty for other pages. */
	Optional<Activity> page(Texts t, ModuleItem item) {
		String id = item.id();
		if (item instanceof Lesson) {
			return Optional.of(new Activity(courseId(t.course()) + "/lessons/" + id,
					definition(t.of(c -> item(c, id, Lesson.class).title(), NAME_LIMIT),
							t.of(c -> item(c, id, Lesson.class).html(), NAME_LIMIT), TYPE_LESSON)));
		}
		if (item instanceof Scenario) {
			return Optional.of(scenario(t, id));
		}
		if (item instanceof WellbeingPlan) {
			return Optional.of(new Activity(courseId(t.course()) + "/plans/" + id,
					definition(t.of(c -> item(c, id, WellbeingPlan.class).title(), NAME_LIMIT),
							described(t, "xapi.activity.plan", c -> new Object[0]), TYPE_PLAN)));
		}
		return Optional.empty();
	}

	Activity scenario(Texts t, String scenarioId) {
		return new Activity(courseId(t.course()) + "/scenarios/" + scenarioId,
				definition(t.of(c -> item(c, scenarioId, Scenario.class).title(), NAME_LIMIT),
						described(t, "xapi.activity.scenario",
								c -> new Object[] { plain(setting(item(c, scenarioId, Scenario.class))) }),
						TYPE_SIMULATION));
	}

	/**
	 * A decision point of a scenario as a choice interaction: the choices by their index in the author's
	 * order ("0", "1"…), the best ones as the correct responses.
	 */
	Activity decision(Texts t, String scenarioId, String nodeId) {
		Scenario source = item(t.course(), scenarioId, Scenario.class);
		List<Scenario.Node> decisions = source.nodes().stream().filter(n -> !n.choices().isEmpty()).toList();
		int number = decisions.stream().map(Scenario.Node::id).toList().indexOf(nodeId) + 1;
		Scenario.Node node = source.node(nodeId).orElseThrow();
		List<String> correct = new ArrayList<>();
		List<ActivityDefinition.InteractionComponent> choices = new ArrayList<>();
		for (int i = 0; i < node.choices().size(); i++) {
			int index = i;
			choices.add(new ActivityDefinition.InteractionComponent(String.valueOf(i),
					t.of(c -> item(c, scenarioId, Scenario.class).node(nodeId).orElseThrow().choices().get(index).textHtml(),
							0)));
			if (node.choices().get(i).best()) {
				correct.add(String.valueOf(i));
			}
		}
		ActivityDefinition definition = new ActivityDefinition(
				described(t, "xapi.activity.decision",
						c -> new Object[] { plain(item(c, scenarioId, Scenario.class).title()), number }),
				t.of(c -> item(c, scenarioId, Scenario.class).node(nodeId).orElseThrow().textHtml(), 0), TYPE_QUESTION,
				null, "choice", correct, choices, null);
		return new Activity(courseId(t.course()) + "/scenarios/" + scenarioId + "/points/" + nodeId, definition);
	}

	/** A facilitated group session of a course. */
	Activity session(Texts t, UUID sessionId, String date) {
		return new Activity(courseId(t.course()) + "/sessions/" + sessionId,
				definition(t.of(c -> c.title() + " – " + date, NAME_LIMIT),
						described(t, "xapi.activity.session", c -> new Object[] { c.title(), date }), TYPE_MEETING));
	}

	Activity assessment(Texts t) {
		return new Activity(courseId(t.course()) + "/assessment",
				definition(t.of(c -> c.assessment().title(), NAME_LIMIT), described(t, "xapi.activity.assessment", c -> {
					Assessment a = c.assessment();
					return new Object[] { c.title(), Math.min(a.draw(), a.questions().size()), a.questions().size(),
							c.passMark() };
				}), TYPE_ASSESSMENT));
	}

	/**
	 * A knowledge-check or assessment question as a choice interaction (true/false items too: their options
	 * are the course's own words), with its options and the right ones.
	 */
	Activity question(Texts t, String questionId) {
		Question q = question(t.course(), questionId);
		List<ActivityDefinition.InteractionComponent> choices = new ArrayList<>();
		for (int i = 0; i < q.options().size(); i++) {
			int index = i;
			choices.add(new ActivityDefinition.InteractionComponent(q.options().get(i).key(),
					t.of(c -> question(c, questionId).options().get(index).textHtml(), 0)));
		}
		String correct = String.join("[,]", q.correctKeys());
		ActivityDefinition definition = new ActivityDefinition(t.of(c -> question(c, questionId).promptHtml(), NAME_LIMIT),
				t.of(c -> question(c, questionId).promptHtml(), 0), TYPE_QUESTION, null, "choice", List.of(correct),
				choices, null);
		return new Activity(courseId(t.course()) + "/questions/" + q.id(), definition);
	}

	/** The Open Door profile, as a category activity. */
	Activity profile() {
		return new Activity(PROFILE, definition(
				Map.of("en-GB", message("xapi.activity.profile", Locale.UK), "cy-GB",
						message("xapi.activity.profile", Locale.forLanguageTag("cy"))),
				Map.of("en-GB", message("xapi.activity.profile.description", Locale.UK), "cy-GB",
						message("xapi.activity.profile.description", Locale.forLanguageTag("cy"))),
				TYPE_PROFILE));
	}

	/**
	 * A context: the attempt's registration, parent and grouping activities, the profile as category,
	 * platform, language, revision.
	 */
	Context context(UUID registration, Agent instructor, Activity parent, Activity grouping, Course course,
			String language) {
		ContextActivities activities = new ContextActivities(parent == null ? null : List.of(parent),
				grouping == null ? null : List.of(grouping.idOnly()), List.of(profile()), null);
		return new Context(registration, instructor, null, activities, course.version(), PLATFORM, language, null,
				null);
	}

	Context context(UUID registration, Activity parent, Activity grouping, Course course, String language) {
		return context(registration, null, parent, grouping, course, language);
	}

	private static ActivityDefinition definition(Map<String, String> name, Map<String, String> description,
			String type) {
		return new ActivityDefinition(name, description, type, null, null, null, null, null);
	}

	/** A message in each language of the course, its arguments taken from the course in that language. */
	private Map<String, String> described(Texts t, String key, Function<Course, Object[]> arguments) {
		Map<String, String> out = new LinkedHashMap<>();
		t.texts().forEach((tag, c) -> out.put(tag, message(key, Locale.forLanguageTag(tag), arguments.apply(c))));
		return out;
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, locale);
	}

	private static <T extends ModuleItem> T item(Course course, String id, Class<T> kind) {
		return course.modules()
			.stream()
			.flatMap(m -> m.items().stream())
			.filter(i -> kind.isInstance(i) && i.id().equals(id))
			.map(kind::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no " + kind.getSimpleName() + " " + id));
	}

	private static Question question(Course course, String id) {
		return course.allQuestions()
			.filter(q -> q.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no question " + id));
	}

	/** Where a scenario is set, or its title when its file names no setting. */
	private static String setting(Scenario scenario) {
		return scenario.setting() == null || scenario.setting().isBlank() ? scenario.title() : scenario.setting();
	}

	/** The xAPI language tag statements use for a course language: cy-GB for Welsh, en-GB otherwise. */
	static String tag(String language) {
		return "cy".equals(language) ? "cy-GB" : "en-GB";
	}

	/**
	 * Plain text of a fragment of HTML, for activity names, descriptions and choices: tags dropped and every
	 * character reference (named, decimal {@code &#34;} or hexadecimal) turned back into its character, so a
	 * reader of the LRS sees {@code "I've not been great"}, never {@code &#34;}.
	 */
	static String plain(String html) {
		if (html == null) {
			return "";
		}
		String text = HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", " "));
		return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
	}

	/** A text cut at {@code limit} characters (0: not cut), ending with an ellipsis when cut. */
	static String shorten(String text, int limit) {
		return limit > 0 && text.length() > limit ? text.substring(0, limit - 1) + "…" : text;
	}

}
