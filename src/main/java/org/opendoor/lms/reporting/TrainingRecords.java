package org.opendoor.lms.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.learning.LearningProgress;
import org.opendoor.lms.learning.LearningProgress.State;
import org.opendoor.lms.organisation.Assignment;
import org.opendoor.lms.organisation.Assignments;
import org.opendoor.lms.organisation.Member;
import org.opendoor.lms.organisation.OrganisationNotFoundException;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One row per member per course: where each of an organisation's people stands, straight from the
 * learning records, their organisation's assignments and their certificates. The dashboard counts these
 * rows and the export writes them, so the two always agree.
 */
@Service
public class TrainingRecords {

	/**
	 * One member's standing in one course.
	 *
	 * @param member the member
	 * @param course the course (its latest version)
	 * @param state completed, in progress or not started
	 * @param dueOn the earliest due date of the assignments of this course that apply to them, or {@code null}
	 * @param overdue whether it is not completed and its due date has passed
	 * @param completedAt when they passed, or {@code null}
	 * @param certificate their newest valid certificate for the course, or {@code null}
	 * @param modules each module id of the course with their state in it
	 */
	public record Row(Member member, Course course, State state, LocalDate dueOn, boolean overdue, Instant completedAt,
			Certificates.Held certificate, Map<String, State> modules) {
	}

	private final Organisations organisations;

	private final Assignments assignments;

	private final LearningProgress progress;

	private final Certificates certificates;

	private final CourseCatalogue catalogue;

	TrainingRecords(Organisations organisations, Assignments assignments, LearningProgress progress,
			Certificates certificates, CourseCatalogue catalogue) {
		this.organisations = organisations;
		this.assignments = assignments;
		this.progress = progress;
		this.certificates = certificates;
		this.catalogue = catalogue;
	}

	/** A course's title in a language (its source title when it has no such translation). */
	String courseTitle(Course course, String language) {
		return catalogue.latest(course.id(), language).map(e -> e.course().title()).orElse(course.title());
	}

	/** The courses a report covers: one, or every course in the catalogue. */
	List<Course> courses(String courseId) {
		if (courseId == null || courseId.isBlank()) {
			return catalogue.available().stream().map(CatalogueEntry::course).toList();
		}
		return List.of(catalogue.latest(courseId).orElseThrow(OrganisationNotFoundException::new).course());
	}

	/** The rows of an organisation, optionally for one group and one course, on a given day. */
	@Transactional(readOnly = true)
	public List<Row> of(long organisationId, Long groupId, String courseId, LocalDate today) {
		if (groupId != null) {
			organisations.requireGroup(organisationId, groupId);
		}
		List<Course> courses = courses(courseId);
		List<Member> members = organisations.members(organisationId, groupId);
		List<Long> ids = members.stream().map(Member::accountId).toList();
		Map<String, LearningProgress.CourseProgress> standing = new HashMap<>();
		progress.of(ids).forEach(p -> standing.put(p.learnerId() + "/" + p.courseId(), p));
		Map<String, Certificates.Held> held = new HashMap<>();
		certificates.newestValidOf(ids).forEach(h -> held.put(h.learnerId() + "/" + h.courseId(), h));
		List<Assignment> assigned = assignments.of(organisationId);
		List<Row> rows = new ArrayList<>();
		for (Member m : members) {
			for (Course c : courses) {
				String key = m.accountId() + "/" + c.id();
				LearningProgress.CourseProgress p = standing.get(key);
				State state = p == null ? State.NOT_STARTED : p.state();
				LocalDate due = assigned.stream()
					.filter(a -> a.courseId().equals(c.id()) && a.appliesTo(m.groupId()))
					.map(Assignment::dueOn)
					.min(LocalDate::compareTo)
					.orElse(null);
				boolean overdue = state != State.COMPLETED && due != null && today.isAfter(due);
				Map<String, State> modules = new java.util.LinkedHashMap<>();
				for (var module : c.modules()) {
					State s = p == null ? State.NOT_STARTED
							: p.state() == State.COMPLETED ? State.COMPLETED
									: p.modules().getOrDefault(module.id(), State.NOT_STARTED);
					modules.put(module.id(), s);
				}
				rows.add(new Row(m, c, state, due, overdue, p == null ? null : p.completedAt(), held.get(key), modules));
			}
		}
		return rows;
	}

}
