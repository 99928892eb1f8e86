package org.opendoor.lms.learning.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One answer in a learner's private plan. */
@Entity
@Table(name = "plan_entry")
public class PlanEntryEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "learner_id")
	private long learnerId;

	@Column(name = "course_id")
	private String courseId;

	@Column(name = "plan_id")
	private String planId;

	@Column(name = "prompt_id")
	private String promptId;

	private String text;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected PlanEntryEntity() {
	}

	public PlanEntryEntity(long learnerId, String courseId, String planId, String promptId) {
		this.learnerId = learnerId;
		this.courseId = courseId;
		this.planId = planId;
		this.promptId = promptId;
	}

	public void write(String text, Instant now) {
		this.text = text;
		this.updatedAt = now;
	}

	public String getPromptId() {
		return promptId;
	}

	public String getText() {
		return text;
	}

}
