package org.opendoor.lms.reporting;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.learning.LearningProgress.State;

/**
 * What an organisation's dashboard shows, counted from {@link TrainingRecords} rows, with the geometry of
 * its bar charts (worked out here so the page needs no script).
 *
 * @param people how many members the filter covers
 * @param courses each course's counts and its modules' counts
 * @param expiring certificates expiring in the next {@value #EXPIRY_DAYS} days, soonest first
 * @param expiryBands how many expire within 30, 31–60 and 61–90 days
 */
public record Dashboard(int people, List<CourseSummary> courses, List<TrainingRecords.Row> expiring,
		List<Band> expiryBands) {

	/** How far ahead the dashboard looks for expiring certificates. */
	public static final int EXPIRY_DAYS = 90;

	/** Width of a full bar in the charts' coordinates. */
	public static final int BAR_WIDTH = 300;

	/**
	 * Counts of people in each state; overdue people are also counted as in progress or not started.
	 */
	public record Counts(int completed, int inProgress, int notStarted, int overdue) {

		public int total() {
			return completed + inProgress + notStarted;
		}

		/** The stacked bar: completed, in progress, not started, as x offsets and widths out of {@link #BAR_WIDTH}. */
		public List<Segment> segments() {
			List<Segment> segments = new ArrayList<>();
			int[] values = { completed, inProgress, notStarted };
			String[] kinds = { "completed", "inProgress", "notStarted" };
			int x = 0;
			int sum = 0;
			for (int i = 0; i < values.length; i++) {
				sum += values[i];
				int end = total() == 0 ? 0 : Math.round(sum * (float) BAR_WIDTH / total());
				if (end > x) {
					segments.add(new Segment(kinds[i], x, end - x, values[i]));
				}
				x = Math.max(x, end);
			}
			return segments;
		}

		/** Width of the overdue bar out of {@link #BAR_WIDTH}. */
		public int overdueWidth() {
			return total() == 0 ? 0 : Math.round(overdue * (float) BAR_WIDTH / total());
		}

	}

	/**
	 * One coloured part of a stacked bar.
	 *
	 * @param kind {@code completed}, {@code inProgress} or {@code notStarted} (its CSS class and label)
	 * @param x where it starts
	 * @param width how wide it is
	 * @param count how many people it stands for
	 */
	public record Segment(String kind, int x, int width, int count) {
	}

	/**
	 * A course's figures.
	 *
	 * @param course the course (latest version)
	 * @param counts its counts
	 * @param modules each module's figures
	 */
	public record CourseSummary(Course course, Counts counts, List<ModuleSummary> modules) {

		/** Height of this course's chart: one row for the course and one for each module. */
		public int chartHeight() {
			return (modules.size() + 1) * ROW_HEIGHT;
		}

	}

	/** Height of one chart row: its label, its bar and its overdue line. */
	public static final int ROW_HEIGHT = 46;

	/**
	 * A module's figures.
	 *
	 * @param module the module
	 * @param counts its counts
	 */
	public record ModuleSummary(CourseModule module, Counts counts) {
	}

	/**
	 * Certificates expiring within a band of days.
	 *
	 * @param fromDay first day (from today)
	 * @param toDay last day
	 * @param count how many
	 * @param width bar width out of {@link #BAR_WIDTH}, scaled to the largest band
	 */
	public record Band(int fromDay, int toDay, int count, int width) {
	}

	static Dashboard of(List<TrainingRecords.Row> rows, List<Course> courses, int people, LocalDate today) {
		List<CourseSummary> summaries = new ArrayList<>();
		for (Course course : courses) {
			List<TrainingRecords.Row> mine = rows.stream().filter(r -> r.course().id().equals(course.id())).toList();
			Counts counts = count(mine.stream().map(r -> r.state()).toList(),
					mine.stream().map(TrainingRecords.Row::overdue).toList());
			List<ModuleSummary> modules = new ArrayList<>();
			for (CourseModule module : course.modules()) {
				modules.add(new ModuleSummary(module, count(
						mine.stream().map(r -> r.modules().get(module.id())).toList(),
						mine.stream().map(r -> r.overdue() && r.modules().get(module.id()) != State.COMPLETED).toList())));
			}
			summaries.add(new CourseSummary(course, counts, modules));
		}
		LocalDate last = today.plusDays(EXPIRY_DAYS);
		List<TrainingRecords.Row> expiring = rows.stream()
			.filter(r -> r.certificate() != null && !r.certificate().expiresOn().isBefore(today)
					&& !r.certificate().expiresOn().isAfter(last))
			.sorted(Comparator.comparing((TrainingRecords.Row r) -> r.certificate().expiresOn())
				.thenComparing(r -> r.member().displayName()))
			.toList();
		int[] bands = new int[3];
		for (TrainingRecords.Row r : expiring) {
			long days = ChronoUnit.DAYS.between(today, r.certificate().expiresOn());
			bands[days <= 30 ? 0 : days <= 60 ? 1 : 2]++;
		}
		int max = Math.max(1, Math.max(bands[0], Math.max(bands[1], bands[2])));
		List<Band> bandList = List.of(new Band(0, 30, bands[0], bands[0] * BAR_WIDTH / max),
				new Band(31, 60, bands[1], bands[1] * BAR_WIDTH / max), new Band(61, 90, bands[2], bands[2] * BAR_WIDTH / max));
		return new Dashboard(people, summaries, expiring, bandList);
	}

	private static Counts count(List<State> states, List<Boolean> overdue) {
		int completed = 0;
		int inProgress = 0;
		int notStarted = 0;
		for (State s : states) {
			State state = s == null ? State.NOT_STARTED : s;
			switch (state) {
				case COMPLETED -> completed++;
				case IN_PROGRESS -> inProgress++;
				default -> notStarted++;
			}
		}
		int late = (int) overdue.stream().filter(Boolean::booleanValue).count();
		return new Counts(completed, inProgress, notStarted, late);
	}

}
