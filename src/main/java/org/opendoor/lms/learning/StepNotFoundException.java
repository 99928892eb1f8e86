package org.opendoor.lms.learning;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The page asked for is not part of this attempt. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class StepNotFoundException extends RuntimeException {

	public StepNotFoundException() {
		super("error.stepNotFound");
	}

}
