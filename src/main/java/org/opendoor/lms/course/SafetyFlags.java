package org.opendoor.lms.course;

/**
 * Where a course discusses suicide or self-harm, read from the flags its files carry (the lint refuses a
 * course whose text mentions them without the flags): which items show a support box or a content note,
 * and which modules discuss them. Pages, slides, booklets and packages all ask here, so they agree.
 */
public final class SafetyFlags {

	private SafetyFlags() {
	}

	/** Whether any page of the item shows the support box (a lesson, a question, a scenario node or a plan). */
	public static boolean hasSupportBox(ModuleItem item) {
		if (item instanceof Lesson lesson) {
			return lesson.supportBox();
		}
		if (item instanceof KnowledgeCheck check) {
			return check.questions().stream().anyMatch(Question::supportBox);
		}
		if (item instanceof Scenario scenario) {
			return scenario.nodes().stream().anyMatch(Scenario.Node::supportBox);
		}
		return ((WellbeingPlan) item).supportBox();
	}

	/** Whether the item opens with a content note. */
	public static boolean hasContentNote(ModuleItem item) {
		if (item instanceof Lesson lesson) {
			return lesson.contentNote();
		}
		if (item instanceof KnowledgeCheck check) {
			return check.contentNote();
		}
		if (item instanceof Scenario scenario) {
			return scenario.contentNote();
		}
		return ((WellbeingPlan) item).contentNote();
	}

	/**
	 * Whether the module discusses suicide or self-harm: one of its items has a content note (the lint
	 * makes every module, check, scenario and plan that discusses them carry one; a support box alone may be
	 * there only to help the learner look after themselves).
	 */
	public static boolean discusses(CourseModule module) {
		return module.items().stream().anyMatch(SafetyFlags::hasContentNote);
	}

}
