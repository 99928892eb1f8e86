package org.opendoor.lms.learning.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The outcome of one assessment round. */
@Entity
@Table(name = "assessment_result")
public class ResultEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "attempt_id")
	private UUID attemptId;

	@Column(name = "round_no")
	private int roundNo;

	@Column(name = "correct_count")
	private int correctCount;

	private int total;

	@Column(name = "score_percent")
	private int scorePercent;

	@Column(name = "critical_missed")
	private int criticalMissed;

	private boolean passed;

	private String revisit;

	@Column(name = "finished_at")
	private Instant finishedAt;

	protected ResultEntity() {
	}

	public ResultEntity(UUID attemptId, int roundNo, int correctCount, int total, int scorePercent, int criticalMissed,
			boolean passed, String revisit, Instant finishedAt) {
		this.attemptId = attemptId;
		this.roundNo = roundNo;
		this.correctCount = correctCount;
		this.total = total;
		this.scorePercent = scorePercent;
		this.criticalMissed = criticalMissed;
		this.passed = passed;
		this.revisit = revisit;
		this.finishedAt = finishedAt;
	}

	public int getRoundNo() {
		return roundNo;
	}

	public int getCorrectCount() {
		return correctCount;
	}

	public int getTotal() {
		return total;
	}

	public int getScorePercent() {
		return scorePercent;
	}

	public int getCriticalMissed() {
		return criticalMissed;
	}

	public boolean isPassed() {
		return passed;
	}

	public String getRevisit() {
		return revisit;
	}

	public Instant getFinishedAt() {
		return finishedAt;
	}

}
