package org.opendoor.lms.course.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.opendoor.lms.course.LintFinding;

/** Collects lint findings while a course folder is read. */
final class Findings {

	private final List<LintFinding> list = new ArrayList<>();

	void add(String file, int line, String message) {
		list.add(new LintFinding(file, Math.max(1, line), message));
	}

	void addAll(Findings other) {
		list.addAll(other.list);
	}

	boolean isEmpty() {
		return list.isEmpty();
	}

	List<LintFinding> sorted() {
		return list.stream()
			.sorted(Comparator.comparing(LintFinding::file).thenComparingInt(LintFinding::line))
			.toList();
	}

}
