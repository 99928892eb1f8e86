package org.opendoor.lms.learning.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A learner's answer to a question, or their path through a scenario. */
@Entity
@Table(name = "attempt_answer")
public class AnswerEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "attempt_id")
	private UUID attemptId;

	@Column(name = "answer_key")
	private String answerKey;

	private String response;

	private boolean correct;

	private boolean critical;

	@Column(name = "answered_at")
	private Instant answeredAt;

	protected AnswerEntity() {
	}

	public AnswerEntity(UUID attemptId, String answerKey) {
		this.attemptId = attemptId;
		this.answerKey = answerKey;
	}

	public void record(String response, boolean correct, boolean critical, Instant now) {
		this.response = response;
		this.correct = correct;
		this.critical = critical;
		this.answeredAt = now;
	}

	public String getAnswerKey() {
		return answerKey;
	}

	public String getResponse() {
		return response;
	}

	public boolean isCorrect() {
		return correct;
	}

	public boolean isCritical() {
		return critical;
	}

}
