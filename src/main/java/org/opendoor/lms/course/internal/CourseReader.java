package org.opendoor.lms.course.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.opendoor.lms.course.Assessment;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.Lesson;
import org.opendoor.lms.course.LintFinding;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.QuestionType;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.WellbeingPlan;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one course folder (manifest, lessons, question banks, scenarios) and lints it. Every problem
 * is reported with its file and line; a course is returned only when there are none.
 */
public final class CourseReader {

	/** The manifest file every course folder has. */
	public static final String MANIFEST = "course.yaml";

	static final Set<String> MANIFEST_KEYS = Set.of("id", "version", "title", "description", "languages",
			"estimated_minutes", "pass_mark", "certificate_validity_months", "modules", "assessment");

	static final Set<String> MODULE_KEYS = Set.of("id", "title", "items");

	static final Set<String> ITEM_KEYS = Set.of("lesson", "check", "scenario", "plan");

	static final Set<String> PLAN_KEYS = Set.of("id", "title", "intro", "prompts", "content_note", "support_box");

	static final Set<String> PROMPT_KEYS = Set.of("id", "label", "hint");

	static final Set<String> ASSESSMENT_KEYS = Set.of("bank", "draw", "title", "blueprint");

	static final Set<String> BLUEPRINT_KEYS = Set.of("modules", "topics");

	static final Set<String> FRONT_MATTER_KEYS = Set.of("id", "title", "minutes", "content_note", "support_box");

	static final Set<String> BANK_KEYS = Set.of("id", "title", "questions", "content_note");

	static final Set<String> QUESTION_KEYS = Set.of("id", "type", "prompt", "options", "critical", "module",
			"explanation", "topic", "fixed_order", "support_box");

	static final Set<String> OPTION_KEYS = Set.of("text", "correct", "feedback");

	static final Set<String> SCENARIO_KEYS = Set.of("id", "title", "setting", "start", "nodes", "content_note");

	static final Set<String> NODE_KEYS = Set.of("id", "text", "choices", "ending", "fixed_order", "support_box");

	static final Set<String> CHOICE_KEYS = Set.of("text", "next", "feedback", "best", "critical");

	static final Set<String> LANGUAGES = Set.of("en", "cy");

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

	private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

	private final MarkdownRenderer markdown = new MarkdownRenderer();

	/**
	 * The outcome of reading a course folder.
	 *
	 * @param course the course, or {@code null} when there were findings
	 * @param courseId the manifest id if it could be read, else the folder name
	 * @param version the manifest version if it could be read
	 * @param findings every problem found, sorted by file and line
	 */
	public record Result(Course course, String courseId, String version, List<LintFinding> findings,
			Map<String, Course> translations) {

		/** A result with no translations. */
		public Result(Course course, String courseId, String version, List<LintFinding> findings) {
			this(course, courseId, version, findings, Map.of());
		}

	}

	/** The language code of Welsh, the one translation the engine reads. */
	public static final String WELSH = "cy";

	/** Reads and lints the course in {@code courseDir}; file names in findings are relative to {@code root}. */
	public Result read(Path root, Path courseDir) {
		Result result = new Reading(root, courseDir, null).run();
		if (result.course() == null) {
			return result;
		}
		// the optional facilitator notes are part of the course folder: a problem in them is a lint finding
		List<LintFinding> notes = new FacilitatorReader().lint(root, courseDir, result.course());
		return notes.isEmpty() ? result : new Result(null, result.courseId(), result.version(), notes);
	}

	/** The translated sibling of a source file: {@code lessons/01-welcome.md} gives {@code lessons/01-welcome.cy.md}. */
	public static Path sibling(Path source, String language) {
		String name = source.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String translated = dot < 0 ? name + "." + language : name.substring(0, dot) + "." + language + name.substring(dot);
		return source.resolveSibling(translated);
	}

	/** The state of reading one course. */
	private final class Reading {

		private final Path root;

		private final Path dir;

		private final Findings findings = new Findings();

		private final Map<String, String> itemIds = new HashMap<>();

		private final Map<String, String> questionIds = new HashMap<>();

		private final Map<String, String> moduleIds = new HashMap<>();

		private final List<PendingModuleRef> moduleRefs = new ArrayList<>();

		/** Items whose text talks about suicide or self-harm, found as they are read. */
		private final Set<ModuleItem> discussing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

		/** The language of the translation being read, or {@code null} when reading the source files. */
		private final String language;

		private Course translated;

		Reading(Path root, Path dir, String language) {
			this.root = root.toAbsolutePath().normalize();
			this.dir = dir.toAbsolutePath().normalize();
			this.language = language;
		}

