package org.opendoor.lms.learning;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such attempt for this learner: answered with 404 whether it does not exist or is someone else's. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class AttemptNotFoundException extends RuntimeException {

	public AttemptNotFoundException() {
		super("error.attemptNotFound");
	}

}
