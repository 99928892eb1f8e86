package org.opendoor.lms.learning;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The course asked for is not in the catalogue (never loaded, or failed lint). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CourseNotAvailableException extends RuntimeException {

	public CourseNotAvailableException() {
		super("error.courseNotAvailable");
	}

}