		/** Reads the translation whose manifest sibling is expected beside {@code course.yaml}. */
		private Course runTranslation(String sourceManifest, int languagesLine) {
			Path manifestPath = sibling(dir.resolve(MANIFEST), language);
			if (!Files.isRegularFile(manifestPath)) {
				findings.add(sourceManifest, languagesLine, "missing translation: " + rel(manifestPath)
						+ " (the course lists '" + language + "' in languages)");
				return null;
			}
			run();
			return translated;
		}

		Result run() {
			Path manifestPath = language == null ? dir.resolve(MANIFEST) : sibling(dir.resolve(MANIFEST), language);
			String manifestFile = rel(manifestPath);
			String courseId = dir.getFileName().toString();
			String version = null;
			Course course = null;
			String text = readText(manifestPath, manifestFile, 1);
			Node root = text == null ? null : compose(text, manifestFile, 0);
			compareWithSource(manifestPath, root, manifestFile, 0);
			if (root != null) {
				YamlMap m = YamlMap.of(root, manifestFile, findings, 0, MANIFEST_KEYS, "the course manifest");
				if (m != null) {
					String id = checkedId(m, manifestFile);
					if (id != null) {
						courseId = id;
					}
					version = m.string("version", true);
					String title = m.string("title", true);
					String description = m.string("description", true);
					safe(title, manifestFile, m.lineOf("title"));
					safe(description, manifestFile, m.lineOf("description"));
					List<String> languages = m.strings("languages", true);
					for (String lang : languages) {
						if (!LANGUAGES.contains(lang)) {
							findings.add(manifestFile, m.lineOf("languages"),
									"unknown language '" + lang + "' (expected one of: cy, en)");
						}
					}
					Integer minutes = m.integer("estimated_minutes", true, 1, 10_000);
					Integer passMark = m.integer("pass_mark", true, 1, 100);
					Integer validity = m.has("certificate_validity_months")
							? m.integer("certificate_validity_months", true, 1, 120) : Integer.valueOf(36);
					List<PendingLesson> lessons = new ArrayList<>();
					List<CourseModule> modules = readModules(m, manifestFile, lessons);
					Assessment assessment = m.has("assessment") ? readAssessment(m, manifestFile) : null;
					for (PendingModuleRef ref : moduleRefs) {
						if (!moduleIds.containsKey(ref.moduleId())) {
							findings.add(ref.file(), ref.line(), "question refers to unknown module '" + ref.moduleId() + "'");
						}
					}
					List<CourseModule> rendered = renderLessons(modules, lessons);
					Map<String, Course> translations = new LinkedHashMap<>();
					if (language == null && languages.contains(WELSH) && !languages.get(0).equals(WELSH)) {
						Reading welsh = new Reading(this.root, dir, WELSH);
						Course cy = welsh.runTranslation(manifestFile, m.lineOf("languages"));
						findings.addAll(welsh.findings);
						if (cy != null) {
							translations.put(WELSH, cy);
						}
					}
					if (findings.isEmpty()) {
						course = new Course(courseId, version, title, description, languages, minutes, passMark,
								validity, rendered, assessment);
						translated = course;
					}
					return new Result(course, courseId, version, findings.sorted(), Map.copyOf(translations));
				}
			}
			return new Result(course, courseId, version, findings.sorted());
		}

		/**
		 * When reading a translation, reports every structural difference between a translated file's YAML
		 * (or front matter) and its source's.
		 */
		private void compareWithSource(Path path, Node node, String file, int lineOffset) {
			if (language == null || node == null) {
				return;
			}
			Path source = sourceOf(path);
			String text = quietText(source);
			if (text == null) {
				return;
			}
			boolean frontMatter = source.getFileName().toString().endsWith(".md");
			String yaml = frontMatter ? frontMatterOf(text) : text;
			if (yaml == null) {
				return;
			}
			try {
				Node sourceNode = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
				TranslationStructure.compare(sourceNode, node, file, rel(source), findings, lineOffset);
			}
			catch (YAMLException ex) {
				// the source's own reading reports it
			}
		}

		/** The source file a translated file was made from (the file itself when reading the source). */
		private Path sourceOf(Path path) {
			if (language == null) {
				return path;
			}
			String name = path.getFileName().toString();
			String marker = "." + language + ".";
			int at = name.lastIndexOf(marker);
			return at < 0 ? path : path.resolveSibling(name.substring(0, at) + name.substring(at + marker.length() - 1));
		}

		private String checkedId(YamlMap m, String file) {
			String id = m.string("id", true);
			if (id != null && !ID.matcher(id).matches()) {
				findings.add(file, m.lineOf("id"), "id '" + id + "' must use only a-z, 0-9 and hyphens");
				return null;
			}
			return id;
		}

