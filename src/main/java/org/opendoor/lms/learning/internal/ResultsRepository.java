package org.opendoor.lms.learning.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored assessment results. */
public interface ResultsRepository extends JpaRepository<ResultEntity, Long> {

	Optional<ResultEntity> findByAttemptIdAndRoundNo(UUID attemptId, int roundNo);

	List<ResultEntity> findByAttemptIdOrderByRoundNo(UUID attemptId);

}
