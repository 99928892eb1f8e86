package org.opendoor.lms.organisation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The organisation (or something in it) does not exist, or the person asking may not see it: the two
 * look the same, so ids cannot be probed.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class OrganisationNotFoundException extends RuntimeException {

	public OrganisationNotFoundException() {
		super("error.notFound");
	}

}
