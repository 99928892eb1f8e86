package org.opendoor.lms.course.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read field by field, reporting unknown keys, missing fields and wrong types with
 * their line numbers instead of throwing.
 */
final class YamlMap {

	private final MappingNode node;

	private final String file;

	private final Findings findings;

	private final int lineOffset;

	private final Map<String, Node> values = new LinkedHashMap<>();

	private final Map<String, Integer> keyLines = new LinkedHashMap<>();

	YamlMap(MappingNode node, String file, Findings findings, int lineOffset, Set<String> allowed) {
		this.node = node;
		this.file = file;
		this.findings = findings;
		this.lineOffset = lineOffset;
		for (NodeTuple tuple : node.getValue()) {
			int line = lineOf(tuple.getKeyNode());
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				findings.add(file, line, "a key must be plain text");
				continue;
			}
			String name = key.getValue();
			if (values.containsKey(name)) {
				findings.add(file, line, "duplicate key '" + name + "'");
				continue;
			}
			if (!allowed.contains(name)) {
				findings.add(file, line, "unknown key '" + name + "' (expected one of: "
						+ String.join(", ", new TreeSet<>(allowed)) + ")");
				continue;
			}
			values.put(name, tuple.getValueNode());
			keyLines.put(name, line);
		}
	}

	/** Reads a node as a mapping, or reports that it is not one and returns {@code null}. */
	static YamlMap of(Node node, String file, Findings findings, int lineOffset, Set<String> allowed, String what) {
		if (node instanceof MappingNode mapping) {
			return new YamlMap(mapping, file, findings, lineOffset, allowed);
		}
		findings.add(file, node == null ? 1 : node.getStartMark().getLine() + 1 + lineOffset,
				what + " must be a mapping of keys to values");
		return null;
	}

	int line() {
		return lineOf(node);
	}

	int lineOf(String key) {
		return keyLines.getOrDefault(key, line());
	}

	private int lineOf(Node n) {
		return n.getStartMark().getLine() + 1 + lineOffset;
	}

	boolean has(String key) {
		return values.containsKey(key);
	}

	String string(String key, boolean required) {
		Node value = values.get(key);
		if (value == null) {
			if (required) {
				missing(key);
			}
			return null;
		}
		if (value instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
			return scalar.getValue().strip();
		}
		findings.add(file, lineOf(key), "'" + key + "' must be non-empty text");
		return null;
	}

	Integer integer(String key, boolean required, int min, int max) {
		String text = string(key, required);
		if (text == null) {
			return null;
		}
		try {
			int v = Integer.parseInt(text);
			if (v < min || v > max) {
				findings.add(file, lineOf(key), "'" + key + "' must be between " + min + " and " + max + ", not " + v);
				return null;
			}
			return v;
		}
		catch (NumberFormatException ex) {
			findings.add(file, lineOf(key), "'" + key + "' must be a whole number, not '" + text + "'");
			return null;
		}
	}

	boolean bool(String key) {
		String text = string(key, false);
		if (text == null) {
			return false;
		}
		if (text.equals("true") || text.equals("false")) {
			return Boolean.parseBoolean(text);
		}
		findings.add(file, lineOf(key), "'" + key + "' must be true or false, not '" + text + "'");
		return false;
	}

	List<Node> list(String key, boolean required) {
		Node value = values.get(key);
		if (value == null) {
			if (required) {
				missing(key);
			}
			return List.of();
		}
		if (value instanceof SequenceNode seq) {
			if (seq.getValue().isEmpty() && required) {
				findings.add(file, lineOf(key), "'" + key + "' must not be empty");
			}
			return seq.getValue();
		}
		findings.add(file, lineOf(key), "'" + key + "' must be a list");
		return List.of();
	}

	List<String> strings(String key, boolean required) {
		List<String> out = new ArrayList<>();
		for (Node item : list(key, required)) {
			if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
				out.add(scalar.getValue().strip());
			}
			else {
				findings.add(file, lineOf(item), "each entry of '" + key + "' must be text");
			}
		}
		return out;
	}

	Node node(String key) {
		return values.get(key);
	}

	private void missing(String key) {
		findings.add(file, line(), "missing field '" + key + "'");
	}

}
