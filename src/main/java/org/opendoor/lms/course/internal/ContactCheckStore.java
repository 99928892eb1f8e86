package org.opendoor.lms.course.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.opendoor.lms.course.ContactCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code contact_check} table: the append-only record of every check of a support contact. */
@Repository
public class ContactCheckStore {

	private static final String COLUMNS = "id, contact_id, checked_on, checked_by, method, confirmed, note, recorded_by, recorded_at";

	private final JdbcClient jdbc;

	public ContactCheckStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds a check; nothing is ever changed or removed. */
	public void add(ContactCheck check) {
		jdbc.sql("insert into contact_check (contact_id, checked_on, checked_by, method, confirmed, note, recorded_by, "
				+ "recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(check.contactId(), check.checkedOn(), check.checkedBy(), check.method().name(), check.confirmed(),
					check.note(), check.recordedBy(), Timestamp.from(check.recordedAt()))
			.update();
	}

	/** Every check, newest first (by the day of the check, then by when it was recorded). */
	public List<ContactCheck> all() {
		return jdbc.sql("select " + COLUMNS + " from contact_check order by checked_on desc, recorded_at desc, id desc")
			.query((rs, n) -> new ContactCheck(rs.getLong("id"), rs.getString("contact_id"),
					rs.getObject("checked_on", LocalDate.class), rs.getString("checked_by"),
					ContactCheck.Method.valueOf(rs.getString("method")), rs.getBoolean("confirmed"), rs.getString("note"),
					rs.getLong("recorded_by"), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	/** The day of the latest check that confirmed the details, by contact id. */
	public Map<String, LocalDate> latestConfirmed() {
		return jdbc.sql("select contact_id, max(checked_on) as latest from contact_check where confirmed = true group by contact_id")
			.query((rs, n) -> Map.entry(rs.getString("contact_id"), rs.getObject("latest", LocalDate.class)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
