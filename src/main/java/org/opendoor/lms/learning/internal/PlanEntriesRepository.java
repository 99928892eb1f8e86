package org.opendoor.lms.learning.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored plan answers; read only for their own learner. */
public interface PlanEntriesRepository extends JpaRepository<PlanEntryEntity, Long> {

	List<PlanEntryEntity> findByLearnerIdAndCourseIdAndPlanId(long learnerId, String courseId, String planId);

}
