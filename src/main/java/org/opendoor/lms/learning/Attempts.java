package org.opendoor.lms.learning;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.opendoor.lms.course.WellbeingPlan;
import org.opendoor.lms.directory.LocalService;
import org.opendoor.lms.directory.LocalSignposting;
import org.opendoor.lms.learning.internal.PlanEntriesRepository;
import org.opendoor.lms.learning.internal.PlanEntryEntity;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.learning.internal.AnswerEntity;
import org.opendoor.lms.learning.internal.AnswersRepository;
import org.opendoor.lms.learning.internal.AttemptEntity;
import org.opendoor.lms.learning.internal.AttemptsRepository;
import org.opendoor.lms.learning.internal.ResultEntity;
import org.opendoor.lms.learning.internal.ResultsRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A learner's attempts: starting, moving page by page, answering, making scenario choices, submitting
 * and retaking the assessment. Every change is stored before the page that shows it, so a learner
 * resumes exactly where they were on any device.
 */
@Service
public class Attempts {

	/**
	 * The id of the course module about signposting: its support boxes list the local services of the
	 * learner's organisations beside the national contacts.
	 */
	public static final String SIGNPOSTING_MODULE = "signposting";

	private final CourseCatalogue catalogue;

	private final AttemptsRepository attempts;

	private final AnswersRepository answers;

	private final ResultsRepository results;

	private final ApplicationEventPublisher events;

	private final SupportContacts contacts;

	private final PlanEntriesRepository plans;

	private final Accounts accounts;

	private final LocalSignposting localServices;