		private List<CourseModule> readModules(YamlMap manifest, String file, List<PendingLesson> lessons) {
			List<CourseModule> modules = new ArrayList<>();
			for (Node moduleNode : manifest.list("modules", true)) {
				YamlMap mod = YamlMap.of(moduleNode, file, findings, 0, MODULE_KEYS, "a module");
				if (mod == null) {
					continue;
				}
				String id = checkedId(mod, file);
				claim(moduleIds, id, file, mod.lineOf("id"));
				String title = mod.string("title", true);
				safe(title, file, mod.lineOf("title"));
				List<ModuleItem> items = new ArrayList<>();
				for (Node itemNode : mod.list("items", true)) {
					YamlMap item = YamlMap.of(itemNode, file, findings, 0, ITEM_KEYS, "a module item");
					if (item == null) {
						continue;
					}
					List<String> kinds = ITEM_KEYS.stream().filter(item::has).sorted().toList();
					if (kinds.size() != 1) {
						findings.add(file, item.line(), "a module item needs exactly one of: check, lesson, plan, scenario");
						continue;
					}
					String kind = kinds.get(0);
					String ref = item.string(kind, true);
					Path target = resolve(ref, file, item.lineOf(kind));
					if (target == null) {
						continue;
					}
					ModuleItem read = switch (kind) {
						case "lesson" -> readLessonHeader(target, lessons);
						case "check" -> readCheck(target);
						case "plan" -> readPlan(target);
						default -> readScenario(target);
					};
					if (read != null) {
						items.add(read);
					}
				}
				if (language == null) {
					checkContentNote(file, mod, id, items);
				}
				modules.add(new CourseModule(id, title, items));
			}
			return modules;
		}

		/** A module that discusses suicide or self-harm must open with a content note. */
		private void checkContentNote(String file, YamlMap mod, String id, List<ModuleItem> items) {
			boolean discusses = items.stream().anyMatch(discussing::contains);
			boolean opensWithNote = !items.isEmpty() && items.get(0) instanceof Lesson first && first.contentNote();
			if (discusses && !opensWithNote) {
				findings.add(file, mod.line(), "safe messaging: module '" + id
						+ "' discusses suicide or self-harm but its first lesson has no content note (content_note: true)");
			}
		}

		/** Runs the safe-messaging checks on a piece of text whose first line is {@code line}. */
		private void safe(String text, String file, int line) {
			for (SafeMessaging.Problem p : SafeMessaging.check(text)) {
				findings.add(file, line + p.lineIndex(), p.message());
			}
		}

		private Path resolve(String ref, String file, int line) {
			if (ref == null) {
				return null;
			}
			Path target = dir.resolve(ref).normalize();
			if (!target.startsWith(dir)) {
				findings.add(file, line, "'" + ref + "' is outside the course folder");
				return null;
			}
			if (!Files.isRegularFile(target)) {
				findings.add(file, line, "file not found: " + ref);
				return null;
			}
			if (language != null) {
				Path translation = sibling(target, language);
				if (!Files.isRegularFile(translation)) {
					findings.add(file, line, "missing translation: " + rel(translation) + " (the course lists '" + language
							+ "' in languages)");
					return null;
				}
				return translation;
			}
			return target;
		}

		private Lesson readLessonHeader(Path path, List<PendingLesson> lessons) {
			String file = rel(path);
			String text = readText(path, file, 1);
			if (text == null) {
				return null;
			}
			List<String> lines = text.lines().toList();
			int end = frontMatterEnd(lines);
			if (end < 0) {
				findings.add(file, 1, "missing front matter: start the lesson with a '---' block holding id and title");
				return null;
			}
			Node fm = compose(String.join("\n", lines.subList(1, end)), file, 1);
			if (fm == null) {
				return null;
			}
			compareWithSource(path, fm, file, 1);
			YamlMap m = YamlMap.of(fm, file, findings, 1, FRONT_MATTER_KEYS, "the front matter");
			if (m == null) {
				return null;
			}
			String id = checkedId(m, file);
			claim(itemIds, id, file, m.lineOf("id"));
			String title = m.string("title", true);
			Integer minutes = m.has("minutes") ? m.integer("minutes", true, 1, 120) : Integer.valueOf(1);
			boolean contentNote = m.bool("content_note");
			boolean supportBox = m.bool("support_box");
			String body = String.join("\n", lines.subList(end + 1, lines.size()));
			if (body.isBlank()) {
				findings.add(file, end + 1, "the lesson has no text");
			}
			safe(title, file, m.lineOf("title"));
			safe(body, file, end + 2);
			if (language != null) {
				String sourceText = quietText(sourceOf(path));
				String sourceBody = sourceText == null ? null : bodyOf(sourceText);
				if (sourceBody != null && !body.isBlank() && sourceBody.strip().equals(body.strip())) {
					findings.add(file, end + 2, "untranslated: the lesson text is the same as in " + rel(sourceOf(path)));
				}
			}
			boolean mentions = SafeMessaging.mentionsSuicideOrSelfHarm(title + "\n" + body);
			if (mentions && !supportBox) {
				findings.add(file, m.line(),
						"safe messaging: the lesson mentions suicide or self-harm but has no support box (support_box: true)");
			}
			Lesson lesson = new Lesson(id, title, minutes == null ? 1 : minutes, contentNote, supportBox, body, null,
					dir.relativize(path).toString().replace('\\', '/'));
			if (mentions) {
				discussing.add(lesson);
			}
			lessons.add(new PendingLesson(lesson, path, end + 2));
			return lesson;
		}

