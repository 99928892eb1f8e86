package org.opendoor.lms.xapi.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.learning.LearningEvents;
import org.opendoor.lms.learning.Step;
import org.opendoor.lms.learning.StepPlan;
import org.opendoor.lms.lrs.model.Activity;
import org.opendoor.lms.lrs.model.Agent;
import org.opendoor.lms.lrs.model.Result;
import org.opendoor.lms.lrs.model.Score;
import org.opendoor.lms.lrs.model.Statement;
import org.opendoor.lms.lrs.model.Verb;
import org.opendoor.lms.lrs.StatementStore;
import org.opendoor.lms.lrs.StatementValidator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns every learning event into xAPI statements in the built-in LRS, in the same transaction as the
 * learning change: launched and initialized when an attempt starts, resumed when a learner comes back to
 * it in a new session, experienced for each lesson, scenario and plan page, progressed and completed for
 * modules, answered for every answer and scenario choice (from the typed {@link LearningEvents.Answer}),
 * passed or failed with the score and, with the first pass, completed for the course, and suspended and
 * terminated when the session ends (a session that timed out: at its last activity).
 */
@Component
public class LearningRecorder {

	/** An attempt open in a browser session. */
	record OpenAttempt(UUID registration, long learnerId, long courseVersionId, Instant since) {
	}

	private static final JsonMapper MODEL = JsonMapper.builder().build();

	private final StatementStore store;

	private final CourseCatalogue catalogue;

	private final Accounts accounts;

	private final EngineStatements vocabulary;

	private final Validator validator;

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private final Duration sessionTimeout;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	private final org.opendoor.lms.learning.Attempts attempts;

	LearningRecorder(StatementStore store, CourseCatalogue catalogue, Accounts accounts, EngineStatements vocabulary,
			Validator validator, org.springframework.jdbc.core.simple.JdbcClient jdbc,
			@org.springframework.beans.factory.annotation.Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout,
			org.springframework.transaction.PlatformTransactionManager transactionManager,
			org.opendoor.lms.learning.Attempts attempts) {
		this.attempts = attempts;
		this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
		this.jdbc = jdbc;
		this.sessionTimeout = sessionTimeout;
		this.store = store;
		this.catalogue = catalogue;
		this.accounts = accounts;
		this.vocabulary = vocabulary;
		this.validator = validator;
	}

	/**
	 * The learner, the language they take the course in (cy-GB or en-GB), the course version's texts in every
	 * language (for activity definitions) and the course activity.
	 */
	private record Who(Agent actor, String language, EngineStatements.Texts texts, Activity courseActivity) {

		Course course() {
			return texts.course();
		}

	}

	private Who who(long learnerId, long courseVersionId) {
		Account account = accounts.get(learnerId);
		String language = EngineStatements.tag(catalogue.languageOf(courseVersionId, account.language()));
		EngineStatements.Texts texts = vocabulary.texts(courseVersionId);
		return new Who(vocabulary.learner(account.learnerRef()), language, texts, vocabulary.course(texts));
	}

	@EventListener
	void started(LearningEvents.AttemptStarted event) {
		Who who = who(event.learnerId(), event.courseVersionId());
		Course course = who.course();
		Activity activity = who.courseActivity();
		var context = vocabulary.context(event.registration(), null, null, course, who.language());
		record(List.of(new Statement(UUID.randomUUID(), who.actor(), Verb.LAUNCHED, activity, null, context, event.at()),
				new Statement(UUID.randomUUID(), who.actor(), Verb.INITIALIZED, activity, null, context,
						event.at().plusMillis(1))));
		open(event.attemptId(), new OpenAttempt(event.registration(), event.learnerId(), event.courseVersionId(),
				event.at()));
	}

	/** The IRI of the extension naming the LMS course (LTI context) a course was opened from. */
	static final String LTI_CONTEXT = "https://purl.imsglobal.org/spec/lti/claim/context";

	/** The IRI of the extension naming the LMS placement (LTI resource link) a course was opened from. */
	static final String LTI_RESOURCE_LINK = "https://purl.imsglobal.org/spec/lti/claim/resource_link";

