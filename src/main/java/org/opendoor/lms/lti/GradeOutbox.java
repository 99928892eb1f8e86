package org.opendoor.lms.lti;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opendoor.lms.account.AccountEvents;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.learning.AssessmentMark;
import org.opendoor.lms.learning.LearningEvents;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues a score for every platform line item a learner launched the course from, in the transaction
 * that marked the assessment, so a score is queued exactly when the result is stored, and once per round
 * and line item ({@code ScoreSender} sends it).
 */
@Component
class GradeOutbox {

	static final String QUEUED = "QUEUED";

	static final String SENT = "SENT";

	static final String DEAD = "DEAD";

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final MessageSource messages;

	GradeOutbox(JdbcClient jdbc, Accounts accounts, MessageSource messages) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.messages = messages;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void submitted(LearningEvents.AssessmentSubmitted event) {
		record Link(long id, String subject, String scopes) {
		}
		List<Link> links = jdbc.sql("select id, subject, scopes from lti_link where account_id = ? and course_id = ? "
				+ "and lineitem_url is not null")
			.params(event.learnerId(), event.courseId())
			.query((rs, n) -> new Link(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
		if (links.isEmpty()) {
			return;
		}
		AssessmentMark mark = event.mark();
		Locale locale = Locale.forLanguageTag(accounts.get(event.learnerId()).language());
		String comment = mark.passed() ? messages.getMessage("lti.grade.passed", new Object[] { mark.correct(), mark.total() }, locale)
				: mark.criticalMissed() > 0 ? messages.getMessage("lti.grade.critical", new Object[] { mark.criticalMissed() }, locale)
						: messages.getMessage("lti.grade.failed", new Object[] { mark.correct(), mark.total() }, locale);
		for (Link link : links) {
			if (link.scopes() != null && !link.scopes().contains(Claims.SCOPE_SCORE)) {
				continue;
			}
			Map<String, Object> score = new LinkedHashMap<>();
			score.put("userId", link.subject());
			score.put("scoreGiven", mark.total() == 0 ? 0 : (double) mark.correct() * DeepLinking.SCORE_MAXIMUM / mark.total());
			score.put("scoreMaximum", DeepLinking.SCORE_MAXIMUM);
			score.put("comment", comment);
			score.put("timestamp", event.at().toString());
			score.put("activityProgress", "Completed");
			score.put("gradingProgress", "FullyGraded");
			Instant now = Instant.now();
			int exists = jdbc.sql("select count(*) from lti_score_outbox where link_id = ? and attempt_id = ? and round_no = ?")
				.params(link.id(), event.attemptId(), event.round()).query(Integer.class).single();
			if (exists == 0) {
				jdbc.sql("insert into lti_score_outbox (link_id, attempt_id, round_no, body, status, next_attempt_at, created_at) "
						+ "values (?, ?, ?, ?, ?, ?, ?)")
					.params(link.id(), event.attemptId(), event.round(), LtiHttp.json(score), QUEUED, Timestamp.from(now),
							Timestamp.from(now))
					.update();
			}
		}
	}

	/** An erased account's links to platforms (with the platform's id for the person) go. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void erased(AccountEvents.AccountErased event) {
		jdbc.sql("delete from lti_link where account_id = ?").param(event.accountId()).update();
		jdbc.sql("delete from lti_continuation where account_id = ?").param(event.accountId()).update();
	}

}
