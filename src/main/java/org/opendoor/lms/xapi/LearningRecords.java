package org.opendoor.lms.xapi;

import java.util.UUID;

import org.opendoor.lms.lrs.DocumentStore;
import org.opendoor.lms.xapi.internal.EngineStatements;
import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask of the learning records: erasing a learner's, closing idle sessions. */
@Service
public class LearningRecords {

	private final StatementStore statements;

	private final DocumentStore documents;

	private final EngineStatements vocabulary;

	private final org.opendoor.lms.xapi.internal.LearningRecorder recorder;

	public LearningRecords(StatementStore statements, DocumentStore documents, EngineStatements vocabulary,
			org.opendoor.lms.xapi.internal.LearningRecorder recorder) {
		this.recorder = recorder;
		this.statements = statements;
		this.documents = documents;
		this.vocabulary = vocabulary;
	}

	/**
	 * Erases a learner's statements and documents from the built-in LRS. This is erasure, not voiding:
	 * voiding keeps the statement (marked void) for audit, which would keep personal data; erasure removes
	 * it. Statements already forwarded to an external LRS must be erased there by its owner.
	 *
	 * @return how many statements were erased
	 */
	@Transactional
	public int eraseLearner(UUID learnerRef) {
		return erase(learnerRef);
	}

	/**
	 * Records the end of sessions that have been idle longer than the session timeout at {@code now}
	 * (suspended and terminated); runs every minute on its own, and exactly once across instances.
	 *
	 * @return how many open attempts were closed
	 */
	public int closeIdleSessions(java.time.Instant now) {
		return recorder.closeIdle(now);
	}

	/** When an account is erased, its learning records go in the same transaction. */
	@org.springframework.context.event.EventListener
	void onAccountErased(org.opendoor.lms.account.AccountEvents.AccountErased event) {
		erase(event.learnerRef());
	}

	private int erase(UUID learnerRef) {
		String key = StatementJson.agentKey(StatementJson.JSON.valueToTree(vocabulary.learner(learnerRef)));
		documents.deleteForAgent(key);
		return statements.eraseAgent(key);
	}

}