	/** The IRI of the extension naming the learning platform (its LTI issuer) a course was opened from. */
	static final String LTI_PLATFORM = "https://opendoor.invalid/xapi/extensions/lti-platform";

	/**
	 * A course opened from a learning platform (LTI): {@code launched}, on the attempt's registration, with the
	 * LMS course as a context activity and the platform, its course and the placement as context extensions,
	 * so an analyst can tell which LMS course a learner came from (docs/xapi.md).
	 */
	@EventListener
	void openedFromLms(org.opendoor.lms.lti.LtiEvents.CourseOpened event) {
		var attempt = attempts.identity(event.learnerId(), event.attemptId());
		Who who = who(event.learnerId(), attempt.courseVersionId());
		var plain = vocabulary.context(attempt.registration(), null, null, who.course(), who.language());
		Map<String, Object> extensions = new java.util.TreeMap<>();
		extensions.put(LTI_PLATFORM, Map.of("issuer", event.platformIssuer(), "name", event.platformName()));
		Map<String, Object> link = new java.util.TreeMap<>();
		link.put("id", event.resourceLinkId());
		if (event.resourceLinkTitle() != null) {
			link.put("title", event.resourceLinkTitle());
		}
		extensions.put(LTI_RESOURCE_LINK, link);
		List<Activity> other = null;
		if (event.contextId() != null) {
			Map<String, Object> lmsCourse = new java.util.TreeMap<>();
			lmsCourse.put("id", event.contextId());
			if (event.contextTitle() != null) {
				lmsCourse.put("title", event.contextTitle());
			}
			extensions.put(LTI_CONTEXT, lmsCourse);
			String id = event.platformIssuer().replaceFirst("/+$", "") + "/lti/context/"
					+ java.net.URLEncoder.encode(event.contextId(), java.nio.charset.StandardCharsets.UTF_8);
			other = List.of(new Activity(id, new org.opendoor.lms.lrs.model.ActivityDefinition(
					event.contextTitle() == null ? null : Map.of("und", event.contextTitle()), null,
					"http://adlnet.gov/expapi/activities/course", null, null, null, null, null)));
		}
		var activities = plain.contextActivities();
		var context = new org.opendoor.lms.lrs.model.Context(plain.registration(), null, null,
				new org.opendoor.lms.lrs.model.ContextActivities(activities.parent(), activities.grouping(),
						activities.category(), other),
				plain.revision(), plain.platform(), plain.language(), null, extensions);
		// the LTI module publishes this outside a transaction: the statement is stored in one of its own
		transactions.executeWithoutResult(status -> record(List.of(new Statement(UUID.randomUUID(), who.actor(),
				Verb.LAUNCHED, who.courseActivity(), null, context, event.at()))));
	}

