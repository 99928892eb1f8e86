package org.opendoor.lms.course.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.FacilitatorGuide;
import org.opendoor.lms.course.LintFinding;
import org.opendoor.lms.course.SafetyFlags;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and lints a course's optional facilitator notes ({@code facilitator.yaml}) and their Welsh sibling
 * ({@code facilitator.cy.yaml}): YAML errors, unknown keys, unknown or repeated module ids, unsafe wording,
 * and a sibling whose structure differs from the source. Every problem has its file and line.
 */
public final class FacilitatorReader {

	/** The notes file in a course folder. */
	public static final String FILE = "facilitator.yaml";

	/** Its Welsh sibling. */
	public static final String WELSH_FILE = "facilitator.cy.yaml";

	static final Set<String> KEYS = Set.of("opening", "ground_rules", "closing", "modules");

	static final Set<String> MODULE_KEYS = Set.of("module", "minutes", "opening", "ground_rules", "safety", "prompts");

	/**
	 * What a notes file holds.
	 *
	 * @param guide the notes, or {@code null} when the file cannot be read as notes (a module without the
	 * safety reminder it needs is a finding but still gives the notes)
	 * @param findings the problems found
	 */
	public record Result(FacilitatorGuide guide, List<LintFinding> findings) {
	}

	/**
	 * Lints a course's notes and, when present or required, the Welsh sibling. A course without a
	 * {@code facilitator.yaml} has nothing to lint (the notes are optional).
	 */
	public List<LintFinding> lint(Path root, Path courseDir, Course course) {
		Path source = courseDir.resolve(FILE);
		Path welsh = courseDir.resolve(WELSH_FILE);
		List<LintFinding> findings = new ArrayList<>();
		if (!Files.exists(source)) {
			if (Files.exists(welsh)) {
				findings.add(new LintFinding(rel(root, welsh), 1, "Welsh notes without " + FILE + " beside them"));
			}
			return findings;
		}
		Result english = read(root, source, course);
		findings.addAll(english.findings());
		if (!Files.exists(welsh)) {
			if (course.languages().contains("cy")) {
				findings.add(new LintFinding(rel(root, source), 1,
						"the course is offered in Welsh but " + WELSH_FILE + " is missing"));
			}
			return findings;
		}
		Result cy = read(root, welsh, course);
		findings.addAll(cy.findings());
		if (english.guide() != null && cy.guide() != null) {
			compare(english.guide(), cy.guide(), rel(root, welsh), findings);
		}
		return findings;
	}

