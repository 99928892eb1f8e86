package org.opendoor.lms.learning.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stored answers. */
public interface AnswersRepository extends JpaRepository<AnswerEntity, Long> {

	Optional<AnswerEntity> findByAttemptIdAndAnswerKey(UUID attemptId, String answerKey);

	List<AnswerEntity> findByAttemptId(UUID attemptId);

}
