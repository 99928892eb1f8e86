package org.opendoor.lms.learning;

/** The kinds of page a learner moves through. */
public enum StepKind {

	LESSON, CHECK_QUESTION, SCENARIO, PLAN, ASSESSMENT_INTRO, ASSESSMENT_QUESTION, RESULT

}