		/** Renders lesson bodies once every lesson's id is known, so links between lessons resolve. */
		private List<CourseModule> renderLessons(List<CourseModule> modules, List<PendingLesson> lessons) {
			Map<Path, String> idByPath = new HashMap<>();
			for (PendingLesson p : lessons) {
				idByPath.put(sourceOf(p.path()), p.lesson().id());
			}
			Map<Lesson, String> html = new java.util.IdentityHashMap<>();
			for (PendingLesson p : lessons) {
				String file = rel(p.path());
				html.put(p.lesson(), markdown.render(p.lesson().markdown(), link -> {
					String dest = link.destination();
					if (dest == null || dest.isEmpty() || dest.startsWith("#") || EXTERNAL.matcher(dest).matches()) {
						return null;
					}
					int hash = dest.indexOf('#');
					String pathPart = hash >= 0 ? dest.substring(0, hash) : dest;
					String fragment = hash >= 0 ? dest.substring(hash) : "";
					Path target = p.path().getParent().resolve(pathPart).normalize();
					String targetId = idByPath.get(target);
					if (targetId == null) {
						// In a translation, a link to a lesson whose sibling is missing is reported as that missing sibling.
						if (language == null || !Files.isRegularFile(target)) {
							findings.add(file, p.bodyFirstLine() + link.lineIndex(),
									"broken link to '" + dest + "': no lesson of this course is at that path");
						}
						return "#";
					}
					return "lesson-" + targetId + fragment;
				}));
			}
			List<CourseModule> out = new ArrayList<>();
			for (CourseModule m : modules) {
				List<ModuleItem> items = m.items().stream().map(i -> i instanceof Lesson l ? withHtml(l, html.get(l)) : i).toList();
				out.add(new CourseModule(m.id(), m.title(), items));
			}
			return out;
		}

		private ModuleItem withHtml(Lesson l, String html) {
			return new Lesson(l.id(), l.title(), l.minutes(), l.contentNote(), l.supportBox(), l.markdown(), html,
					l.source());
		}

		private KnowledgeCheck readCheck(Path path) {
			Bank bank = readBank(path, "knowledge check");
			if (bank == null) {
				return null;
			}
			KnowledgeCheck check = new KnowledgeCheck(bank.id(), bank.title(), bank.questions(), bank.source(),
					bank.contentNote());
			if (bank.discusses()) {
				discussing.add(check);
			}
			return check;
		}

		private Assessment readAssessment(YamlMap manifest, String manifestFile) {
			YamlMap a = YamlMap.of(manifest.node("assessment"), manifestFile, findings, 0, ASSESSMENT_KEYS,
					"the assessment");
			if (a == null) {
				return null;
			}
			String ref = a.string("bank", true);
			Integer draw = a.integer("draw", true, 1, 500);
			String title = a.string("title", false);
			safe(title, manifestFile, a.lineOf("title"));
			Path target = resolve(ref, manifestFile, a.lineOf("bank"));
			Bank bank = target == null ? null : readBank(target, "assessment's question bank");
			if (bank == null || draw == null) {
				return null;
			}
			if (draw > bank.questions().size()) {
				findings.add(manifestFile, a.lineOf("draw"),
						"the assessment draws " + draw + " questions but its bank has only " + bank.questions().size());
			}
			Assessment.Blueprint blueprint = a.has("blueprint") ? readBlueprint(a, manifestFile, draw, bank) : null;
			return new Assessment(bank.id(), title != null ? title : bank.title(), draw, bank.questions(), bank.source(),
					blueprint, bank.contentNote());
		}

