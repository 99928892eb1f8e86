package org.opendoor.lms.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opendoor.lms.course.internal.ContactsReader;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.course.internal.SafeMessaging;

/**
 * Writes {@code docs/content-report.md}: readability of every lesson, safe-messaging coverage and the
 * review state of the support contacts. Run with
 * {@code ./mvnw -q compile exec:java -Dexec.mainClass=org.opendoor.lms.course.ContentReport}.
 */
public final class ContentReport {

	private ContentReport() {
	}

	public static void main(String[] args) throws IOException {
		Path courses = Path.of(args.length > 0 ? args[0] : "courses");
		Path out = Path.of(args.length > 1 ? args[1] : "docs/content-report.md");
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, write(courses, LocalDate.now()));
		System.out.println("wrote " + out);
	}

	/**
	 * Readability of one lesson.
	 *
	 * @param lessonId lesson id
	 * @param module module id
	 * @param score its score
	 */
	public record LessonScore(String lessonId, String module, Readability.Score score) {
	}

	/** The readability of each lesson of a course, in course order. */
	public static List<LessonScore> scores(Course course) {
		List<LessonScore> scores = new ArrayList<>();
		for (CourseModule m : course.modules()) {
			for (ModuleItem item : m.items()) {
				if (item instanceof Lesson lesson) {
					scores.add(new LessonScore(lesson.id(), m.id(), Readability.ofHtml(lesson.html())));
				}
			}
		}
		return scores;
	}

	/** The median of the lessons' grades. */
	public static double median(List<LessonScore> scores) {
		List<Double> grades = scores.stream().map(s -> s.score().grade()).sorted().toList();
		if (grades.isEmpty()) {
			return 0;
		}
		int mid = grades.size() / 2;
		return grades.size() % 2 == 1 ? grades.get(mid) : (grades.get(mid - 1) + grades.get(mid)) / 2;
	}

	/** The report as Markdown. */
	public static String write(Path courses, LocalDate today) {
		StringBuilder md = new StringBuilder("# Content report\n\n");
		md.append("Generated on ").append(today).append(" by `./mvnw -q compile exec:java "
				+ "-Dexec.mainClass=org.opendoor.lms.course.ContentReport`. Readability is the Flesch–Kincaid grade "
				+ "of each lesson's text (headings, list items and paragraphs each count as a sentence); the target "
				+ "for the flagship course is a median of 7 or less and no lesson above 9 (a reading age of about 11).\n\n");
		for (CourseReader.Result result : CourseLint.readAll(courses)) {
			Course course = result.course();
			if (course == null) {
				md.append("## ").append(result.courseId()).append("\n\nNot loaded: ").append(result.findings().size())
					.append(" lint finding(s).\n\n");
				continue;
			}
			List<LessonScore> scores = scores(course);
			double max = scores.stream().mapToDouble(s -> s.score().grade()).max().orElse(0);
			long mentions = course.modules().stream().flatMap(m -> m.items().stream())
				.filter(i -> i instanceof Lesson l && SafeMessaging.mentionsSuicideOrSelfHarm(l.title() + "\n" + l.markdown()))
				.count();
			md.append("## ").append(course.title()).append(" (").append(course.id()).append(" ").append(course.version())
				.append(")\n\n");
			md.append(String.format(Locale.ROOT, "- Lessons: %d; median grade %.1f; highest %.1f%n", scores.size(),
					median(scores), max));
			md.append("- Lessons that mention suicide or self-harm: ").append(mentions)
				.append(", every one with the support box (enforced by the lint)\n");
			List<ModuleItem> items = course.modules().stream().flatMap(m -> m.items().stream()).toList();
			long questions = items.stream().filter(KnowledgeCheck.class::isInstance)
				.flatMap(i -> ((KnowledgeCheck) i).questions().stream()).filter(Question::supportBox).count();
			long nodes = items.stream().filter(Scenario.class::isInstance)
				.flatMap(i -> ((Scenario) i).nodes().stream()).filter(Scenario.Node::supportBox).count();
			long assessed = course.assessment() == null ? 0
					: course.assessment().questions().stream().filter(Question::supportBox).count();
			md.append(String.format(Locale.ROOT, "- Other pages with the support box: %d check question(s), %d scenario "
					+ "node(s), %d plan(s), %d assessment question(s); content notes on %d check, scenario and plan file(s)%s "
					+ "(the lint finds the words in every file and refuses a page or file without its flag)%n", questions,
					nodes, items.stream().filter(i -> i instanceof WellbeingPlan p && p.supportBox()).count(), assessed,
					items.stream().filter(i -> !(i instanceof Lesson) && SafetyFlags.hasContentNote(i)).count(),
					course.assessment() != null && course.assessment().contentNote() ? " and on the assessment" : ""));
			md.append("- Safe-messaging lint: passed (a course with a finding is not loaded)\n");
			List<LintFinding> warnings = org.opendoor.lms.course.internal.ItemWriting.warnings(courses, course);
			md.append("- Item-writing warnings (cues that make answers easier to guess; the course still loads): ")
				.append(warnings.size()).append('\n');
			for (LintFinding w : warnings) {
				md.append("  - `").append(w.file()).append(':').append(w.line()).append("` ").append(w.message()).append('\n');
			}
			for (String language : result.translations().keySet()) {
				md.append("- Translation '").append(language).append("': loaded and checked against the source (same ids and "
						+ "structure, safe-messaging rules in Welsh too); readability is not scored, because the "
						+ "Flesch–Kincaid grade is for English only\n");
			}
			md.append('\n');
			md.append("| module | lesson | words | sentences | grade |\n|---|---|---:|---:|---:|\n");
			for (LessonScore s : scores) {
				md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f |%n", s.module(), s.lessonId(),
						s.score().words(), s.score().sentences(), s.score().grade()));
			}
			md.append('\n');
		}
		ContactsReader.Result contacts = new ContactsReader(today).read(courses, courses.resolve(SupportContacts.FILE));
		md.append("## Support contacts\n\n");
		md.append("- Records: ").append(contacts.contacts().size()).append("; lint findings: ")
			.append(contacts.findings().size()).append('\n');
		md.append("- Unchecked (never checked with the service in the file; checks recorded in the app are not "
				+ "counted here): ")
			.append(contacts.contacts().stream().filter(c -> c.status() == SupportContact.Status.UNCHECKED)
				.map(SupportContact::id).toList())
			.append('\n');
		md.append("- Overdue (last checked more than 12 months ago): ")
			.append(contacts.contacts().stream().filter(c -> c.status() == SupportContact.Status.OVERDUE)
				.map(SupportContact::id).toList())
			.append('\n');
		md.append("- Still to verify with the service before release: ")
			.append(contacts.contacts().stream().filter(c -> c.note() != null).map(SupportContact::id).toList())
			.append('\n');
		return md.toString();
	}

}
