package org.opendoor.lms.learning;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.course.SafetyFlags;
import org.opendoor.lms.course.Scenario;
import org.opendoor.lms.course.SupportContact;

/**
 * Everything a page of the player shows.
 *
 * @param attemptId the attempt
 * @param course the course version the attempt is on
 * @param status the attempt's status
 * @param round the assessment round
 * @param step the page
 * @param position 1-based position of the page
 * @param total number of pages
 * @param previousKey key of the previous page, or {@code null}
 * @param nextKey key of the next page, or {@code null}
 * @param chosen option keys the learner chose on this question page (empty if unanswered)
 * @param scenario the learner's path through this scenario page, or {@code null}
 * @param result the assessment result shown on the result page, or {@code null}
 * @param answeredInRound how many assessment questions of the current round are answered (on the result
 *        page; 0 on the others)
 * @param drawSize how many questions the round has
 * @param locked whether the current round is submitted, so its questions can no longer be answered (on
 *        assessment question and result pages; {@code false} on the others)
 * @param contacts the support contacts for the learner's nation, on pages with a support box
 * @param localServices the local services of the learner's organisations, on support-box pages of the
 *        signposting module
 * @param planEntries what the learner wrote in this page's private plan, by prompt id
 * @param language the language the course text is shown in ({@code cy} or the course's source language)
 */