		/**
		 * The assessment's blueprint: the least number of questions per module and the topics every attempt
		 * covers. Refused when the bank cannot meet it or it asks for more than the draw.
		 */
		private Assessment.Blueprint readBlueprint(YamlMap a, String manifestFile, int draw, Bank bank) {
			YamlMap b = YamlMap.of(a.node("blueprint"), manifestFile, findings, 0, BLUEPRINT_KEYS, "the blueprint");
			if (b == null) {
				return null;
			}
			Map<String, Integer> modules = new LinkedHashMap<>();
			Node modulesNode = b.node("modules");
			if (modulesNode instanceof MappingNode mapping) {
				for (NodeTuple t : mapping.getValue()) {
					int line = t.getKeyNode().getStartMark().getLine() + 1;
					String moduleId = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
					String count = t.getValueNode() instanceof ScalarNode v ? v.getValue() : null;
					int n;
					try {
						n = count == null ? -1 : Integer.parseInt(count.strip());
					}
					catch (NumberFormatException ex) {
						n = -1;
					}
					if (moduleId == null || n < 1) {
						findings.add(manifestFile, line, "each blueprint module needs a whole number of questions, at least 1");
						continue;
					}
					if (modules.put(moduleId, n) != null) {
						findings.add(manifestFile, line, "blueprint module '" + moduleId + "' is listed twice");
					}
					moduleRefs.add(new PendingModuleRef(moduleId, manifestFile, line));
					long inBank = bank.questions().stream().filter(q -> moduleId.equals(q.revisitModule())).count();
					if (inBank < n) {
						findings.add(manifestFile, line, "the blueprint draws " + n + " questions from module '" + moduleId
								+ "' but the bank has only " + inBank);
					}
				}
			}
			else if (modulesNode != null) {
				findings.add(manifestFile, b.lineOf("modules"), "'modules' must map module ids to numbers of questions");
			}
			List<String> topics = b.strings("topics", false);
			for (String topic : topics) {
				if (bank.questions().stream().noneMatch(q -> topic.equals(q.topic()))) {
					findings.add(manifestFile, b.lineOf("topics"),
							"the blueprint needs topic '" + topic + "' in every attempt but no question in the bank has it");
				}
			}
			int least = modules.values().stream().mapToInt(Integer::intValue).sum();
			if (least > draw) {
				findings.add(manifestFile, b.line(), "the blueprint needs at least " + least
						+ " questions from its modules but the assessment draws only " + draw);
			}
			if (topics.size() > draw) {
				findings.add(manifestFile, b.lineOf("topics"),
						"the blueprint has " + topics.size() + " topics but the assessment draws only " + draw);
			}
			return new Assessment.Blueprint(java.util.Collections.unmodifiableMap(modules),
					List.copyOf(topics));
		}

		/** Reads a knowledge check's or the assessment's questions; {@code what} names the file in findings. */
		private Bank readBank(Path path, String what) {
			String file = rel(path);
			String text = readText(path, file, 1);
			Node node = text == null ? null : compose(text, file, 0);
			compareWithSource(path, node, file, 0);
			YamlMap m = node == null ? null : YamlMap.of(node, file, findings, 0, BANK_KEYS, "a question bank");
			if (m == null) {
				return null;
			}
			Mentions mentions = new Mentions(findings, file, text);
			String id = checkedId(m, file);
			claim(itemIds, id, file, m.lineOf("id"));
			String title = m.string("title", true);
			mentions.text(m, "title", title);
			List<Question> questions = new ArrayList<>();
			for (Node qNode : m.list("questions", true)) {
				YamlMap q = YamlMap.of(qNode, file, findings, 0, QUESTION_KEYS, "a question");
				Question question = q == null ? null : readQuestion(q, file, mentions);
				if (question != null) {
					questions.add(question);
				}
			}
			boolean contentNote = m.bool("content_note");
			mentions.needsContentNote(m, contentNote, what);
			return new Bank(id, title, questions, dir.relativize(path).toString().replace('\\', '/'), contentNote,
					mentions.any());
		}

