package org.opendoor.lms.course;

import java.util.List;

/**
 * A private plan the learner fills in for themselves (for example a personal wellbeing plan): not
 * scored, never shown to anyone else, printable.
 *
 * @param id plan id, unique in the course
 * @param title title shown to the learner
 * @param introHtml introduction, rendered and sanitised
 * @param prompts what the learner is asked to write about
 * @param source path of the plan file relative to the course folder
 * @param contentNote whether the plan opens with a content note (it discusses suicide or self-harm)
 * @param supportBox whether the plan's page carries the support box
 */
public record WellbeingPlan(String id, String title, String introHtml, List<Prompt> prompts,
		String source, boolean contentNote, boolean supportBox) implements ModuleItem {

	/**
	 * One thing the plan asks about.
	 *
	 * @param id prompt id, unique in the plan
	 * @param label the question
	 * @param hint an example or help, or {@code null}
	 */
	public record Prompt(String id, String label, String hint) {
	}

}
