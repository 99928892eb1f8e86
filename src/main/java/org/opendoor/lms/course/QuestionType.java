package org.opendoor.lms.course;

/** How a question is answered. */
public enum QuestionType {

	/** Exactly one option is right and one may be chosen. */
	SINGLE,

	/** One or more options are right and all of them must be chosen. */
	MULTIPLE,

	/** Two options, true and false. */
	TRUE_FALSE

}