	private final Clock clock;

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	public Attempts(CourseCatalogue catalogue, AttemptsRepository attempts, AnswersRepository answers,
			ResultsRepository results, PlanEntriesRepository plans, ApplicationEventPublisher events,
			SupportContacts contacts, Accounts accounts, LocalSignposting localServices,
			Optional<Clock> clock, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.localServices = localServices;
		this.catalogue = catalogue;
		this.attempts = attempts;
		this.answers = answers;
		this.results = results;
		this.events = events;
		this.contacts = contacts;
		this.plans = plans;
		this.accounts = accounts;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * A course in the catalogue with the learner's latest attempt at it.
	 *
	 * @param entry the course
	 * @param latest the learner's latest attempt, if any
	 */
	public record CatalogueItem(CatalogueEntry entry, AttemptSummary latest) {
	}

	/**
	 * A short view of an attempt.
	 *
	 * @param id attempt id
	 * @param version the course version it is on
	 * @param status its status
	 * @param percent progress through its pages
	 * @param startedAt when it started
	 */
	public record AttemptSummary(UUID id, String version, AttemptStatus status, int percent, Instant startedAt) {
	}

	/** The catalogue as this learner sees it. */
	@Transactional(readOnly = true)
	public List<CatalogueItem> catalogue(long learnerId) {
		Map<String, AttemptEntity> latest = new HashMap<>();
		for (AttemptEntity a : attempts.findByLearnerIdOrderByStartedAtDesc(learnerId)) {
			latest.putIfAbsent(a.getCourseId(), a);
		}
		return catalogue.available(language(learnerId)).stream().map(e -> {
			AttemptEntity a = latest.get(e.course().id());
			return new CatalogueItem(e, a == null ? null : summary(a));
		}).toList();
	}

	/** The learner's attempts, newest first. */
	@Transactional(readOnly = true)
	public List<AttemptSummary> history(long learnerId) {
		return attempts.findByLearnerIdOrderByStartedAtDesc(learnerId).stream().map(this::summary).toList();
	}

	private AttemptSummary summary(AttemptEntity a) {
		Course course = catalogue.version(a.getCourseVersionId());
		StepPlan plan = new StepPlan(course, a.getDraw());
		Step step = plan.find(a.getCurrentStep()).orElse(plan.first());
		int total = plan.steps().size();
		int percent = a.getStatus() == AttemptStatus.PASSED ? 100 : plan.position(step) * 100 / Math.max(1, total - 1);
		return new AttemptSummary(a.getId(), course.version(), a.getStatus(), percent, a.getStartedAt());
	}

	/**
	 * Starts an attempt on the latest version of a course, or returns the learner's unfinished attempt
	 * at it so progress is never split across two attempts.
	 */
	@Transactional
	public UUID start(long learnerId, String courseId) {
		CatalogueEntry entry = catalogue.latest(courseId).orElseThrow(CourseNotAvailableException::new);
		for (AttemptEntity a : attempts.findByLearnerIdOrderByStartedAtDesc(learnerId)) {
			if (a.getCourseId().equals(courseId) && a.getStatus() != AttemptStatus.PASSED) {
				return a.getId();
			}
		}
		List<String> draw = AssessmentDraw.draw(entry.course().assessment(), random);
		StepPlan plan = new StepPlan(entry.course(), draw);
		Instant now = clock.instant();
		AttemptEntity attempt = attempts.save(
				new AttemptEntity(learnerId, courseId, entry.versionId(), plan.first().key(), draw, now));
		events.publishEvent(new LearningEvents.AttemptStarted(attempt.getId(), attempt.getRegistration(), learnerId,
				courseId, entry.course().version(), entry.versionId(), now));
		return attempt.getId();
	}

	/** What names an attempt in learning records: its registration and course version. */
	public record AttemptIdentity(UUID attemptId, UUID registration, long courseVersionId) {
	}

	/** The registration and course version of one of the learner's attempts. */
	@Transactional(readOnly = true)
	public AttemptIdentity identity(long learnerId, UUID attemptId) {
		AttemptEntity attempt = load(learnerId, attemptId);
		return new AttemptIdentity(attempt.getId(), attempt.getRegistration(), attempt.getCourseVersionId());
	}

	/** The page the learner was last on. */
	@Transactional(readOnly = true)
	public String currentStep(long learnerId, UUID attemptId) {
		return load(learnerId, attemptId).getCurrentStep();
	}

	/** Shows a page and remembers it as the place to resume. */
	@Transactional
	public StepView view(long learnerId, UUID attemptId, String stepKey) {
		AttemptEntity attempt = read(learnerId, attemptId);
		Account learner = accounts.read(learnerId);
		Course course = catalogue.version(attempt.getCourseVersionId(), learner.language());
		StepPlan plan = new StepPlan(course, attempt.getDraw());
		Step step = plan.find(stepKey).orElseThrow(StepNotFoundException::new);
		// The learning records first, then the attempt's row: the order every other change to an attempt takes
		// (an answer's records are written before the attempt is), so two requests of one learner at the same
		// moment wait for each other instead of deadlocking on PostgreSQL (seen in the 500-learner load test).
		events.publishEvent(new LearningEvents.PageViewed(attemptId, attempt.getRegistration(), learnerId,
				attempt.getCourseVersionId(), step.key(), clock.instant()));
		if (!attempt.getCurrentStep().equals(step.key())) {
			attempts.recordPosition(attempt.getId(), step.key(), clock.instant());
		}
		return render(attempt, learner, course, plan, step);
	}

	/**
	 * What a page shows, without recording a visit: for deciding where a form sent from the page goes next.
	 */
	@Transactional(readOnly = true)
	public StepView peek(long learnerId, UUID attemptId, String stepKey) {
		AttemptEntity attempt = read(learnerId, attemptId);
		Account learner = accounts.read(learnerId);
		Course course = catalogue.version(attempt.getCourseVersionId(), learner.language());
		StepPlan plan = new StepPlan(course, attempt.getDraw());
		return render(attempt, learner, course, plan, plan.find(stepKey).orElseThrow(StepNotFoundException::new));
	}

	private StepView render(AttemptEntity attempt, Course course, StepPlan plan, Step step) {
		return render(attempt, accounts.get(attempt.getLearnerId()), course, plan, step);
	}

	private StepView render(AttemptEntity attempt, Account learner, Course course, StepPlan plan, Step step) {
		// Each page reads only what it shows: a lesson (most pages) needs no answers and no result.
		StepKind kind = step.kind();
		Map<String, AnswerEntity> given = kind == StepKind.RESULT ? answers.findByAttemptId(attempt.getId())
			.stream()
			.collect(Collectors.toMap(AnswerEntity::getAnswerKey, Function.identity())) : Map.of();
		String key = answerKey(attempt, step);
		AnswerEntity answer = key == null ? null : answers.findByAttemptIdAndAnswerKey(attempt.getId(), key).orElse(null);
		Set<String> chosen = answer != null && step.question() != null ? parseChoice(answer.getResponse()) : Set.of();
		StepView.ScenarioPath path = kind == StepKind.SCENARIO
				? walk((Scenario) step.item(), answer == null ? "" : answer.getResponse()) : null;
		int answeredInRound = 0; // given is empty except on the result page
		for (String qid : attempt.getDraw()) {
			if (given.containsKey(assessmentKey(attempt.getAssessmentRound(), qid))) {
				answeredInRound++;
			}
		}
		boolean submitted = (kind == StepKind.RESULT || kind == StepKind.ASSESSMENT_QUESTION)
				&& results.findByAttemptIdAndRoundNo(attempt.getId(), attempt.getAssessmentRound()).isPresent();
		StepView.ResultView resultView = kind == StepKind.RESULT && submitted ? resultView(course, attempt, given) : null;
		String language = catalogue.languageOf(attempt.getCourseVersionId(), learner.language());
		boolean supportBox = StepView.showsSupportBox(step, path, resultView);
		List<SupportContact> support = supportBox ? contacts.forNation(nationCode(learner.nation()), learner.language())
				: List.of();
		List<LocalService> local = supportBox && step.module() != null && SIGNPOSTING_MODULE.equals(step.module().id())
				? localServices.forMember(attempt.getLearnerId()) : List.of();
		return new StepView(attempt.getId(), course, attempt.getStatus(), attempt.getAssessmentRound(), step,
				plan.position(step) + 1, plan.steps().size(), plan.previous(step).map(Step::key).orElse(null),
				plan.next(step).map(Step::key).orElse(null), chosen, path, resultView, answeredInRound,
				attempt.getDraw().size(), submitted, support, local, planEntries(attempt, step), language);
	}

	private StepView.ResultView resultView(Course course, AttemptEntity attempt, Map<String, AnswerEntity> given) {
		Map<String, Question> bank = course.assessment().questions().stream()
			.collect(Collectors.toMap(Question::id, Function.identity()));
		List<Question> drawn = attempt.getDraw().stream().map(bank::get).toList();
		Map<String, Set<String>> chosen = chosenInRound(attempt, given);
		AssessmentMark mark = AssessmentMark.of(course, drawn, chosen);
		List<Question> missed = drawn.stream().filter(q -> !q.isCorrect(chosen.getOrDefault(q.id(), Set.of()))).toList();
		return new StepView.ResultView(mark, course.passMark(),
				mark.revisit().stream().map(id -> course.module(id).orElseThrow()).toList(), missed);
	}

	/** Records the learner's answer to a knowledge-check or assessment question on a page. */
	@Transactional
	public StepView answer(long learnerId, UUID attemptId, String stepKey, Set<String> chosen) {
		AttemptEntity attempt = load(learnerId, attemptId);
		Course course = catalogue.version(attempt.getCourseVersionId(), language(learnerId));
		StepPlan plan = new StepPlan(course, attempt.getDraw());
		Step step = plan.find(stepKey).orElseThrow(StepNotFoundException::new);
		Question q = step.question();
		if (q == null) {
			throw new AttemptConflictException("error.noQuestion");
		}
		if (step.kind() == StepKind.ASSESSMENT_QUESTION && (attempt.getStatus() != AttemptStatus.IN_PROGRESS
				|| results.findByAttemptIdAndRoundNo(attemptId, attempt.getAssessmentRound()).isPresent())) {
			throw new AttemptConflictException("error.submitted");
		}
		Set<String> valid = new TreeSet<>();
		for (Question.Option o : q.options()) {
			if (chosen.contains(o.key())) {
				valid.add(o.key());
			}
		}
		if (valid.isEmpty() || valid.size() != chosen.size()) {
			throw new InvalidAnswerException("error.chooseShown");
		}
		if (q.type() != org.opendoor.lms.course.QuestionType.MULTIPLE && valid.size() > 1) {
			throw new InvalidAnswerException("error.chooseOne");
		}
		String response = String.join(",", valid);
		boolean correct = q.isCorrect(valid);
		List<String> keys = List.copyOf(valid);
		LearningEvents.Answer given = step.kind() == StepKind.ASSESSMENT_QUESTION
				? new LearningEvents.AssessmentAnswer(attempt.getAssessmentRound(), q.id(), keys, correct)
				: new LearningEvents.CheckAnswer(step.module().id(), step.item().id(), q.id(), keys, correct);
		store(attempt, answerKey(attempt, step), response, q.critical(), given);
		attempt.moveTo(step.key(), clock.instant());
		return render(attempt, course, plan, step);
	}

	private Map<String, String> planEntries(AttemptEntity attempt, Step step) {
		if (step.kind() != StepKind.PLAN) {
			return Map.of();
		}
		Map<String, String> entries = new HashMap<>();
		plans.findByLearnerIdAndCourseIdAndPlanId(attempt.getLearnerId(), attempt.getCourseId(), step.item().id())
			.forEach(e -> entries.put(e.getPromptId(), e.getText()));
		return entries;
	}

	/**
	 * Saves what the learner wrote in a private plan. It is kept with the learner (not the attempt), so a
	 * new attempt shows it again; nothing else reads it.
	 */
	@Transactional
	public void savePlan(long learnerId, UUID attemptId, String stepKey, Map<String, String> answers) {
		AttemptEntity attempt = load(learnerId, attemptId);
		Course course = catalogue.version(attempt.getCourseVersionId());
		Step step = new StepPlan(course, attempt.getDraw()).find(stepKey).orElseThrow(StepNotFoundException::new);
		if (step.kind() != StepKind.PLAN) {
			throw new AttemptConflictException("error.notPlan");
		}
		WellbeingPlan plan = (WellbeingPlan) step.item();
		Map<String, PlanEntryEntity> existing = new HashMap<>();
		plans.findByLearnerIdAndCourseIdAndPlanId(learnerId, attempt.getCourseId(), plan.id())
			.forEach(e -> existing.put(e.getPromptId(), e));
		Instant now = clock.instant();
		for (WellbeingPlan.Prompt prompt : plan.prompts()) {
			String text = planText(answers.getOrDefault(prompt.id(), ""));
			if (text.length() > PLAN_TEXT_LIMIT) {
				throw new InvalidAnswerException("error.planTooLong");
			}
			PlanEntryEntity kept = existing.get(prompt.id());
			if (kept == null ? text.isEmpty() : text.equals(kept.getText())) {
				continue; // unchanged (Next on a plan page sends the form as it is)
			}
			PlanEntryEntity entry = existing.computeIfAbsent(prompt.id(),
					id -> new PlanEntryEntity(learnerId, attempt.getCourseId(), plan.id(), id));
			entry.write(text, now);
			plans.save(entry);
		}
		attempt.moveTo(step.key(), now);
	}

	/** The most a plan answer may hold, counting a line break as one character as browsers do. */
	public static final int PLAN_TEXT_LIMIT = 2000;

	/**
	 * A plan answer as stored: line breaks as one character each (browsers count one for {@code maxlength} but
	 * send two), without surrounding spaces.
	 */
	public static String planText(String sent) {
		return sent.replace("\r\n", "\n").replace('\r', '\n').strip();
	}

	/** Records a choice at the learner's current point in a scenario, or starts the scenario again. */
	@Transactional
	public void choose(long learnerId, UUID attemptId, String stepKey, String nodeId, Integer choiceIndex,
			boolean restart) {
		AttemptEntity attempt = load(learnerId, attemptId);
		Course course = catalogue.version(attempt.getCourseVersionId());
		StepPlan plan = new StepPlan(course, attempt.getDraw());
		Step step = plan.find(stepKey).orElseThrow(StepNotFoundException::new);
		if (step.kind() != StepKind.SCENARIO) {
			throw new AttemptConflictException("error.notScenario");
		}
		Scenario scenario = (Scenario) step.item();
		String key = answerKey(attempt, step);
		String path = answers.findByAttemptIdAndAnswerKey(attemptId, key).map(AnswerEntity::getResponse).orElse("");
		if (restart) {
			store(attempt, key, "", false, new LearningEvents.ScenarioRestarted(step.module().id(), scenario.id()));
			return;
		}
		StepView.ScenarioPath walked = walk(scenario, path);
		if (!walked.current().id().equals(nodeId)) {
			// The form was for an earlier point (for example a second tab); the stored path stands.
			return;
		}
		if (choiceIndex == null || choiceIndex < 0 || choiceIndex >= walked.current().choices().size()) {
			throw new InvalidAnswerException("error.chooseShown");
		}
		Scenario.Choice choice = walked.current().choices().get(choiceIndex);
		String newPath = (path.isEmpty() ? "" : path + ";") + nodeId + ":" + choiceIndex;
		List<String> passed = new ArrayList<>(walked.taken().stream().map(t -> t.node().id()).toList());
		passed.add(nodeId);
		store(attempt, key, newPath, choice.critical(), new LearningEvents.ScenarioChoice(step.module().id(),
				scenario.id(), nodeId, choiceIndex, choice.best(), choice.critical(), passed));
		attempt.moveTo(step.key(), clock.instant());
	}

	/**
	 * Records that a learner completed a course in a facilitated group session: a passed attempt on the
	 * course's latest version, finished at {@code at}, in the caller's transaction. Progress, dashboards,
	 * exports and reminders then count the course as completed, as for a pass.
	 *
	 * @return the new attempt's id
	 */
	@Transactional
	public UUID recordFacilitatedCompletion(long learnerId, String courseId, Instant at) {
		CatalogueEntry entry = catalogue.latest(courseId).orElseThrow(CourseNotAvailableException::new);
		AttemptEntity attempt = attempts.saveAndFlush(AttemptEntity.completedInGroup(learnerId, courseId, entry.versionId(), at));
		events.publishEvent(new LearningEvents.CompletedInGroup(attempt.getId(), learnerId, courseId, entry.versionId(), at));
		return attempt.getId();
	}

	/** Submits the current assessment round and marks it. */
	@Transactional
	public AssessmentMark submit(long learnerId, UUID attemptId) {
		AttemptEntity attempt = load(learnerId, attemptId);
		if (attempt.getStatus() == AttemptStatus.PASSED) {
			throw new AttemptConflictException("error.alreadySubmitted");
		}
		Course course = catalogue.version(attempt.getCourseVersionId());
		if (course.assessment() == null) {
			throw new AttemptConflictException("error.noAssessment");
		}
		if (results.findByAttemptIdAndRoundNo(attemptId, attempt.getAssessmentRound()).isPresent()) {
			throw new AttemptConflictException("error.alreadySubmitted");
		}
		Map<String, AnswerEntity> given = answers.findByAttemptId(attemptId)
			.stream()
			.collect(Collectors.toMap(AnswerEntity::getAnswerKey, Function.identity()));
		Map<String, Question> bank = course.assessment().questions().stream()
			.collect(Collectors.toMap(Question::id, Function.identity()));
		List<Question> drawn = attempt.getDraw().stream().map(bank::get).toList();
		AssessmentMark mark = AssessmentMark.of(course, drawn, chosenInRound(attempt, given));
		Instant now = clock.instant();
		results.save(new ResultEntity(attemptId, attempt.getAssessmentRound(), mark.correct(), mark.total(),
				mark.percent(), mark.criticalMissed(), mark.passed(), String.join(",", mark.revisit()), now));
		attempt.finishRound(mark.passed(), now);
		attempt.moveTo(StepPlan.RESULT, now);
		events.publishEvent(new LearningEvents.AssessmentSubmitted(attemptId, attempt.getRegistration(), learnerId,
				attempt.getCourseId(), attempt.getCourseVersionId(), attempt.getAssessmentRound(), mark,
				attempt.getStartedAt(), now));
		return mark;
	}

	/** Starts a new assessment round with a fresh draw after a fail; returns the page to go to. */
	@Transactional
	public String retake(long learnerId, UUID attemptId) {
		AttemptEntity attempt = load(learnerId, attemptId);
		if (attempt.getStatus() != AttemptStatus.FAILED) {
			throw new AttemptConflictException("error.retakeOnlyFailed");
		}
		Course course = catalogue.version(attempt.getCourseVersionId());
		attempt.newRound(AssessmentDraw.draw(course.assessment(), random), StepPlan.ASSESSMENT, clock.instant());
		return StepPlan.ASSESSMENT;
	}

	private Map<String, Set<String>> chosenInRound(AttemptEntity attempt, Map<String, AnswerEntity> given) {
		Map<String, Set<String>> chosen = new HashMap<>();
		for (String qid : attempt.getDraw()) {
			AnswerEntity a = given.get(assessmentKey(attempt.getAssessmentRound(), qid));
			if (a != null) {
				chosen.put(qid, parseChoice(a.getResponse()));
			}
		}
		return chosen;
	}

	/**
	 * Stores an answer under its key (the key and response strings stay inside this module) and publishes it
	 * as a typed event.
	 */
	private void store(AttemptEntity attempt, String key, String response, boolean critical,
			LearningEvents.Answer given) {
		AnswerEntity answer = answers.findByAttemptIdAndAnswerKey(attempt.getId(), key)
			.orElseGet(() -> new AnswerEntity(attempt.getId(), key));
		Instant now = clock.instant();
		answer.record(response, given.correct(), critical, now);
		answers.save(answer);
		attempt.moveTo(attempt.getCurrentStep(), now);
		events.publishEvent(new LearningEvents.Answered(attempt.getId(), attempt.getRegistration(),
				attempt.getLearnerId(), attempt.getCourseVersionId(), given, now));
	}

	/** The contacts file's code for a nation. */
	static String nationCode(Nation nation) {
		return nation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/** The learner's language (their profile's), in which the player shows a course when it has a translation. */
	private String language(long learnerId) {
		return accounts.get(learnerId).language();
	}

	/**
	 * An attempt as its row holds it, for showing a page: one plain query, not managed (a page view changes
	 * only the position, with {@link AttemptsRepository#recordPosition}). Reading a lesson is most of what
	 * learners do, and JPA's bookkeeping for an entity nothing changes was a tenth of a page's time.
	 */
	private AttemptEntity read(long learnerId, UUID attemptId) {
		return jdbc.sql("select * from attempt where id = ? and learner_id = ?")
			.params(attemptId, learnerId)
			.query((row, n) -> AttemptEntity.read(row))
			.optional()
			.orElseThrow(AttemptNotFoundException::new);
	}

	private AttemptEntity load(long learnerId, UUID attemptId) {
		return attempts.findByIdAndLearnerId(attemptId, learnerId).orElseThrow(AttemptNotFoundException::new);
	}

	private static String answerKey(AttemptEntity attempt, Step step) {
		return switch (step.kind()) {
			case CHECK_QUESTION -> "check:" + step.question().id();
			case SCENARIO -> "scenario:" + step.item().id();
			case ASSESSMENT_QUESTION -> assessmentKey(attempt.getAssessmentRound(), step.question().id());
			default -> null;
		};
	}

	private static String assessmentKey(int round, String questionId) {
		return "assessment:" + round + ":" + questionId;
	}

	private static Set<String> parseChoice(String response) {
		return response.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(response.split(",")));
	}

	/** Follows a stored scenario path from the start node. */
	static StepView.ScenarioPath walk(Scenario scenario, String path) {
		List<StepView.Taken> taken = new ArrayList<>();
		Scenario.Node node = scenario.node(scenario.start()).orElseThrow();
		if (!path.isEmpty()) {
			for (String part : path.split(";")) {
				String[] bits = part.split(":");
				int choice = Integer.parseInt(bits[1]);
				if (!node.id().equals(bits[0]) || choice >= node.choices().size()) {
					break;
				}
				Scenario.Choice c = node.choices().get(choice);
				taken.add(new StepView.Taken(node, c));
				node = scenario.node(c.next()).orElseThrow();
			}
		}
		return new StepView.ScenarioPath(taken, node);
	}

}
