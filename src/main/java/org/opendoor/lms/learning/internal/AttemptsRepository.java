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

}
