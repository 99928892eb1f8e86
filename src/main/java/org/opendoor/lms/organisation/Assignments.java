package org.opendoor.lms.organisation;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.opendoor.lms.course.CourseCatalogue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Courses organisations assign to everyone or to a group, each with a due date. */
@Service
public class Assignments {

	private static final String SELECT = "select a.id, a.organisation_id, a.course_id, a.group_id, g.name, a.due_on "
			+ "from course_assignment a left join org_group g on g.id = a.group_id ";

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final CourseCatalogue catalogue;

	public Assignments(JdbcClient jdbc, Organisations organisations, CourseCatalogue catalogue) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.catalogue = catalogue;
	}

	/**
	 * Assigns a course to everyone in the organisation ({@code groupId} null) or to one of its groups.
	 * Assigning the same course to the same people again changes the due date instead of adding a second.
	 */
	@Transactional
	public long assign(long organisationId, String courseId, Long groupId, LocalDate dueOn, long assignedBy) {
		if (courseId == null || catalogue.latest(courseId).isEmpty()) {
			throw new InvalidOrganisationInputException("org.assign.course.required");
		}
		if (dueOn == null) {
			throw new InvalidOrganisationInputException("org.assign.due.required");
		}
		if (groupId != null) {
			organisations.requireGroup(organisationId, groupId);
		}
		Optional<Assignment> existing = of(organisationId).stream()
			.filter(a -> a.courseId().equals(courseId) && java.util.Objects.equals(a.groupId(), groupId))
			.findFirst();
		if (existing.isPresent()) {
			jdbc.sql("update course_assignment set due_on = ? where id = ?")
				.params(Date.valueOf(dueOn), existing.get().id())
				.update();
			return existing.get().id();
		}
		jdbc.sql("insert into course_assignment (organisation_id, course_id, group_id, due_on, created_by, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(organisationId, courseId, groupId, Date.valueOf(dueOn), assignedBy, Timestamp.from(Instant.now()))
			.update();
		return of(organisationId).stream()
			.filter(a -> a.courseId().equals(courseId) && java.util.Objects.equals(a.groupId(), groupId))
			.findFirst()
			.orElseThrow()
			.id();
	}

	/** An organisation's assignments, soonest due first. */
	@Transactional(readOnly = true)
	public List<Assignment> of(long organisationId) {
		return jdbc.sql(SELECT + "where a.organisation_id = ? order by a.due_on, a.id")
			.param(organisationId)
			.query((rs, n) -> new Assignment(rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5), rs.getDate(6).toLocalDate()))
			.list();
	}

	/** Every assignment of every organisation (for the reminder run). */
	@Transactional(readOnly = true)
	public List<Assignment> all() {
		return jdbc.sql(SELECT + "order by a.organisation_id, a.due_on")
			.query((rs, n) -> new Assignment(rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5), rs.getDate(6).toLocalDate()))
			.list();
	}

	/**
	 * A course someone is asked to complete, as they see it.
	 *
	 * @param courseId the course
	 * @param organisationName who asks
	 * @param dueOn by when
	 */
	public record Due(String courseId, String organisationName, LocalDate dueOn) {
	}

	/** The courses a person's organisations ask them to complete, soonest first. */
	@Transactional(readOnly = true)
	public List<Due> dueFor(long accountId) {
		return jdbc.sql("select a.course_id, o.name, a.due_on from course_assignment a "
				+ "join membership m on m.organisation_id = a.organisation_id join organisation o on o.id = a.organisation_id "
				+ "where m.user_id = ? and (a.group_id is null or a.group_id = m.group_id) order by a.due_on, o.name")
			.param(accountId)
			.query((rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate()))
			.list();
	}

	/** Removes an assignment of this organisation; one of another organisation is not found. */
	@Transactional
	public void remove(long organisationId, long assignmentId) {
		int removed = jdbc.sql("delete from course_assignment where id = ? and organisation_id = ?")
			.params(assignmentId, organisationId)
			.update();
		if (removed == 0) {
			throw new OrganisationNotFoundException();
		}
	}

}