public record StepView(UUID attemptId, Course course, AttemptStatus status, int round, Step step, int position,
		int total, String previousKey, String nextKey, Set<String> chosen, ScenarioPath scenario, ResultView result,
		int answeredInRound, int drawSize, boolean locked, List<SupportContact> contacts,
		List<org.opendoor.lms.directory.LocalService> localServices,
		java.util.Map<String, String> planEntries, String language) {

	/**
	 * Progress through the course as a whole percentage. A result page that is not a pass shows the progress of
	 * the page before it: the course is not done.
	 */
	public int percent() {
		if (total <= 1) {
			return status == AttemptStatus.PASSED ? 100 : 0;
		}
		int done = step.kind() == StepKind.RESULT && status != AttemptStatus.PASSED ? position - 2 : position - 1;
		return Math.max(0, done) * 100 / (total - 1);
	}

	/**
	 * Whether Previous and Next send this page's form, so that an answer chosen or a plan typed is saved when the
	 * learner moves on: on question, scenario and plan pages that still take an answer.
	 */
	public boolean pagerSendsForm() {
		return switch (step.kind()) {
			case CHECK_QUESTION, PLAN -> true;
			case ASSESSMENT_QUESTION -> !locked;
			case SCENARIO -> scenario != null && !scenario.current().ending();
			default -> false;
		};
	}

	/**
	 * Whether Next is the page's main action. Where the page has its own button (check, save, choose) that one
	 * is, and Next is secondary, until the question is answered or the scenario has ended.
	 */
	public boolean nextIsMain() {
		return switch (step.kind()) {
			case CHECK_QUESTION -> answered();
			case ASSESSMENT_QUESTION -> locked;
			case SCENARIO -> scenario == null || scenario.current().ending();
			case PLAN -> false;
			default -> true;
		};
	}

	/** This page showing the given plan answers instead of the saved ones (a plan given back after an error). */
	public StepView withPlanEntries(java.util.Map<String, String> typed) {
		return new StepView(attemptId, course, status, round, step, position, total, previousKey, nextKey, chosen,
				scenario, result, answeredInRound, drawSize, locked, contacts, localServices, Map.copyOf(typed), language);
	}

	/**
	 * One line of the course outline.
	 *
	 * @param module the module
	 * @param firstKey the key of its first page
	 * @param state done (before this page, or every module once the assessment is reached), here, or not started
	 */
	public record OutlineEntry(CourseModule module, String firstKey, LearningProgress.State state) {

		public boolean here() {
			return state == LearningProgress.State.IN_PROGRESS;
		}

	}

	/**
	 * The course's modules for the outline, marked as organisations' progress reports mark them: the modules
	 * before this page's are done, its own is where the learner is, later ones are not started; from the
	 * assessment on (or once passed) all are done.
	 */
	public List<OutlineEntry> outline() {
		CourseModule here = step.module();
		boolean pastModules = status == AttemptStatus.PASSED || (here == null && (step.kind() == StepKind.ASSESSMENT_INTRO
				|| step.kind() == StepKind.ASSESSMENT_QUESTION || step.kind() == StepKind.RESULT));
		LearningProgress.State state = pastModules || here != null ? LearningProgress.State.COMPLETED
				: LearningProgress.State.NOT_STARTED;
		List<OutlineEntry> entries = new java.util.ArrayList<>();
		for (CourseModule m : course.modules()) {
			boolean isHere = here != null && m.id().equals(here.id());
			entries.add(new OutlineEntry(m, StepPlan.firstKeyOf(m), isHere ? LearningProgress.State.IN_PROGRESS : state));
			if (isHere && !pastModules) {
				state = LearningProgress.State.NOT_STARTED;
			}
		}
		return entries;
	}

	/** The module's 1-based number, or 0 outside modules. */
	public int moduleNumber() {
		return step.module() == null ? 0 : course.modules().indexOf(step.module()) + 1;
	}

	/** The key of a module's first page, for links to revisit it. */
	public String firstKeyOf(CourseModule module) {
		return StepPlan.firstKeyOf(module);
	}

	/**
	 * This page's question options in the order this attempt shows them: shuffled per attempt and question
	 * (the same on every visit, on resume and after answering) unless the question keeps its author's
	 * order. Each option keeps its own key, which is what an answer stores.
	 */
	public List<Question.Option> options() {
		Question q = step.question();
		return q == null ? List.of() : DisplayOrder.of(q.options(), q.fixedOrder(), seed(q.id()));
	}

	/**
	 * The author's indexes of the current scenario node's choices, in the order this attempt shows them
	 * (shuffled per attempt and node unless the node keeps its author's order). A choice is sent and
	 * stored by its author index, never by where it was shown.
	 */
	public List<Integer> choiceOrder() {
		if (scenario == null) {
			return List.of();
		}
		Scenario.Node node = scenario.current();
		List<Integer> indexes = java.util.stream.IntStream.range(0, node.choices().size()).boxed().toList();
		return DisplayOrder.of(indexes, node.fixedOrder(), seed(step.item().id() + ":" + node.id()));
	}

	/** The display-order seed for an item of this attempt: the attempt's id and the item's id. */
	private String seed(String itemId) {
		return attemptId + ":" + itemId;
	}

	/** Whether the learner has answered this question page. */
	public boolean answered() {
		return !chosen.isEmpty();
	}

	/** Whether this page shows the support box: it shows text that discusses suicide or self-harm. */
	public boolean supportBox() {
		return showsSupportBox(step, scenario, result);
	}

	/**
	 * Whether this page shows the content note: at the start of a lesson, check, scenario, plan or assessment
	 * that has one, and on every question or scenario page with the support box (a learner may come to it
	 * straight from a link). A lesson or plan may have the support box only to help learners look after
	 * themselves, so theirs follows their own flag.
	 */
	public boolean contentNote() {
		boolean questionOrNode = step.kind() == StepKind.CHECK_QUESTION || step.kind() == StepKind.ASSESSMENT_QUESTION
				|| step.kind() == StepKind.SCENARIO;
		if (questionOrNode && supportBox()) {
			return true;
		}
		return switch (step.kind()) {
			case LESSON, PLAN -> SafetyFlags.hasContentNote(step.item());
			case CHECK_QUESTION -> ((KnowledgeCheck) step.item()).contentNote()
					&& ((KnowledgeCheck) step.item()).questions().get(0).id().equals(step.question().id());
			case SCENARIO -> ((Scenario) step.item()).contentNote() && scenario != null && scenario.taken().isEmpty();
			case ASSESSMENT_INTRO -> course.assessment() != null && course.assessment().contentNote();
			default -> false;
		};
	}

	/**
	 * Whether a page shows the support box: a lesson or plan that has it, a question or scenario node that
	 * has it (including nodes of the path shown above the current one), or a result listing such a question.
	 */
	static boolean showsSupportBox(Step step, ScenarioPath scenario, ResultView result) {
		return switch (step.kind()) {
			case LESSON, PLAN -> SafetyFlags.hasSupportBox(step.item());
			case CHECK_QUESTION, ASSESSMENT_QUESTION -> step.question() != null && step.question().supportBox();
			case SCENARIO -> scenario != null && (scenario.current().supportBox()
					|| scenario.taken().stream().anyMatch(t -> t.node().supportBox()));
			case RESULT -> result != null && result.missed().stream().anyMatch(Question::supportBox);
			case ASSESSMENT_INTRO -> false;
		};
	}

	/**
	 * A learner's path through a scenario.
	 *
	 * @param taken the choices made so far, in order
	 * @param current the node they are at
	 */
	public record ScenarioPath(List<Taken> taken, Scenario.Node current) {

		/** The last choice made, or {@code null} at the start. */
		public Taken last() {
			return taken.isEmpty() ? null : taken.get(taken.size() - 1);
		}

	}

	/**
	 * One choice made in a scenario.
	 *
	 * @param node where it was made
	 * @param choice what was chosen
	 */
	public record Taken(Scenario.Node node, Scenario.Choice choice) {
	}

	/**
	 * The result of the latest submitted assessment round.
	 *
	 * @param mark the mark
	 * @param passMark the course's pass mark
	 * @param revisit modules to revisit
	 * @param missed questions answered wrongly, with coaching
	 */
	public record ResultView(AssessmentMark mark, int passMark, List<CourseModule> revisit, List<Question> missed) {
	}

}