	/** Reads one notes file against a course's module ids; findings name files relative to {@code root}. */
	public Result read(Path root, Path file, Course course) {
		Findings findings = new Findings();
		String name = rel(root, file);
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (MalformedInputException ex) {
			findings.add(name, 1, "the file is not valid UTF-8 text");
			return new Result(null, findings.sorted());
		}
		catch (IOException ex) {
			findings.add(name, 1, "file not found or unreadable");
			return new Result(null, findings.sorted());
		}
		Node node;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowRecursiveKeys(false);
			options.setMaxAliasesForCollections(20);
			node = new Yaml(options).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			findings.add(name, ex.getProblemMark() == null ? 1 : ex.getProblemMark().getLine() + 1,
					"YAML syntax error: " + ex.getProblem());
			return new Result(null, findings.sorted());
		}
		catch (YAMLException ex) {
			findings.add(name, 1, "YAML error: " + ex.getMessage());
			return new Result(null, findings.sorted());
		}
		if (node == null) {
			findings.add(name, 1, "the file is empty");
			return new Result(null, findings.sorted());
		}
		List<String> lines = text.lines().toList();
		Set<String> known = new HashSet<>();
		course.modules().stream().map(CourseModule::id).forEach(known::add);
		YamlMap top = YamlMap.of(node, name, findings, 0, KEYS, "the facilitator notes");
		if (top == null) {
			return new Result(null, findings.sorted());
		}
		String opening = safe(top, "opening", name, findings, lines);
		List<String> rules = safeList(top, "ground_rules", name, findings, lines);
		String closing = safe(top, "closing", name, findings, lines);
		List<FacilitatorGuide.ModuleNotes> modules = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		// a missing safety reminder is reported, but the notes can still be compared with their sibling
		Findings safety = new Findings();
		for (Node item : top.list("modules", false)) {
			YamlMap m = YamlMap.of(item, name, findings, 0, MODULE_KEYS, "a module's notes");
			if (m == null) {
				continue;
			}
			String id = m.string("module", true);
			if (id != null && !known.contains(id)) {
				findings.add(name, m.lineOf("module"), "unknown module '" + id + "' (the course's modules are: "
						+ String.join(", ", course.modules().stream().map(CourseModule::id).toList()) + ")");
			}
			else if (id != null && !seen.add(id)) {
				findings.add(name, m.lineOf("module"), "module '" + id + "' has notes twice");
			}
			Integer minutes = m.has("minutes") ? m.integer("minutes", true, 1, 600) : null;
			FacilitatorGuide.ModuleNotes notes = new FacilitatorGuide.ModuleNotes(id, minutes,
					safe(m, "opening", name, findings, lines), safeList(m, "ground_rules", name, findings, lines),
					safeList(m, "safety", name, findings, lines), safeList(m, "prompts", name, findings, lines));
			boolean contentDiscusses = course.module(id == null ? "" : id).map(SafetyFlags::discusses).orElse(false);
			String said = SafeMessaging.firstMention(String.join("\n", notes.opening() == null ? "" : notes.opening(),
					String.join("\n", notes.groundRules()), String.join("\n", notes.prompts())));
			if ((contentDiscusses || said != null) && notes.safety().isEmpty()) {
				safety.add(name, m.line(), "safe messaging: module '" + id + "' discusses suicide or self-harm ("
						+ (said != null ? "the notes say '" + said + "'" : "its pages have a content note")
						+ ") but its notes have no safety reminder (safety:)");
			}
			modules.add(notes);
		}
		if (!findings.isEmpty()) {
			findings.addAll(safety);
			return new Result(null, findings.sorted());
		}
		return new Result(new FacilitatorGuide(opening, rules, closing, List.copyOf(modules)), safety.sorted());
	}

	/** The Welsh sibling must match the source in everything but the words. */
	private static void compare(FacilitatorGuide en, FacilitatorGuide cy, String file, List<LintFinding> findings) {
		List<String> differences = new ArrayList<>();
		same(differences, "opening", present(en.opening()), present(cy.opening()));
		same(differences, "closing", present(en.closing()), present(cy.closing()));
		same(differences, "ground_rules", en.groundRules().size(), cy.groundRules().size());
		same(differences, "modules", en.modules().size(), cy.modules().size());
		for (int i = 0; i < Math.min(en.modules().size(), cy.modules().size()); i++) {
			FacilitatorGuide.ModuleNotes a = en.modules().get(i);
			FacilitatorGuide.ModuleNotes b = cy.modules().get(i);
			String at = "modules[" + (i + 1) + "]";
			same(differences, at + ".module", a.moduleId(), b.moduleId());
			same(differences, at + ".minutes", a.minutes(), b.minutes());
			same(differences, at + ".opening", present(a.opening()), present(b.opening()));
			same(differences, at + ".ground_rules", a.groundRules().size(), b.groundRules().size());
			same(differences, at + ".safety", a.safety().size(), b.safety().size());
			same(differences, at + ".prompts", a.prompts().size(), b.prompts().size());
		}
		for (String d : differences) {
			findings.add(new LintFinding(file, 1, "differs from " + FILE + ": " + d));
		}
	}

	private static String present(String text) {
		return text == null ? "absent" : "present";
	}

	private static void same(List<String> differences, String what, Object source, Object welsh) {
		if (!Objects.equals(source, welsh)) {
			differences.add(what + " is " + welsh + " here but " + source + " in the source");
		}
	}

	private static String safe(YamlMap map, String key, String file, Findings findings, List<String> lines) {
		String text = map.string(key, false);
		if (text != null) {
			for (SafeMessaging.Problem p : SafeMessaging.check(text)) {
				findings.add(file, SourceLines.lineOf(lines, map.node(key), p.words(), map.lineOf(key) + p.lineIndex()),
						p.message());
			}
		}
		return text;
	}

	private static List<String> safeList(YamlMap map, String key, String file, Findings findings, List<String> lines) {
		List<String> texts = map.strings(key, false);
		List<Node> items = map.node(key) instanceof SequenceNode seq ? seq.getValue() : List.of();
		for (int i = 0; i < texts.size(); i++) {
			// each entry's own line when the list is well formed, else the key's
			int line = texts.size() == items.size() ? items.get(i).getStartMark().getLine() + 1 : map.lineOf(key);
			for (SafeMessaging.Problem p : SafeMessaging.check(texts.get(i))) {
				Node item = texts.size() == items.size() ? items.get(i) : null;
				findings.add(file, SourceLines.lineOf(lines, item, p.words(), line + p.lineIndex()), p.message());
			}
		}
		return List.copyOf(texts);
	}

	private static String rel(Path root, Path file) {
		Path r = root.toAbsolutePath().normalize();
		Path abs = file.toAbsolutePath().normalize();
		return (abs.startsWith(r) ? r.relativize(abs) : abs).toString().replace('\\', '/');
	}

}
