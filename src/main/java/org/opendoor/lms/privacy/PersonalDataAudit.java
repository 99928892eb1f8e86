package org.opendoor.lms.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of who viewed, exported or erased whose personal data. It holds account ids only; site
 * admins read it on {@code /admin/personal-data}. Other modules that show one person's data to someone
 * else (for example an organisation's export) record it here too.
 */
@Service
public class PersonalDataAudit {

	/** What was done with someone's personal data. */
	public enum Action {
		/** Downloaded (by the person, or exported by someone else). */
		EXPORTED,
		/** Looked at by someone other than the person. */
		VIEWED,
		/** Erased at the person's request. */
		ERASED
	}

	/**
	 * One line of the audit log.
	 *
	 * @param actorId who did it
	 * @param subjectId whose data it was
	 * @param action what was done
	 * @param at when
	 */
	public record Entry(long actorId, long subjectId, Action action, Instant at) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	public PersonalDataAudit(JdbcClient jdbc, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** Records an access, in the caller's transaction (or its own if there is none). */
	@Transactional(propagation = Propagation.REQUIRED)
	public void record(long actorId, long subjectId, Action action) {
		jdbc.sql("insert into personal_data_audit (actor_id, subject_id, action, at) values (?, ?, ?, ?)")
			.params(actorId, subjectId, action.name(), Timestamp.from(clock.instant()))
			.update();
	}

	/** The newest entries first, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<Entry> latest(int limit) {
		return jdbc.sql("select actor_id, subject_id, action, at from personal_data_audit order by id desc fetch first "
				+ Math.max(1, limit) + " rows only")
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), Action.valueOf(rs.getString(3)),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Every entry about one person, oldest first. */
	@Transactional(readOnly = true)
	public List<Entry> about(long subjectId) {
		return jdbc.sql("select actor_id, subject_id, action, at from personal_data_audit where subject_id = ? order by id")
			.param(subjectId)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), Action.valueOf(rs.getString(3)),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

}
