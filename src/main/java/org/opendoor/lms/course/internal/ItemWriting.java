package org.opendoor.lms.course.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.LintFinding;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Scenario;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Item-writing warnings: cues that let a learner guess without knowing. They do not stop a course from
 * loading (a course can be right and still be easy to guess), but the lint, the course admin page and the
 * content report show each with its file and line.
 * <ul>
 * <li>In a question bank (the assessment or a knowledge check), the right answer is the longest option in
 * more than half of the single-answer questions (at least {@value #LEAST_FOR_BANK} of them): always picking
 * the longest option would then do better than chance.</li>
 * <li>In one single-answer question, the right answer is at least half as long again as every other option
 * (and at least {@value #LEAST_EXTRA} characters longer): the length gives it away.</li>
 * <li>An option says "all of the above" or "none of the above" (or the Welsh for it): options are shown in a
 * shuffled order, and such an option is a cue either way.</li>
 * <li>In a scenario with two or more decision points, the best choice is in the same place in the author's
 * order at every one of them.</li>
 * </ul>
 * Files are checked in every language the course is read in.
 */
public final class ItemWriting {

	/** The fewest single-answer questions in a bank for which the bank-wide length rule applies. */
	static final int LEAST_FOR_BANK = 3;

	/** How many characters longer than every other option a right answer must be to count as much longer. */
	static final int LEAST_EXTRA = 10;

	private static final Pattern ABOVE = Pattern.compile(
			"\\b(all|none|both) of the (above|options)\\b|pob un o'?r uchod|dim un o'?r uchod|y ddau uchod",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private ItemWriting() {
	}

	/**
	 * The item-writing warnings for a loaded course, sorted by file and line, with file names as the lint
	 * gives them.
	 *
	 * @param target the courses folder, or the course's own folder, the course was read from
	 * @param course the course as loaded
	 */
	public static List<LintFinding> warnings(Path target, Course course) {
		Path abs = target.toAbsolutePath().normalize();
		if (Files.isRegularFile(abs.resolve(CourseReader.MANIFEST))) {
			return warnings(abs.getParent(), abs, course);
		}
		Path dir = folderOf(abs, course.id());
		return dir == null ? List.of() : warnings(abs, dir, course);
	}

	/** The folder under the courses folder that holds the course with this id, or {@code null}. */
	private static Path folderOf(Path courses, String id) {
		if (Files.isRegularFile(courses.resolve(id).resolve(CourseReader.MANIFEST))) {
			return courses.resolve(id);
		}
		Pattern declares = Pattern.compile("(?m)^id:\\s*['\"]?" + Pattern.quote(id) + "['\"]?\\s*$");
		try (var dirs = Files.list(courses)) {
			for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
				Path manifest = dir.resolve(CourseReader.MANIFEST);
				if (Files.isRegularFile(manifest) && declares.matcher(Files.readString(manifest)).find()) {
					return dir;
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return null;
	}

	/**
	 * The item-writing warnings for a loaded course, sorted by file and line.
	 *
	 * @param root the folder that file names are relative to (the courses folder)
	 * @param courseDir the course's folder
	 * @param course the course as loaded
	 */
	static List<LintFinding> warnings(Path root, Path courseDir, Course course) {
		Set<String> banks = new LinkedHashSet<>();
		Set<String> scenarios = new LinkedHashSet<>();
		if (course.assessment() != null) {
			banks.add(course.assessment().source());
		}
		for (CourseModule module : course.modules()) {
			for (ModuleItem item : module.items()) {
				if (item instanceof KnowledgeCheck check) {
					banks.add(check.source());
				}
				else if (item instanceof Scenario scenario) {
					scenarios.add(scenario.source());
				}
			}
		}
		Path base = root.toAbsolutePath().normalize();
		Path dir = courseDir.toAbsolutePath().normalize();
		List<LintFinding> found = new ArrayList<>();
		for (String source : banks) {
			for (Path file : languages(dir.resolve(source), course)) {
				Node node = compose(file);
				if (node != null) {
					bank(node, rel(base, file), found);
				}
			}
		}
		for (String source : scenarios) {
			for (Path file : languages(dir.resolve(source), course)) {
				Node node = compose(file);
				if (node != null) {
					scenario(node, rel(base, file), found);
				}
			}
		}
		return found.stream()
			.sorted(Comparator.comparing(LintFinding::file).thenComparingInt(LintFinding::line))
			.toList();
	}

	private static void bank(Node root, String file, List<LintFinding> found) {
		Node questions = value(root, "questions");
		if (!(questions instanceof SequenceNode list)) {
			return;
		}
		int single = 0;
		int longest = 0;
		for (Node q : list.getValue()) {
			String id = text(value(q, "id"));
			String label = "question '" + (id == null ? "?" : id) + "'";
			List<Node> options = value(q, "options") instanceof SequenceNode o ? o.getValue() : List.of();
			List<Integer> lengths = new ArrayList<>();
			List<Integer> right = new ArrayList<>();
			for (Node option : options) {
				Node textNode = value(option, "text");
				String text = text(textNode);
				if (text != null && ABOVE.matcher(text).find()) {
					found.add(new LintFinding(file, line(textNode), "item writing: " + label + " has an option '"
							+ text.strip() + "': write options that each stand on their own (they are shown shuffled)"));
				}
				if ("true".equals(text(value(option, "correct")))) {
					right.add(lengths.size());
				}
				lengths.add(plainLength(text));
			}
			if (!"single".equals(text(value(q, "type"))) || right.size() != 1 || lengths.size() < 2) {
				continue;
			}
			single++;
			int key = lengths.get(right.get(0));
			int others = 0;
			for (int i = 0; i < lengths.size(); i++) {
				if (i != right.get(0)) {
					others = Math.max(others, lengths.get(i));
				}
			}
			if (key > others) {
				longest++;
			}
			if (key * 2 >= others * 3 && key - others >= LEAST_EXTRA) {
				found.add(new LintFinding(file, line(q), "item writing: in " + label + " the right answer is much longer"
						+ " than every other option (" + key + " characters, the others at most " + others
						+ "): make the options alike in length"));
			}
		}
		if (single >= LEAST_FOR_BANK && longest * 2 > single) {
			found.add(new LintFinding(file, keyLine(root, "questions"), "item writing: the right answer is the longest"
					+ " option in " + longest + " of " + single + " single-answer questions, so always picking the"
					+ " longest would pay: make the other options as long and as plausible"));
		}
	}

	private static void scenario(Node root, String file, List<LintFinding> found) {
		Node nodes = value(root, "nodes");
		if (!(nodes instanceof SequenceNode list)) {
			return;
		}
		Set<Integer> places = new LinkedHashSet<>();
		int decisions = 0;
		for (Node n : list.getValue()) {
			List<Node> choices = value(n, "choices") instanceof SequenceNode c ? c.getValue() : List.of();
			if (choices.size() < 2) {
				continue;
			}
			for (int i = 0; i < choices.size(); i++) {
				if ("true".equals(text(value(choices.get(i), "best")))) {
					places.add(i);
					decisions++;
					break;
				}
			}
		}
		if (decisions >= 2 && places.size() == 1) {
			found.add(new LintFinding(file, keyLine(root, "nodes"), "item writing: the best choice is choice "
					+ (places.iterator().next() + 1) + " at all " + decisions
					+ " decision points: vary where you put it"));
		}
	}

	/** The file and its translations that the course is read in. */
	private static List<Path> languages(Path source, Course course) {
		List<Path> files = new ArrayList<>();
		files.add(source);
		for (String language : course.languages()) {
			Path translated = CourseReader.sibling(source, language);
			if (!language.equals(course.languages().get(0)) && Files.isRegularFile(translated)) {
				files.add(translated);
			}
		}
		return files;
	}

	private static Node compose(Path file) {
		try {
			return new Yaml(new LoaderOptions())
				.compose(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
		}
		catch (IOException | YAMLException ex) {
			return null; // the course reader reports unreadable files
		}
	}

	private static Node value(Node map, String key) {
		if (map instanceof MappingNode m) {
			for (NodeTuple t : m.getValue()) {
				if (key.equals(text(t.getKeyNode()))) {
					return t.getValueNode();
				}
			}
		}
		return null;
	}

	private static int keyLine(Node map, String key) {
		if (map instanceof MappingNode m) {
			for (NodeTuple t : m.getValue()) {
				if (key.equals(text(t.getKeyNode()))) {
					return line(t.getKeyNode());
				}
			}
		}
		return 1;
	}

	private static String text(Node node) {
		return node instanceof ScalarNode s ? s.getValue() : null;
	}

	private static int line(Node node) {
		return node == null ? 1 : node.getStartMark().getLine() + 1;
	}

	/** The length a reader sees: without Markdown emphasis marks or surrounding space. */
	private static int plainLength(String text) {
		return text == null ? 0 : text.replaceAll("[*_`]", "").strip().length();
	}

	private static String rel(Path base, Path file) {
		return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
	}

}
