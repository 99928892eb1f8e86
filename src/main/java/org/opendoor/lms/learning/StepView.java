package org.opendoor.lms.learning;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.Question;
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

	/** Progress through the course as a whole percentage. */
	public int percent() {
		return total <= 1 ? 100 : (position - 1) * 100 / (total - 1);
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
