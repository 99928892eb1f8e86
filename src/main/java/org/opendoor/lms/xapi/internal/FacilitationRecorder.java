package org.opendoor.lms.xapi.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.facilitation.FacilitationEvents;
import org.opendoor.lms.lrs.model.Activity;
import org.opendoor.lms.lrs.model.Agent;
import org.opendoor.lms.lrs.model.Result;
import org.opendoor.lms.lrs.model.Statement;
import org.opendoor.lms.lrs.model.Verb;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records a facilitated group session in the built-in LRS, in the same transaction as the attendance: for
 * each attendee, {@code attended} the session (grouped under the course) and {@code completed} the course
 * (with the session as parent). The actor is the attendee's opaque account, the facilitator is
 * {@code context.instructor} (also an opaque account, never a name or email), and the session's id is the
 * {@code context.registration} of every statement.
 */
@Component
class FacilitationRecorder {

	private final LearningRecorder recorder;

	private final CourseCatalogue catalogue;

	private final Accounts accounts;

	private final EngineStatements vocabulary;

	FacilitationRecorder(LearningRecorder recorder, CourseCatalogue catalogue, Accounts accounts,
			EngineStatements vocabulary) {
		this.recorder = recorder;
		this.catalogue = catalogue;
		this.accounts = accounts;
		this.vocabulary = vocabulary;
	}

	@EventListener
	void sessionRecorded(FacilitationEvents.SessionRecorded event) {
		EngineStatements.Texts texts = vocabulary.texts(event.courseVersionId());
		Course course = texts.course();
		Agent instructor = vocabulary.learner(accounts.get(event.facilitatorId()).learnerRef());
		String date = event.heldAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
		Activity courseActivity = vocabulary.course(texts);
		Activity session = vocabulary.session(texts, event.sessionId(), date);
		List<Statement> statements = new ArrayList<>();
		for (Account attendee : accounts.getAll(event.attendeeIds())) {
			String language = EngineStatements.tag(catalogue.languageOf(event.courseVersionId(), attendee.language()));
			Agent actor = vocabulary.learner(attendee.learnerRef());
			statements.add(new Statement(UUID.randomUUID(), actor, Verb.ATTENDED, session, null,
					vocabulary.context(event.sessionId(), instructor, null, courseActivity, course, language),
					event.heldAt()));
			statements.add(new Statement(UUID.randomUUID(), actor, Verb.COMPLETED, courseActivity,
					new Result(null, null, true, null, null, Map.of(EngineStatements.PROGRESS, 100)),
					vocabulary.context(event.sessionId(), instructor, session.idOnly(), null, course, language),
					event.heldAt().plusMillis(1)));
		}
		recorder.record(statements);
	}

}
