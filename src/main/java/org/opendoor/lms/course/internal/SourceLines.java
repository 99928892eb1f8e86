package org.opendoor.lms.course.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Finds which line of a YAML file some words of a text value are on, whatever its style: plain, quoted,
 * folded ({@code >}) or literal ({@code |}), on one line or several.
 */
final class SourceLines {

	private SourceLines() {
	}

	/**
	 * The 1-based line of {@code lines} on which {@code words} (lower case, single spaces) start within the
	 * scalar {@code value}, or {@code fallback} when they cannot be found in its source text.
	 */
	static int lineOf(List<String> lines, Node value, String words, int fallback) {
		if (!(value instanceof ScalarNode) || words == null) {
			return fallback;
		}
		int first = value.getStartMark().getLine();
		int last = Math.min(value.getEndMark().getLine(), lines.size() - 1);
		StringBuilder flat = new StringBuilder();
		List<Integer> lineAt = new ArrayList<>();
		char previous = 0;
		for (int l = first; l <= last; l++) {
			String raw = lines.get(l);
			int from = l == first ? Math.min(value.getStartMark().getColumn(), raw.length()) : 0;
			int to = l == value.getEndMark().getLine() ? Math.min(value.getEndMark().getColumn(), raw.length()) : raw.length();
			for (int i = from; i < to; i++) {
				char c = Character.toLowerCase(raw.charAt(i) == '\u2019' ? '\'' : raw.charAt(i));
				if (Character.isWhitespace(c)) {
					c = ' ';
					if (previous == ' ' || flat.isEmpty()) {
						continue;
					}
				}
				else if (c == '\'' && previous == '\'' && i > from && raw.charAt(i - 1) == '\'') {
					previous = 0; // '' in a single-quoted value is one apostrophe
					continue;
				}
				flat.append(c);
				lineAt.add(l);
				previous = c;
			}
			if (previous != ' ' && !flat.isEmpty()) {
				flat.append(' ');
				lineAt.add(l);
				previous = ' ';
			}
		}
		int at = flat.indexOf(words.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", " "));
		return at < 0 ? fallback : lineAt.get(at) + 1;
	}

}