		private Question readQuestion(YamlMap q, String file, Mentions mentions) {
			String id = checkedId(q, file);
			claim(questionIds, id, file, q.lineOf("id"));
			String label = "question '" + (id == null ? "?" : id) + "'";
			String typeText = q.string("type", true);
			QuestionType type = null;
			if (typeText != null) {
				switch (typeText) {
					case "single" -> type = QuestionType.SINGLE;
					case "multiple" -> type = QuestionType.MULTIPLE;
					case "true_false" -> type = QuestionType.TRUE_FALSE;
					default -> findings.add(file, q.lineOf("type"),
							"unknown question type '" + typeText + "' (expected one of: multiple, single, true_false)");
				}
			}
			String prompt = q.string("prompt", true);
			Mentions.Found found = mentions.text(q, "prompt", prompt);
			boolean critical = q.bool("critical");
			String module = q.string("module", false);
			if (module != null) {
				moduleRefs.add(new PendingModuleRef(module, file, q.lineOf("module")));
			}
			String explanation = q.string("explanation", false);
			found = Mentions.first(found, mentions.text(q, "explanation", explanation));
			String topic = q.string("topic", false);
			if (topic != null && !topic.matches("[a-z0-9][a-z0-9-]*")) {
				findings.add(file, q.lineOf("topic"), label + " has topic '" + topic
						+ "': use lower-case letters, digits and hyphens");
			}
			boolean fixedOrder = q.bool("fixed_order");
			List<Question.Option> options = new ArrayList<>();
			for (Node oNode : q.list("options", true)) {
				YamlMap o = YamlMap.of(oNode, file, findings, 0, OPTION_KEYS, "an option");
				if (o == null) {
					continue;
				}
				String text = o.string("text", true);
				boolean correct = o.bool("correct");
				String feedback = o.string("feedback", true);
				found = Mentions.first(found, mentions.text(o, "text", text));
				found = Mentions.first(found, mentions.text(o, "feedback", feedback));
				options.add(new Question.Option(Question.Option.keyFor(options.size()), inline(text), correct,
						inline(feedback)));
			}
			long right = options.stream().filter(Question.Option::correct).count();
			if (q.has("options")) {
				if (options.size() < 2) {
					findings.add(file, q.line(), label + " needs at least 2 options");
				}
				else if (right == 0) {
					findings.add(file, q.line(), label + " has no correct answer");
				}
				else if (right > 1 && type != QuestionType.MULTIPLE && type != null) {
					findings.add(file, q.line(), label + " has " + right + " correct answers but only one can be chosen");
				}
				if (type == QuestionType.TRUE_FALSE && options.size() != 2) {
					findings.add(file, q.line(), label + " is true/false and needs exactly 2 options");
				}
			}
			boolean supportBox = q.bool("support_box");
			mentions.needsSupportBox(found, supportBox, label);
			if (type == null) {
				return null;
			}
			return new Question(id, type, inline(prompt), options, critical, module,
					explanation == null ? null : inline(explanation), topic, fixedOrder, supportBox);
		}

		private WellbeingPlan readPlan(Path path) {
			String file = rel(path);
			String text = readText(path, file, 1);
			Node node = text == null ? null : compose(text, file, 0);
			compareWithSource(path, node, file, 0);
			YamlMap m = node == null ? null : YamlMap.of(node, file, findings, 0, PLAN_KEYS, "a plan");
			if (m == null) {
				return null;
			}
			Mentions mentions = new Mentions(findings, file, text);
			String id = checkedId(m, file);
			claim(itemIds, id, file, m.lineOf("id"));
			String title = m.string("title", true);
			String intro = m.string("intro", true);
			Mentions.Found found = Mentions.first(mentions.text(m, "title", title), mentions.text(m, "intro", intro));
			Map<String, String> promptIds = new HashMap<>();
			List<WellbeingPlan.Prompt> prompts = new ArrayList<>();
			for (Node pNode : m.list("prompts", true)) {
				YamlMap p = YamlMap.of(pNode, file, findings, 0, PROMPT_KEYS, "a prompt");
				if (p == null) {
					continue;
				}
				String promptId = checkedId(p, file);
				claim(promptIds, promptId, file, p.lineOf("id"));
				String label = p.string("label", true);
				String hint = p.string("hint", false);
				found = Mentions.first(found, mentions.text(p, "label", label));
				found = Mentions.first(found, mentions.text(p, "hint", hint));
				prompts.add(new WellbeingPlan.Prompt(promptId, label, hint));
			}
			boolean contentNote = m.bool("content_note");
			boolean supportBox = m.bool("support_box");
			mentions.needsSupportBox(found, supportBox, "the plan");
			mentions.needsContentNote(m, contentNote, "plan");
			WellbeingPlan plan = new WellbeingPlan(id, title, inline(intro), prompts,
					dir.relativize(path).toString().replace('\\', '/'), contentNote, supportBox);
			if (mentions.any()) {
				discussing.add(plan);
			}
			return plan;
		}

