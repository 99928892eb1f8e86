package org.opendoor.lms.lti;

/**
 * A launch, login or registration that Open Door refuses; the message is a key in the message files, shown
 * to the visitor in their language. Nothing is created when one is thrown.
 */
class LtiRefusal extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	LtiRefusal(String messageKey) {
		this(messageKey, 400);
	}

	LtiRefusal(String messageKey, int status) {
		super(messageKey);
		this.status = status;
	}

	int status() {
		return status;
	}

}
