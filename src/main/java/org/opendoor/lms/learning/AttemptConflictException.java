package org.opendoor.lms.learning;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The request does not fit the attempt's state, for example answering a submitted assessment. */
@ResponseStatus(HttpStatus.CONFLICT)
public class AttemptConflictException extends RuntimeException {

	public AttemptConflictException(String message) {
		super(message);
	}

}