		private Scenario readScenario(Path path) {
			String file = rel(path);
			String text = readText(path, file, 1);
			Node node = text == null ? null : compose(text, file, 0);
			compareWithSource(path, node, file, 0);
			YamlMap m = node == null ? null : YamlMap.of(node, file, findings, 0, SCENARIO_KEYS, "a scenario");
			if (m == null) {
				return null;
			}
			Mentions mentions = new Mentions(findings, file, text);
			String id = checkedId(m, file);
			claim(itemIds, id, file, m.lineOf("id"));
			String title = m.string("title", true);
			String setting = m.string("setting", true);
			mentions.text(m, "title", title);
			mentions.text(m, "setting", setting);
			String start = m.string("start", true);
			Map<String, Integer> nodeLines = new LinkedHashMap<>();
			Map<String, String> nodeIds = new HashMap<>();
			List<Scenario.Node> nodes = new ArrayList<>();
			for (Node nNode : m.list("nodes", true)) {
				YamlMap n = YamlMap.of(nNode, file, findings, 0, NODE_KEYS, "a scenario node");
				if (n == null) {
					continue;
				}
				String nodeId = checkedId(n, file);
				if (nodeId == null) {
					continue;
				}
				if (!claim(nodeIds, nodeId, file, n.lineOf("id"))) {
					continue;
				}
				nodeLines.put(nodeId, n.line());
				String nodeText = n.string("text", true);
				Mentions.Found found = mentions.text(n, "text", nodeText);
				boolean ending = n.bool("ending");
				List<Scenario.Choice> choices = new ArrayList<>();
				for (Node cNode : n.list("choices", false)) {
					YamlMap c = YamlMap.of(cNode, file, findings, 0, CHOICE_KEYS, "a choice");
					if (c == null) {
						continue;
					}
					String choiceText = c.string("text", true);
					String next = c.string("next", true);
					String feedback = c.string("feedback", true);
					found = Mentions.first(found, mentions.text(c, "text", choiceText));
					found = Mentions.first(found, mentions.text(c, "feedback", feedback));
					choices.add(new Scenario.Choice(inline(choiceText), next, inline(feedback), c.bool("best"),
							c.bool("critical")));
					if (next != null) {
						nodeLines.putIfAbsent("->" + nodeId + "->" + next, c.lineOf("next"));
					}
				}
				if (ending && !choices.isEmpty()) {
					findings.add(file, n.line(), "node '" + nodeId + "' is an ending but has choices");
				}
				else if (!ending && choices.isEmpty()) {
					findings.add(file, n.line(), "dead end: node '" + nodeId + "' has no choices and is not an ending");
				}
				boolean supportBox = n.bool("support_box");
				mentions.needsSupportBox(found, supportBox, "node '" + nodeId + "'");
				nodes.add(new Scenario.Node(nodeId, inline(nodeText), choices, ending, n.bool("fixed_order"), supportBox));
			}
			checkGraph(file, m, start, nodes, nodeLines);
			boolean contentNote = m.bool("content_note");
			mentions.needsContentNote(m, contentNote, "scenario");
			Scenario scenario = new Scenario(id, title, setting, start, nodes,
					dir.relativize(path).toString().replace('\\', '/'), contentNote);
			if (mentions.any()) {
				discussing.add(scenario);
			}
			return scenario;
		}

		private void checkGraph(String file, YamlMap m, String start, List<Scenario.Node> nodes,
				Map<String, Integer> lines) {
			Map<String, Scenario.Node> byId = new LinkedHashMap<>();
			nodes.forEach(n -> byId.put(n.id(), n));
			for (Scenario.Node n : nodes) {
				for (Scenario.Choice c : n.choices()) {
					if (c.next() != null && !byId.containsKey(c.next())) {
						findings.add(file, lines.get("->" + n.id() + "->" + c.next()),
								"choice in node '" + n.id() + "' leads to unknown node '" + c.next() + "'");
					}
				}
			}
			if (start == null) {
				return;
			}
			if (!byId.containsKey(start)) {
				findings.add(file, m.lineOf("start"), "start node '" + start + "' does not exist");
				return;
			}
			Set<String> reached = new HashSet<>();
			ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
			while (!queue.isEmpty()) {
				String id = queue.poll();
				if (reached.add(id) && byId.containsKey(id)) {
					byId.get(id).choices().forEach(c -> queue.add(c.next()));
				}
			}
			Set<String> canEnd = new HashSet<>();
			boolean grew = true;
			while (grew) {
				grew = false;
				for (Scenario.Node n : nodes) {
					if (!canEnd.contains(n.id())
							&& (n.ending() || n.choices().isEmpty() // a plain dead end is reported on its own
									|| n.choices().stream().anyMatch(c -> canEnd.contains(c.next())))) {
						canEnd.add(n.id());
						grew = true;
					}
				}
			}
			for (Scenario.Node n : nodes) {
				if (!reached.contains(n.id())) {
					findings.add(file, lines.get(n.id()), "unreachable: no choice leads to node '" + n.id() + "'");
				}
				else if (!canEnd.contains(n.id()) && !n.choices().isEmpty()) {
					findings.add(file, lines.get(n.id()), "dead end: no ending can be reached from node '" + n.id() + "'");
				}
			}
		}

		private String inline(String text) {
			return text == null ? null : markdown.render(text);
		}

		/** Records an id; reports a duplicate and returns false if it was already used. */
		private boolean claim(Map<String, String> seen, String id, String file, int line) {
			if (id == null) {
				return false;
			}
			String first = seen.putIfAbsent(id, file + ":" + line);
			if (first != null) {
				findings.add(file, line, "duplicate id '" + id + "' (first used at " + first + ")");
				return false;
			}
			return true;
		}

