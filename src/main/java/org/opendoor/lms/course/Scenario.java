package org.opendoor.lms.course;

import java.util.List;
import java.util.Optional;

/**
 * A branching scenario set in a real kind of hub: the learner chooses, sees coaching and moves on
 * until an ending.
 *
 * @param id scenario id, unique in the course
 * @param title title shown to the learner
 * @param setting the kind of place it happens in, for example "food bank"
 * @param start id of the first node
 * @param nodes all nodes
 * @param source path of the scenario file relative to the course folder
 * @param contentNote whether the scenario opens with a content note (it discusses suicide or self-harm)
 */
public record Scenario(String id, String title, String setting, String start, List<Node> nodes,
		String source, boolean contentNote) implements ModuleItem {

	/** The node with the given id, if any. */
	public Optional<Node> node(String nodeId) {
		return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
	}

	/**
	 * A point in the story: a decision with choices, or an ending.
	 *
	 * @param id node id, unique in the scenario
	 * @param textHtml what happens, rendered and sanitised
	 * @param choices the choices; empty for an ending
	 * @param ending whether the story ends here
	 * @param fixedOrder whether the choices must be shown in the author's order; otherwise each attempt
	 * shows them in its own shuffled order
	 * @param supportBox whether the node's page carries the support box (nodes on suicide or self-harm must)
	 */
	public record Node(String id, String textHtml, List<Choice> choices, boolean ending, boolean fixedOrder,
			boolean supportBox) {

		/** A node whose choices are shuffled per attempt. */
		public Node(String id, String textHtml, List<Choice> choices, boolean ending) {
			this(id, textHtml, choices, ending, false, false);
		}

	}

	/**
	 * One choice at a decision point.
	 *
	 * @param textHtml what the learner would do
	 * @param next id of the node it leads to
	 * @param feedbackHtml coaching on the choice
	 * @param best whether this is the best choice here
	 * @param critical whether the choice is a safety mistake (its feedback is shown as a warning)
	 */
	public record Choice(String textHtml, String next, String feedbackHtml, boolean best, boolean critical) {
	}

}
