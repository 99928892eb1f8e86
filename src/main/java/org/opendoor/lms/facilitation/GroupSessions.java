package org.opendoor.lms.facilitation;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opendoor.lms.account.InputRules;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Member;
import org.opendoor.lms.organisation.OrganisationNotFoundException;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Facilitated group sessions of an organisation: recording one (course, date, facilitator, optional group,
 * attendees) records a completion for each attendee, all in one transaction with the learning records;
 * nothing is stored when anything is wrong. Only the organisation's members can attend and only its admins
 * can facilitate: any other id is "not found", like an organisation that does not exist.
 */
@Service
public class GroupSessions {

	/**
	 * The attendance form as sent.
	 *
	 * @param course the course id
	 * @param date the date it was held, {@code yyyy-mm-dd}
	 * @param facilitator the facilitator's account id
	 * @param group the group's id, or empty
	 * @param attendees the attendees' account ids
	 */
	public record Form(String course, String date, String facilitator, String group, List<String> attendees) {

		public Form {
			attendees = attendees == null ? List.of() : List.copyOf(attendees);
		}

		/** Whether an account is ticked. */
		public boolean ticked(long accountId) {
			return attendees.contains(Long.toString(accountId));
		}

	}

	/**
	 * A recorded session.
	 *
	 * @param id the session id
	 * @param courseId the course
	 * @param courseTitle the course's title
	 * @param heldOn when it was held
	 * @param facilitatorName the facilitator's name
	 * @param groupName the group's name, or {@code null}
	 * @param attendees who attended, by name
	 */
	public record Session(UUID id, String courseId, String courseTitle, LocalDate heldOn, String facilitatorName,
			String groupName, List<String> attendees) {
	}

	/** The form had problems: the message key for each field. */
	public static final class InvalidSessionException extends RuntimeException {

		private final Map<String, String> errors;

		InvalidSessionException(Map<String, String> errors) {
			super("invalid group session");
			this.errors = Map.copyOf(errors);
		}

		/** Message keys by field, in form order. */
		public Map<String, String> errors() {
			return errors;
		}

	}

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final Accounts accounts;

	private final CourseCatalogue catalogue;