		/** A file's text without reporting anything (for comparing a translation with its source). */
		private String quietText(Path path) {
			try {
				return Files.readString(path, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return null;
			}
		}

		private String readText(Path path, String file, int line) {
			try {
				return Files.readString(path, StandardCharsets.UTF_8);
			}
			catch (MalformedInputException ex) {
				findings.add(file, line, "the file is not valid UTF-8 text");
			}
			catch (IOException ex) {
				findings.add(file, line, "file not found or unreadable");
			}
			return null;
		}

		private Node compose(String text, String file, int lineOffset) {
			LoaderOptions options = new LoaderOptions();
			options.setAllowRecursiveKeys(false);
			options.setMaxAliasesForCollections(20);
			options.setCodePointLimit(2 * 1024 * 1024);
			try {
				Node node = new Yaml(options).compose(new StringReader(text));
				if (node == null) {
					findings.add(file, 1 + lineOffset, "the file is empty");
				}
				return node;
			}
			catch (MarkedYAMLException ex) {
				int line = ex.getProblemMark() != null ? ex.getProblemMark().getLine() + 1 : 1;
				findings.add(file, line + lineOffset, "YAML syntax error: " + ex.getProblem());
			}
			catch (YAMLException ex) {
				findings.add(file, 1 + lineOffset, "YAML error: " + ex.getMessage());
			}
			return null;
		}

		private String rel(Path path) {
			Path abs = path.toAbsolutePath().normalize();
			Path shown = abs.startsWith(root) ? root.relativize(abs) : abs;
			return shown.toString().replace('\\', '/');
		}

	}

	/** The front matter of a lesson's text, or {@code null} when it has none. */
	static String frontMatterOf(String text) {
		List<String> lines = text.lines().toList();
		int end = frontMatterEnd(lines);
		return end < 0 ? null : String.join("\n", lines.subList(1, end));
	}

	/** The Markdown body of a lesson's text, or {@code null} when it has no front matter. */
	static String bodyOf(String text) {
		List<String> lines = text.lines().toList();
		int end = frontMatterEnd(lines);
		return end < 0 ? null : String.join("\n", lines.subList(end + 1, lines.size()));
	}

	private static int frontMatterEnd(List<String> lines) {
		if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
			for (int i = 1; i < lines.size(); i++) {
				if (lines.get(i).strip().equals("---")) {
					return i;
				}
			}
		}
		return -1;
	}

	private record PendingLesson(Lesson lesson, Path path, int bodyFirstLine) {
	}

	private record PendingModuleRef(String moduleId, String file, int line) {
	}

	private record Bank(String id, String title, List<Question> questions, String source, boolean contentNote,
			boolean discusses) {
	}

	/**
	 * The text checks of one YAML file: safe-messaging problems, the places where suicide or self-harm is
	 * discussed, and the findings for a question, node or plan without its support box or a file without its
	 * content note. Each is reported on the line that holds its words.
	 */
	private static final class Mentions {

		/**
		 * Where a mention is.
		 *
		 * @param line the line of the file it is on
		 * @param words the words that count as a mention
		 */
		record Found(int line, String words) {
		}

		private final Findings findings;

		private final String file;

		private final List<String> lines;

		private Found first;

		Mentions(Findings findings, String file, String text) {
			this.findings = findings;
			this.file = file;
			this.lines = text == null ? List.of() : text.lines().toList();
		}

		static Found first(Found a, Found b) {
			return a != null ? a : b;
		}

		/**
		 * Checks the text value of {@code key}: reports each safe-messaging problem on the line of its words,
		 * and returns (and remembers) where it first mentions suicide or self-harm, or {@code null}.
		 */
		Found text(YamlMap map, String key, String value) {
			if (value == null) {
				return null;
			}
			for (SafeMessaging.Problem p : SafeMessaging.check(value)) {
				findings.add(file, SourceLines.lineOf(lines, map.node(key), p.words(), map.lineOf(key) + p.lineIndex()),
						p.message());
			}
			return look(map, key, value);
		}

		private Found look(YamlMap map, String key, String value) {
			String words = SafeMessaging.firstMention(value);
			if (words == null) {
				return null;
			}
			Found found = new Found(SourceLines.lineOf(lines, map.node(key), words, map.lineOf(key)), words);
			if (first == null) {
				first = found;
			}
			return found;
		}

		boolean any() {
			return first != null;
		}

		void needsSupportBox(Found found, boolean supportBox, String what) {
			if (found != null && !supportBox) {
				findings.add(file, found.line(), "safe messaging: " + what + " mentions suicide or self-harm ('"
						+ found.words() + "') but has no support box (support_box: true)");
			}
		}

		void needsContentNote(YamlMap top, boolean contentNote, String what) {
			if (first != null && !contentNote) {
				findings.add(file, top.line(), "safe messaging: this " + what + " discusses suicide or self-harm (line "
						+ first.line() + ") but has no content note (content_note: true at the top of the file)");
			}
		}

	}

}
