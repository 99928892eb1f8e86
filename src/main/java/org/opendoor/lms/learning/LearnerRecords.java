package org.opendoor.lms.learning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.opendoor.lms.account.AccountEvents;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the learning module holds about a learner, for their own download; and erasing the personal part
 * of it when their account is erased (answers and private plans), keeping attempts and results as
 * anonymous counts.
 */
@Service
public class LearnerRecords {

	private final JdbcClient jdbc;

	public LearnerRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An attempt at a course, with every answer and assessment result.
	 *
	 * @param id the attempt
	 * @param courseId the course
	 * @param status its status
	 * @param currentStep where the learner was
	 * @param startedAt when it started
	 * @param finishedAt when it was passed, or {@code null}
	 * @param answers every answer and scenario path
	 * @param results every submitted assessment round
	 */
	public record AttemptRecord(UUID id, String courseId, String status, String currentStep, Instant startedAt,
			Instant finishedAt, List<AnswerRecord> answers, List<ResultRecord> results) {
	}

	/**
	 * One answer.
	 *
	 * @param key what was answered
	 * @param response the response as stored
	 * @param correct whether it was right
	 * @param answeredAt when
	 */
	public record AnswerRecord(String key, String response, boolean correct, Instant answeredAt) {
	}

	/**
	 * One assessment round's result.
	 *
	 * @param round the round
	 * @param scorePercent the score
	 * @param passed whether it passed
	 * @param finishedAt when
	 */
	public record ResultRecord(int round, int scorePercent, boolean passed, Instant finishedAt) {
	}

	/**
	 * What a learner wrote in a private plan.
	 *
	 * @param courseId the course
	 * @param planId the plan
	 * @param promptId the prompt
	 * @param text what they wrote
	 * @param updatedAt when
	 */
	public record PlanRecord(String courseId, String planId, String promptId, String text, Instant updatedAt) {
	}

	/** The learner's attempts with their answers and results, oldest first. */
	@Transactional(readOnly = true)
	public List<AttemptRecord> attempts(long learnerId) {
		return jdbc.sql("select id, course_id, status, current_step, started_at, finished_at from attempt "
				+ "where learner_id = ? order by started_at")
			.param(learnerId)
			.query((rs, n) -> new AttemptRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), null, null))
			.list()
			.stream()
			.map(a -> new AttemptRecord(a.id(), a.courseId(), a.status(), a.currentStep(), a.startedAt(), a.finishedAt(),
					jdbc.sql("select answer_key, response, correct, answered_at from attempt_answer where attempt_id = ? "
							+ "order by id")
						.param(a.id())
						.query((rs, n) -> new AnswerRecord(rs.getString(1), rs.getString(2), rs.getBoolean(3),
								instant(rs.getTimestamp(4))))
						.list(),
					jdbc.sql("select round_no, score_percent, passed, finished_at from assessment_result "
							+ "where attempt_id = ? order by round_no")
						.param(a.id())
						.query((rs, n) -> new ResultRecord(rs.getInt(1), rs.getInt(2), rs.getBoolean(3),
								instant(rs.getTimestamp(4))))
						.list()))
			.toList();
	}

	/** What the learner wrote in private plans. */
	@Transactional(readOnly = true)
	public List<PlanRecord> plans(long learnerId) {
		return jdbc.sql("select course_id, plan_id, prompt_id, text, updated_at from plan_entry where learner_id = ? "
				+ "order by course_id, plan_id, prompt_id")
			.param(learnerId)
			.query((rs, n) -> new PlanRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					instant(rs.getTimestamp(5))))
			.list();
	}

	/**
	 * Erases a learner's answers and private plans in the erasing transaction. Attempts and assessment
	 * results stay, tied to the anonymised account, as anonymous counts (started, passed, scores).
	 */
	@EventListener
	public void onAccountErased(AccountEvents.AccountErased event) {
		jdbc.sql("delete from attempt_answer where attempt_id in (select id from attempt where learner_id = ?)")
			.param(event.accountId())
			.update();
		jdbc.sql("delete from plan_entry where learner_id = ?").param(event.accountId()).update();
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
