package org.opendoor.lms.learning.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored attempts. */
public interface AttemptsRepository extends JpaRepository<AttemptEntity, UUID> {

	Optional<AttemptEntity> findByIdAndLearnerId(UUID id, long learnerId);

	List<AttemptEntity> findByLearnerIdOrderByStartedAtDesc(long learnerId);

	List<AttemptEntity> findByLearnerIdInOrderByStartedAtDesc(java.util.Collection<Long> learnerIds);

	/**
	 * Records where the learner is without taking the attempt's version: reading a page in one window
	 * must not make an answer given in another fail. The last page opened wins, which is what "where you
	 * left off" means.
	 */
	@org.springframework.data.jpa.repository.Modifying
	@org.springframework.data.jpa.repository.Query("update AttemptEntity a set a.currentStep = :step, a.updatedAt = :at where a.id = :id")
	int recordPosition(@org.springframework.data.repository.query.Param("id") UUID id,
			@org.springframework.data.repository.query.Param("step") String step,
			@org.springframework.data.repository.query.Param("at") java.time.Instant at);

}
