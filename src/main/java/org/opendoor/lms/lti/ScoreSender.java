package org.opendoor.lms.lti;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued scores to each platform's line item (AGS score publish service), oldest first.
 * <ul>
 * <li>2xx: the score is stored; the row becomes SENT and is never sent again.</li>
 * <li>400, 403, 404, 422: the platform will never take it as it is (the learner left the course, the
 * activity was deleted): DEAD, with the status, for an admin to look at.</li>
 * <li>anything else (401: a new token is fetched; 429, 5xx, no answer): the row waits 2^attempts seconds
 * (at most ten minutes) and is sent again.</li>
 * </ul>
 * A row is claimed (leased) before it is sent, so two instances never send it at once, and marked SENT
 * only after the platform's 2xx, so nothing is lost; a platform keeps one score per learner and line item
 * anyway, and a resent score carries the same timestamp.
 */
@Component
class ScoreSender {

	private static final Logger log = LoggerFactory.getLogger(ScoreSender.class);

	static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

	static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final LtiPlatforms platforms;

	private final PlatformTokens tokens;

	private final LtiHttp http;

	private final Clock clock;

	ScoreSender(JdbcClient jdbc, LtiPlatforms platforms, PlatformTokens tokens, LtiHttp http, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.platforms = platforms;
		this.tokens = tokens;
		this.http = http;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** What one run did. */
	record Run(int sent, int dead, int deferred) {
	}

	@Scheduled(fixedDelayString = "${lms.lti.send-every:PT10S}", initialDelayString = "${lms.lti.send-every:PT10S}")
	void scheduled() {
		try {
			sendDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Sending scores to learning platforms failed: {}", ex.getClass().getSimpleName());
		}
	}

	/** Sends every score due at {@code now}. */
	Run sendDue(Instant now) {
		record Due(long id, long platformId, String lineitem, String body, int attempts) {
		}
		List<Due> due = jdbc.sql("select o.id, l.platform_id, l.lineitem_url, o.body, o.attempts from lti_score_outbox o "
				+ "join lti_link l on l.id = o.link_id where o.status = ? and o.next_attempt_at <= ? "
				+ "and (o.lease_until is null or o.lease_until < ?) order by o.id")
			.params(GradeOutbox.QUEUED, Timestamp.from(now), Timestamp.from(now))
			.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
			.list();
		int sent = 0;
		int dead = 0;
		int deferred = 0;
		for (Due row : due.subList(0, Math.min(200, due.size()))) {
			int claimed = jdbc.sql("update lti_score_outbox set lease_until = ? where id = ? and status = ? "
					+ "and (lease_until is null or lease_until < ?)")
				.params(Timestamp.from(now.plus(LEASE)), row.id(), GradeOutbox.QUEUED, Timestamp.from(now))
				.update();
			if (claimed == 0) {
				continue;
			}
			Optional<Platform> platform = platforms.find(row.platformId());
			int status;
			String error;
			try {
				String token = tokens.token(platform.orElseThrow(), Claims.SCOPE_SCORE);
				LtiHttp.Answer answer = http.post(scoresUrl(row.lineitem()), SCORE_TYPE, row.body(), "application/json", token);
				status = answer.status();
				error = "HTTP " + status;
				if (status == 401) {
					tokens.forget(platform.get(), Claims.SCOPE_SCORE);
				}
			}
			catch (LtiHttp.PlatformCallException | java.util.NoSuchElementException ex) {
				status = 0;
				error = ex.getMessage() == null ? "no answer" : ex.getMessage();
			}
			if (status >= 200 && status < 300) {
				jdbc.sql("update lti_score_outbox set status = ?, sent_at = ?, attempts = attempts + 1, lease_until = null, "
						+ "last_error = null where id = ?")
					.params(GradeOutbox.SENT, Timestamp.from(clock.instant()), row.id())
					.update();
				sent++;
			}
			else if (status == 400 || status == 403 || status == 404 || status == 422) {
				jdbc.sql("update lti_score_outbox set status = ?, attempts = attempts + 1, lease_until = null, last_error = ? where id = ?")
					.params(GradeOutbox.DEAD, error, row.id())
					.update();
				log.warn("A learning platform refused a score for good ({}); outbox row {}", error, row.id());
				dead++;
			}
			else {
				Duration wait = backoff(row.attempts() + 1);
				jdbc.sql("update lti_score_outbox set attempts = attempts + 1, next_attempt_at = ?, lease_until = null, "
						+ "last_error = ? where id = ?")
					.params(Timestamp.from(now.plus(wait)), error.length() > 500 ? error.substring(0, 500) : error, row.id())
					.update();
				deferred++;
			}
		}
		return new Run(sent, dead, deferred);
	}

	/** How many scores are waiting, for each status. */
	java.util.Map<String, Integer> counts() {
		java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
		jdbc.sql("select status, count(*) from lti_score_outbox group by status")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2)))
			.list();
		return counts;
	}

	static Duration backoff(int attempts) {
		long seconds = 1L << Math.min(attempts, 20);
		return Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
	}

	/** The scores service of a line item: {@code /scores} added to its path, before any query (Moodle has one). */
	static String scoresUrl(String lineitem) {
		int query = lineitem.indexOf('?');
		String path = query < 0 ? lineitem : lineitem.substring(0, query);
		String rest = query < 0 ? "" : lineitem.substring(query);
		return (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/scores" + rest;
	}

}
