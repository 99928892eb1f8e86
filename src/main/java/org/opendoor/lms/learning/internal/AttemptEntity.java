package org.opendoor.lms.learning.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.opendoor.lms.learning.AttemptStatus;

/** A stored attempt: which course version, where the learner is, and the assessment draw. */
@Entity
@Table(name = "attempt")
public class AttemptEntity {

	@Id
	private UUID id;

	@Column(name = "learner_id")
	private long learnerId;

	@Column(name = "course_id")
	private String courseId;

	@Column(name = "course_version_id")
	private long courseVersionId;

	private UUID registration;

	@Enumerated(EnumType.STRING)
	private AttemptStatus status;

	@Column(name = "current_step")
	private String currentStep;

	@Column(name = "assessment_round")
	private int assessmentRound;

	@Column(name = "assessment_draw")
	private String assessmentDraw;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	@Version
	@Column(name = "row_version")
	private long rowVersion;

	protected AttemptEntity() {
	}

	public AttemptEntity(long learnerId, String courseId, long courseVersionId, String firstStep, List<String> draw,
			Instant now) {
		this.id = UUID.randomUUID();
		this.learnerId = learnerId;
		this.courseId = courseId;
		this.courseVersionId = courseVersionId;
		this.registration = UUID.randomUUID();
		this.status = AttemptStatus.IN_PROGRESS;
		this.currentStep = firstStep;
		this.assessmentRound = 1;
		this.assessmentDraw = String.join(",", draw);
		this.startedAt = now;
		this.updatedAt = now;
	}

	/**
	 * An attempt completed in a facilitated group session: passed when the session took place, with no
	 * assessment draw and no result (the group did not sit the assessment).
	 */
	public static AttemptEntity completedInGroup(long learnerId, String courseId, long courseVersionId, Instant at) {
		AttemptEntity a = new AttemptEntity(learnerId, courseId, courseVersionId, "result", List.of(), at);
		a.status = AttemptStatus.PASSED;
		a.finishedAt = at;
		return a;
	}

	/**
	 * An attempt as read straight from its row, for showing a page: not managed by JPA, so nothing done to it
	 * is saved (a page view records its position with {@code AttemptsRepository.recordPosition}).
	 */
	public static AttemptEntity read(java.sql.ResultSet row) throws java.sql.SQLException {
		AttemptEntity a = new AttemptEntity();
		a.id = row.getObject("id", UUID.class);
		a.learnerId = row.getLong("learner_id");
		a.courseId = row.getString("course_id");
		a.courseVersionId = row.getLong("course_version_id");
		a.registration = row.getObject("registration", UUID.class);
		a.status = AttemptStatus.valueOf(row.getString("status"));
		a.currentStep = row.getString("current_step");
		a.assessmentRound = row.getInt("assessment_round");
		a.assessmentDraw = row.getString("assessment_draw");
		a.startedAt = instant(row, "started_at");
		a.updatedAt = instant(row, "updated_at");
		a.finishedAt = instant(row, "finished_at");
		a.rowVersion = row.getLong("row_version");
		return a;
	}

	private static Instant instant(java.sql.ResultSet row, String column) throws java.sql.SQLException {
		java.time.OffsetDateTime at = row.getObject(column, java.time.OffsetDateTime.class);
		return at == null ? null : at.toInstant();
	}

	public UUID getId() {
		return id;
	}

	public long getLearnerId() {
		return learnerId;
	}

	public String getCourseId() {
		return courseId;
	}

	public long getCourseVersionId() {
		return courseVersionId;
	}

	public UUID getRegistration() {
		return registration;
	}

	public AttemptStatus getStatus() {
		return status;
	}

	public String getCurrentStep() {
		return currentStep;
	}

	public int getAssessmentRound() {
		return assessmentRound;
	}

	public List<String> getDraw() {
		return assessmentDraw.isEmpty() ? List.of() : Arrays.asList(assessmentDraw.split(","));
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public Instant getFinishedAt() {
		return finishedAt;
	}

	public void moveTo(String step, Instant now) {
		this.currentStep = step;
		this.updatedAt = now;
	}

	public void finishRound(boolean passed, Instant now) {
		this.status = passed ? AttemptStatus.PASSED : AttemptStatus.FAILED;
		this.updatedAt = now;
		if (passed) {
			this.finishedAt = now;
		}
	}

	public void newRound(List<String> draw, String step, Instant now) {
		this.assessmentRound++;
		this.assessmentDraw = String.join(",", draw);
		this.status = AttemptStatus.IN_PROGRESS;
		this.currentStep = step;
		this.updatedAt = now;
	}

}