	@EventListener
	void viewed(LearningEvents.PageViewed event) {
		Instant at = event.at();
		Optional<String> key = sessionKey();
		Optional<Mark> mark = key.flatMap(k -> mark(k, event.attemptId()));
		if (mark.isPresent() && event.stepKey().equals(mark.get().lastStep())) {
			// the same page again in the same session (a refresh, another tab): nothing new to record
			if (mark.get().lastSeen().isBefore(at.minus(SEEN_GRANULARITY))) {
				seen(key.get(), event.attemptId(), at, event.stepKey());
			}
			return;
		}
		Who who = who(event.learnerId(), event.courseVersionId());
		Course course = who.course();
		Activity courseActivity = who.courseActivity();
		List<Statement> statements = new ArrayList<>();
		if (key.isPresent()) {
			if (mark.isEmpty()) {
				statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.RESUMED, courseActivity, null,
						vocabulary.context(event.registration(), null, null, course, who.language()), at));
				open(event.attemptId(), new OpenAttempt(event.registration(), event.learnerId(), event.courseVersionId(), at),
						event.stepKey());
				at = at.plusMillis(1);
			}
			else {
				seen(key.get(), event.attemptId(), at, event.stepKey());
			}
		}
		StepPlan plan = StepPlan.of(course, List.of());
		Optional<Step> found = plan.find(event.stepKey());
		if (found.isPresent() && found.get().module() != null) {
			Step step = found.get();
			CourseModule module = step.module();
			Activity moduleActivity = vocabulary.module(who.texts(), module.id());
			var inModule = vocabulary.context(event.registration(), moduleActivity, courseActivity, course, who.language());
			Optional<Activity> page = step.item() == null ? Optional.empty() : vocabulary.page(who.texts(), step.item());
			if (page.isPresent()) {
				statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.EXPERIENCED, page.get(), null, inModule,
						at));
				at = at.plusMillis(1);
			}
			List<Step> moduleSteps = plan.steps().stream().filter(s -> s.module() != null && s.module().id().equals(module.id())).toList();
			int position = moduleSteps.indexOf(step) + 1;
			int progress = position * 100 / moduleSteps.size();
			var moduleContext = vocabulary.context(event.registration(), null, courseActivity, course, who.language());
			if (position == moduleSteps.size()) {
				if (!done(event.registration(), Verb.COMPLETED, moduleActivity.id())) {
					statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.COMPLETED, moduleActivity,
							new Result(null, null, true, null, null, Map.of(EngineStatements.PROGRESS, 100)), moduleContext,
							at));
				}
			}
			else {
				statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.PROGRESSED, moduleActivity,
						new Result(null, null, null, null, null, Map.of(EngineStatements.PROGRESS, progress)), moduleContext,
						at));
			}
		}
		else if (course.assessment() == null && StepPlan.RESULT.equals(event.stepKey())
				&& !done(event.registration(), Verb.COMPLETED, courseActivity.id())) {
			// a course without an assessment is completed at its end; one with an assessment when the first
			// round is marked (see submitted)
			statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.COMPLETED, courseActivity,
					new Result(null, null, true, null, null, Map.of(EngineStatements.PROGRESS, 100)),
					vocabulary.context(event.registration(), null, null, course, who.language()), at));
		}
		record(statements);
	}

	@EventListener
	void answered(LearningEvents.Answered event) {
		Who who = who(event.learnerId(), event.courseVersionId());
		EngineStatements.Texts t = who.texts();
		LearningEvents.Answer given = event.answer();
		Statement statement = null;
		if (given instanceof LearningEvents.CheckAnswer a) {
			statement = answer(who, vocabulary.question(t, a.questionId()), vocabulary.module(t, a.moduleId()),
					String.join("[,]", a.chosen()), a.correct(), event);
		}
		else if (given instanceof LearningEvents.AssessmentAnswer a) {
			statement = answer(who, vocabulary.question(t, a.questionId()), vocabulary.assessment(t),
					String.join("[,]", a.chosen()), a.correct(), event);
		}
		else if (given instanceof LearningEvents.ScenarioChoice c) {
			statement = answer(who, vocabulary.decision(t, c.scenarioId(), c.nodeId()),
					vocabulary.scenario(t, c.scenarioId()), String.valueOf(c.choice()), c.correct(), event);
		}
		// a scenario started again records nothing: its next choices do
		if (statement != null) {
			record(List.of(statement));
		}
		lastActivity(event.attemptId(), event.at());
	}

	private Statement answer(Who who, Activity question, Activity parent, String response, boolean correct,
			LearningEvents.Answered event) {
		return new Statement(UUID.randomUUID(), who.actor(), Verb.ANSWERED, question,
				new Result(null, correct, null, response, null, null),
				vocabulary.context(event.registration(), parent, who.courseActivity(), who.course(), who.language()),
				event.at());
	}

	/**
	 * The assessment round's result on the course ({@code passed} or {@code failed}, with score and duration),
	 * and with the first pass {@code completed}: a learner completes the course by passing it, so completion
	 * reports never count someone who is still to pass (docs/xapi.md).
	 */
	@EventListener
	void submitted(LearningEvents.AssessmentSubmitted event) {
		Who who = who(event.learnerId(), event.courseVersionId());
		Course course = who.course();
		Activity courseActivity = who.courseActivity();
		boolean passed = event.mark().passed();
		String duration = Result.duration(Duration.between(event.startedAt(), event.at()));
		var context = vocabulary.context(event.registration(), null, null, course, who.language());
		List<Statement> statements = new ArrayList<>();
		statements.add(new Statement(UUID.randomUUID(), who.actor(), passed ? Verb.PASSED : Verb.FAILED, courseActivity,
				new Result(Score.of(event.mark().correct(), event.mark().total()), passed, passed ? true : null, null,
						duration, null),
				context, event.at()));
		if (passed && !done(event.registration(), Verb.COMPLETED, courseActivity.id())) {
			statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.COMPLETED, courseActivity,
					new Result(null, null, true, null, duration, Map.of(EngineStatements.PROGRESS, 100)), context,
					event.at().plusMillis(1)));
		}
		record(statements);
		lastActivity(event.attemptId(), event.at());
	}

	/** A learner signed out: what their session had open is suspended and terminated now. */
	@EventListener
	void signedOut(org.springframework.security.authentication.event.LogoutSuccessEvent event) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				&& attributes.getRequest().getRequestedSessionId() != null) {
			closeSession(hash(attributes.getRequest().getRequestedSessionId()), Instant.now());
		}
	}

	/**
	 * Closes what idle sessions left open (the session timed out): suspended and terminated, once, whichever
	 * instance gets there first.
	 */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void closeIdleSessions() {
		closeIdle(Instant.now());
	}

	/** Closes sessions idle for longer than the session timeout at {@code now}; returns how many attempts. */
	public int closeIdle(Instant now) {
		List<String> keys = jdbc.sql("select distinct session_key from xapi_learning_session where last_seen < ?")
			.param(java.sql.Timestamp.from(now.minus(sessionTimeout)))
			.query(String.class)
			.list();
		int closed = 0;
		for (String key : keys) {
			closed += closeSession(key, null);
		}
		return closed;
	}

	/**
	 * Closes what a session has open, as of {@code end} (a sign-out), or as of each attempt's last activity
	 * when {@code end} is {@code null} (a time-out: the idle time after it is not learning time).
	 */
	private int closeSession(String key, Instant end) {
		Integer closed = transactions.execute(status -> {
			List<Object[]> rows = jdbc
				.sql("select attempt_id, registration, learner_id, course_version_id, since, last_seen "
						+ "from xapi_learning_session where session_key = ? order by since")
				.param(key)
				.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), new OpenAttempt(rs.getObject(2, UUID.class),
						rs.getLong(3), rs.getLong(4), rs.getTimestamp(5).toInstant()), rs.getTimestamp(6).toInstant() })
				.list();
			Map<UUID, OpenAttempt> attemptsOpen = new java.util.LinkedHashMap<>();
			Map<UUID, Instant> lastSeen = new HashMap<>();
			for (Object[] r : rows) {
				attemptsOpen.putIfAbsent((UUID) r[0], (OpenAttempt) r[1]);
				lastSeen.merge((UUID) r[0], (Instant) r[2], (x, y) -> x.isAfter(y) ? x : y);
			}
			int n = 0;
			for (Map.Entry<UUID, OpenAttempt> e : attemptsOpen.entrySet()) {
				// whoever deletes the rows reports the closing: another instance finds nothing left
				if (jdbc.sql("delete from xapi_learning_session where session_key = ? and attempt_id = ?")
					.params(key, e.getKey())
					.update() > 0) {
					closed(e.getValue(), end != null ? end : lastSeen.get(e.getKey()));
					n++;
				}
			}
			return n;
		});
		return closed == null ? 0 : closed;
	}

	/**
	 * Records that a learner left an attempt: suspended (unless passed) and terminated, stamped at {@code end}
	 * with the session's duration up to it, in one transaction.
	 */
	void closed(OpenAttempt a, Instant end) {
		Instant now = end.isBefore(a.since()) ? a.since() : end;
		Who who = who(a.learnerId(), a.courseVersionId());
		Course course = who.course();
		Activity courseActivity = who.courseActivity();
		var context = vocabulary.context(a.registration(), null, null, course, who.language());
		String duration = Result.duration(Duration.between(a.since(), now));
		List<Statement> statements = new ArrayList<>();
		if (!done(a.registration(), Verb.PASSED, courseActivity.id())) {
			statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.SUSPENDED, courseActivity,
					new Result(null, null, null, null, duration, null), context, now));
		}
		statements.add(new Statement(UUID.randomUUID(), who.actor(), Verb.TERMINATED, courseActivity,
				new Result(null, null, null, null, duration, null), context, now.plusMillis(1)));
		record(statements);
	}

	private boolean done(UUID registration, Verb verb, String activityId) {
		return !store.query(new StatementStore.Query(null, verb.id(), activityId, registration, false, false, null, null,
				1, false, null, null)).bodies().isEmpty();
	}

	/** Validates statements the engine built and stores them in the caller's transaction. */
	void record(List<Statement> statements) {
		if (statements.isEmpty()) {
			return;
		}
		StatementValidator check = new StatementValidator(false);
		List<ObjectNode> nodes = new ArrayList<>();
		for (Statement s : statements) {
			Set<ConstraintViolation<Statement>> violations = validator.validate(s);
			if (!violations.isEmpty()) {
				throw new IllegalStateException("the engine built an invalid statement: " + violations);
			}
			ObjectNode node = (ObjectNode) MODEL.valueToTree(s);
			check.validate(node);
			nodes.add(node);
		}
		JsonNode authority = MODEL.valueToTree(vocabulary.authority());
		store.store(nodes, authority, "1.0.0", Map.of(), true);
	}

	/** The current web session's key: a SHA-256 hash of its id (the id itself is a credential). */
	private Optional<String> sessionKey() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpSession session = attributes.getRequest().getSession(false);
			return session == null ? Optional.empty() : Optional.of(hash(session.getId()));
		}
		return Optional.empty();
	}

	static String hash(String sessionId) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How stale a session's "last seen" may get before a reload writes it again: idle sessions are closed
	 * after the session timeout (hours), so a minute of rounding changes nothing a learner or a report sees.
	 */
	static final Duration SEEN_GRANULARITY = Duration.ofMinutes(1);

	/** What this session last noted for an open attempt. */
	private record Mark(Instant lastSeen, String lastStep) {
	}

	/** Whether this session already has the attempt open, and the page it last recorded. */
	private Optional<Mark> mark(String key, UUID attemptId) {
		return jdbc.sql("select last_seen, last_step from xapi_learning_session where session_key = ? and attempt_id = ? "
				+ "order by last_seen desc limit 1")
			.params(key, attemptId)
			.query((rs, n) -> new Mark(rs.getTimestamp(1).toInstant(), rs.getString(2)))
			.optional();
	}

	/** Notes an answer or a submitted round as the session's latest activity on the attempt (the page stays). */
	private void lastActivity(UUID attemptId, Instant at) {
		sessionKey().ifPresent(key -> jdbc
			.sql("update xapi_learning_session set last_seen = ? where session_key = ? and attempt_id = ? and last_seen < ?")
			.params(java.sql.Timestamp.from(at), key, attemptId, java.sql.Timestamp.from(at))
			.update());
	}

	/** Notes that this session saw the attempt now, on the given page. */
	private void seen(String key, UUID attemptId, Instant at, String step) {
		jdbc.sql("update xapi_learning_session set last_seen = ?, last_step = ? where session_key = ? and attempt_id = ?")
			.params(java.sql.Timestamp.from(at), step, key, attemptId)
			.update();
	}

	private void open(UUID attemptId, OpenAttempt attempt) {
		open(attemptId, attempt, null);
	}

	private void open(UUID attemptId, OpenAttempt attempt, String step) {
		sessionKey().ifPresent(key -> jdbc
			.sql("insert into xapi_learning_session (session_key, attempt_id, registration, learner_id, course_version_id, "
					+ "since, last_seen, last_step) values (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(key, attemptId, attempt.registration(), attempt.learnerId(), attempt.courseVersionId(),
					java.sql.Timestamp.from(attempt.since()), java.sql.Timestamp.from(attempt.since()), step)
			.update());
	}

}
