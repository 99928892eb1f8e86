package org.opendoor.lms.organisation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A form an organisation admin sent could not be used; the message is a message key. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidOrganisationInputException extends RuntimeException {

	public InvalidOrganisationInputException(String messageKey) {
		super(messageKey);
	}

}
