package org.opendoor.lms.learning;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An answer that does not fit the question, for example no option chosen. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidAnswerException extends RuntimeException {

	public InvalidAnswerException(String message) {
		super(message);
	}

}
