package org.opendoor.lms.learning;

/** Where an attempt stands. */
public enum AttemptStatus {

	/** Started and not yet passed; also after a failed assessment until the learner retakes it. */
	IN_PROGRESS,

	/** The last assessment round was failed; the learner may retake it. */
	FAILED,

	/** The assessment was passed; the attempt is finished. */
	PASSED

}
