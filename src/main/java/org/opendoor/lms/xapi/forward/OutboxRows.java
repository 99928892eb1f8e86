package org.opendoor.lms.xapi.forward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox table. Every change of a row's state is one conditional UPDATE, so a forwarder that crashed
 * or lost its claim can never turn a SENT or DEAD row back into QUEUED.
 */
@Component
class OutboxRows {

	/** A queued statement as the forwarder sends it. */
	record Row(long id, UUID statementId, String body, int attempts) {
	}

	/** How many rows one destination has in one state, and the oldest of them. */
	record Count(String destination, String status, long count, Instant oldest) {
	}

	/** A statement an LRS refused. */
	record DeadLetter(long id, String destination, UUID statementId, int attempts, String lastError, Instant when) {
	}

	private static final int DEAD_LETTERS_SHOWN = 500;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	OutboxRows(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Adds a statement for a destination in the current transaction. Returns false if the same statement
	 * with the same body is already there.
	 */
	boolean insert(String destination, UUID statementId, String body, Instant now) {
		Optional<String> existing = jdbc
			.sql("select body from xapi_outbox where destination = :destination and statement_id = :statementId")
			.param("destination", destination)
			.param("statementId", statementId)
			.query(String.class)
			.optional();
		if (existing.isPresent()) {
			if (existing.get().equals(body)) {
				return false;
			}
			throw new IllegalStateException("statement " + statementId + " is already queued with a different body");
		}
		jdbc.sql("""
				insert into xapi_outbox (destination, statement_id, body, status, attempts, next_attempt_at, created_at)
				values (:destination, :statementId, :body, 'QUEUED', 0, :now, :now)""")
			.param("destination", destination)
			.param("statementId", statementId)
			.param("body", body)
			.param("now", at(now))
			.update();
		return true;
	}

	/**
	 * Claims up to {@code limit} due rows of one destination, oldest first, for the holder of
	 * {@code token} until {@code until}. The select locks the rows it returns and skips rows another
	 * claimer has locked (PostgreSQL and H2 both support {@code FOR UPDATE SKIP LOCKED}); the claim
	 * written in the same short transaction then keeps other forwarders away while this one talks to the
	 * LRS without holding a transaction or a connection.
	 */
	List<Row> claim(String destination, Instant now, int limit, UUID token, Instant until) {
		return transactions.execute(status -> {
			List<Row> due = jdbc.sql("""
					select id, statement_id, body, attempts from xapi_outbox
					where destination = :destination and status = 'QUEUED' and next_attempt_at <= :now
					and (claimed_until is null or claimed_until < :now)
					order by id limit :limit for update skip locked""")
				.param("destination", destination)
				.param("now", at(now))
				.param("limit", limit)
				.query(OutboxRows::row)
				.list();
			if (!due.isEmpty()) {
				jdbc.sql("update xapi_outbox set claim_token = :token, claimed_until = :until where id in (:ids)")
					.param("token", token)
					.param("until", at(until))
					.param("ids", ids(due))
					.update();
			}
			return due;
		});
	}

	/** Extends a claim while its holder is still working through the rows. */
	void renew(UUID token, Instant until) {
		jdbc.sql("update xapi_outbox set claimed_until = :until where claim_token = :token and status = 'QUEUED'")
			.param("until", at(until))
			.param("token", token)
			.update();
	}

	/** Gives up a claim. */
	void release(UUID token) {
		jdbc.sql("update xapi_outbox set claim_token = null, claimed_until = null where claim_token = :token")
			.param("token", token)
			.update();
	}

	/** The LRS holds these statements. */
	int markSent(Collection<Row> rows, Instant now) {
		return jdbc.sql("""
				update xapi_outbox set status = 'SENT', sent_at = :now, last_attempt_at = :now,
				claim_token = null, claimed_until = null
				where id in (:ids) and status = 'QUEUED'""")
			.param("now", at(now))
			.param("ids", ids(rows))
			.update();
	}

	/** The LRS will never accept this statement as it is: park it for an admin. */
	int markDead(Row row, Instant now, String error) {
		return jdbc.sql("""
				update xapi_outbox set status = 'DEAD', attempts = attempts + 1, last_error = :error,
				last_attempt_at = :now, claim_token = null, claimed_until = null
				where id = :id and status = 'QUEUED'""")
			.param("error", error)
			.param("now", at(now))
			.param("id", row.id())
			.update();
	}

	/** The LRS could not take these rows now: count the attempt and try again from {@code next}. */
	int defer(Collection<Row> rows, UUID token, Instant now, Instant next, String error) {
		return jdbc.sql("""
				update xapi_outbox set attempts = attempts + 1, next_attempt_at = :next, last_error = :error,
				last_attempt_at = :now, claim_token = null, claimed_until = null
				where id in (:ids) and status = 'QUEUED' and claim_token = :token""")
			.param("next", at(next))
			.param("error", error)
			.param("now", at(now))
			.param("ids", ids(rows))
			.param("token", token)
			.update();
	}

	/** Rows per destination and state. */
	List<Count> counts() {
		return jdbc.sql("""
				select destination, status, count(*) as n, min(created_at) as oldest from xapi_outbox
				group by destination, status order by destination, status""")
			.query((rs, n) -> new Count(rs.getString("destination"), rs.getString("status"), rs.getLong("n"),
					instant(rs, "oldest")))
			.list();
	}

	/** Why the last failed attempt at a still-waiting statement of this destination failed, if one did. */
	Optional<String> lastProblem(String destination) {
		return jdbc.sql("""
				select last_error from xapi_outbox
				where destination = :destination and status = 'QUEUED' and last_error is not null
				order by last_attempt_at desc limit 1""")
			.param("destination", destination)
			.query(String.class)
			.optional();
	}

	/** The most recently refused statements, newest first. */
	List<DeadLetter> deadLetters() {
		return jdbc.sql("""
				select id, destination, statement_id, attempts, last_error, last_attempt_at from xapi_outbox
				where status = 'DEAD' order by last_attempt_at desc, id desc limit :limit""")
			.param("limit", DEAD_LETTERS_SHOWN)
			.query((rs, n) -> new DeadLetter(rs.getLong("id"), rs.getString("destination"),
					rs.getObject("statement_id", UUID.class), rs.getInt("attempts"), rs.getString("last_error"),
					instant(rs, "last_attempt_at")))
			.list();
	}

	/** Puts one refused statement back in the queue with its attempts reset; 0 if it is not refused. */
	int retry(long id, Instant now) {
		return jdbc.sql("""
				update xapi_outbox set status = 'QUEUED', attempts = 0, next_attempt_at = :now, last_error = null
				where id = :id and status = 'DEAD'""")
			.param("now", at(now))
			.param("id", id)
			.update();
	}

	/** Puts every refused statement back in the queue. */
	int retryAll(Instant now) {
		return jdbc.sql("""
				update xapi_outbox set status = 'QUEUED', attempts = 0, next_attempt_at = :now, last_error = null
				where status = 'DEAD'""")
			.param("now", at(now))
			.update();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getObject("statement_id", UUID.class), rs.getString("body"),
				rs.getInt("attempts"));
	}

	private static List<Long> ids(Collection<Row> rows) {
		return rows.stream().map(Row::id).toList();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
