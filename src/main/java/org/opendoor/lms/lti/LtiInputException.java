package org.opendoor.lms.lti;

/** Input an admin or a platform sent that cannot be used; the message is a key in the message files. */
public class LtiInputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public LtiInputException(String messageKey) {
		super(messageKey);
	}

}