	private final Attempts attempts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GroupSessions(JdbcClient jdbc, Organisations organisations, Accounts accounts, CourseCatalogue catalogue,
			Attempts attempts, ApplicationEventPublisher events, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.accounts = accounts;
		this.catalogue = catalogue;
		this.attempts = attempts;
		this.events = events;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** The admins of an organisation, who may facilitate its sessions. */
	@Transactional(readOnly = true)
	public List<Member> facilitators(long organisationId) {
		return organisations.members(organisationId, null).stream().filter(Member::admin).toList();
	}

	/**
	 * Records a session and a completion for each attendee, or nothing.
	 *
	 * @throws InvalidSessionException when the form has problems (nothing is stored)
	 * @throws OrganisationNotFoundException when the facilitator, group or an attendee is not of this organisation
	 */
	@Transactional
	public UUID record(long organisationId, long recordedBy, Form form) {
		Map<String, Member> members = organisations.members(organisationId, null).stream()
			.collect(Collectors.toMap(m -> Long.toString(m.accountId()), Function.identity(), (a, b) -> a, LinkedHashMap::new));
		Map<String, String> errors = new LinkedHashMap<>();
		CatalogueEntry course = blank(form.course()) ? null : catalogue.latest(form.course().strip()).orElse(null);
		if (course == null) {
			errors.put("course", "facilitate.session.error.course");
		}
		LocalDate date = null;
		if (blank(form.date())) {
			errors.put("date", "facilitate.session.error.date");
		}
		else {
			date = InputRules.date(form.date()).orElse(null);
			if (date == null) {
				errors.put("date", InputRules.yearOutOfRange(form.date()) ? "input.date.range" : "facilitate.session.error.date");
			}
			else if (date.isAfter(LocalDate.now(clock))) {
				errors.put("date", "facilitate.session.error.future");
				date = null;
			}
		}
		Long facilitator = null;
		if (blank(form.facilitator())) {
			errors.put("facilitator", "facilitate.session.error.facilitator");
		}
		else {
			Member m = members.get(form.facilitator().strip());
			if (m == null || !m.admin()) {
				throw new OrganisationNotFoundException();
			}
			facilitator = m.accountId();
		}
		Long groupId = null;
		if (!blank(form.group())) {
			try {
				groupId = organisations.requireGroup(organisationId, Long.parseLong(form.group().strip())).id();
			}
			catch (NumberFormatException ex) {
				throw new OrganisationNotFoundException();
			}
		}
		Set<Long> attendees = new LinkedHashSet<>();
		for (String id : form.attendees()) {
			Member m = members.get(id.strip());
			if (m == null) {
				throw new OrganisationNotFoundException();
			}
			attendees.add(m.accountId());
		}
		if (attendees.isEmpty()) {
			errors.put("attendees", "facilitate.session.error.attendees");
		}
		if (!errors.isEmpty()) {
			throw new InvalidSessionException(errors);
		}
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		Instant heldAt = date.equals(LocalDate.now(clock)) ? now : date.atTime(12, 0).toInstant(ZoneOffset.UTC);
		jdbc.sql("insert into facilitated_session (id, organisation_id, course_id, course_version_id, held_on, "
				+ "facilitator_id, group_id, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, organisationId, course.course().id(), course.versionId(), Date.valueOf(date), facilitator, groupId,
					recordedBy, Timestamp.from(now))
			.update();
		for (long learner : attendees) {
			UUID attempt = attempts.recordFacilitatedCompletion(learner, course.course().id(), heldAt);
			jdbc.sql("insert into facilitated_attendance (session_id, learner_id, attempt_id) values (?, ?, ?)")
				.params(id, learner, attempt)
				.update();
		}
		events.publishEvent(new FacilitationEvents.SessionRecorded(id, course.course().id(), course.versionId(),
				facilitator, List.copyOf(attendees), heldAt));
		return id;
	}

	/** An organisation's sessions, newest first. */
	@Transactional(readOnly = true)
	public List<Session> of(long organisationId) {
		List<UUID> ids = jdbc.sql("select id from facilitated_session where organisation_id = ? "
				+ "order by held_on desc, recorded_at desc")
			.param(organisationId)
			.query(UUID.class)
			.list();
		List<Session> sessions = new ArrayList<>();
		for (UUID id : ids) {
			sessions.add(get(organisationId, id));
		}
		return sessions;
	}

	/** One of an organisation's sessions; another organisation's is not found. */
	@Transactional(readOnly = true)
	public Session get(long organisationId, UUID sessionId) {
		record Row(String courseId, long versionId, LocalDate heldOn, long facilitatorId, Long groupId) {
		}
		Row row = jdbc.sql("select course_id, course_version_id, held_on, facilitator_id, group_id from facilitated_session "
				+ "where id = ? and organisation_id = ?")
			.params(sessionId, organisationId)
			.query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getLong(4),
					(Long) rs.getObject(5, Long.class)))
			.optional()
			.orElseThrow(OrganisationNotFoundException::new);
		List<Long> attendeeIds = jdbc.sql("select learner_id from facilitated_attendance where session_id = ?")
			.param(sessionId)
			.query(Long.class)
			.list();
		List<String> names = accounts.getAll(attendeeIds).stream().map(a -> a.displayName()).sorted().toList();
		String group = row.groupId() == null ? null
				: organisations.groups(organisationId).stream()
					.filter(g -> g.id() == row.groupId())
					.map(org.opendoor.lms.organisation.Group::name)
					.findFirst()
					.orElse(null);
		return new Session(sessionId, row.courseId(), catalogue.version(row.versionId()).title(), row.heldOn(),
				accounts.get(row.facilitatorId()).displayName(), group, names);
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
