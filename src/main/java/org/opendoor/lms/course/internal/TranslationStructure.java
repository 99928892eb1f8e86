package org.opendoor.lms.course.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Compares a translated YAML file (or front matter) with its source: the same keys in the same order,
 * the same number of list entries and the same non-text values (ids, types, correct, critical, next,
 * draw, item paths...). Only the values of text keys may differ. Differences are reported at the
 * translation's line.
 */
final class TranslationStructure {

	/** Keys whose values are human-readable text, translated in a sibling file. */
	static final Set<String> TEXT_KEYS = Set.of("title", "description", "prompt", "text", "feedback", "explanation",
			"setting", "intro", "label", "hint", "hours", "for", "note", "name", "reach");

	private final String file;

	private final Findings findings;

	private final int lineOffset;

	private final String sourceFile;

	private TranslationStructure(String file, String sourceFile, Findings findings, int lineOffset) {
		this.file = file;
		this.sourceFile = sourceFile;
		this.findings = findings;
		this.lineOffset = lineOffset;
	}

	/**
	 * Reports every structural difference between {@code translation} (in {@code file}) and
	 * {@code source} (in {@code sourceFile}); {@code lineOffset} is added to the translation's lines.
	 */
	static void compare(Node source, Node translation, String file, String sourceFile, Findings findings,
			int lineOffset) {
		if (source == null || translation == null) {
			return;
		}
		new TranslationStructure(file, sourceFile, findings, lineOffset).node(source, translation, null, "");
	}

	private void node(Node source, Node translation, String key, String where) {
		if (source instanceof MappingNode s && translation instanceof MappingNode t) {
			mapping(s, t, where);
		}
		else if (source instanceof SequenceNode s && translation instanceof SequenceNode t) {
			List<Node> sv = s.getValue();
			List<Node> tv = t.getValue();
			if (sv.size() != tv.size()) {
				add(t, "translation differs from " + sourceFile + ": " + label(key, where) + " has " + tv.size()
						+ " entries but the source has " + sv.size());
			}
			for (int i = 0; i < Math.min(sv.size(), tv.size()); i++) {
				node(sv.get(i), tv.get(i), key, where + "[" + (i + 1) + "]");
			}
		}
		else if (source instanceof ScalarNode s && translation instanceof ScalarNode t) {
			if (key != null && TEXT_KEYS.contains(key)) {
				return;
			}
			if (!s.getValue().strip().equals(t.getValue().strip())) {
				add(t, "translation differs from " + sourceFile + ": " + label(key, where) + " is '" + t.getValue().strip()
						+ "' but the source has '" + s.getValue().strip() + "' (only text is translated)");
			}
		}
		else {
			add(translation, "translation differs from " + sourceFile + ": " + label(key, where)
					+ " has a different shape from the source");
		}
	}

	private void mapping(MappingNode source, MappingNode translation, String where) {
		Map<String, Node> s = entries(source);
		Map<String, Node> t = entries(translation);
		List<String> missing = new ArrayList<>(s.keySet());
		missing.removeAll(t.keySet());
		List<String> extra = new ArrayList<>(t.keySet());
		extra.removeAll(s.keySet());
		if (!missing.isEmpty() || !extra.isEmpty()) {
			StringBuilder message = new StringBuilder("translation differs from " + sourceFile + ": keys differ");
			if (!where.isEmpty()) {
				message.append(" in ").append(where);
			}
			if (!missing.isEmpty()) {
				message.append("; missing ").append(String.join(", ", missing));
			}
			if (!extra.isEmpty()) {
				message.append("; not in the source ").append(String.join(", ", extra));
			}
			add(translation, message.toString());
		}
		else if (!new ArrayList<>(s.keySet()).equals(new ArrayList<>(t.keySet()))) {
			add(translation, "translation differs from " + sourceFile + ": keys are in a different order ("
					+ String.join(", ", t.keySet()) + " instead of " + String.join(", ", s.keySet()) + ")");
		}
		for (Map.Entry<String, Node> e : s.entrySet()) {
			Node other = t.get(e.getKey());
			if (other != null) {
				node(e.getValue(), other, e.getKey(), where.isEmpty() ? e.getKey() : where + "." + e.getKey());
			}
		}
	}

	private static Map<String, Node> entries(MappingNode node) {
		Map<String, Node> map = new LinkedHashMap<>();
		for (NodeTuple tuple : node.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode key) {
				map.putIfAbsent(key.getValue(), tuple.getValueNode());
			}
		}
		return map;
	}

	private static String label(String key, String where) {
		return where.isEmpty() ? "the file" : "'" + where + "'";
	}

	private void add(Node at, String message) {
		findings.add(file, at.getStartMark().getLine() + 1 + lineOffset, message);
	}

}
