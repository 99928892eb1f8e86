package org.opendoor.lms.account;

/** Thrown when someone registers with an email address that already has an account. */
public class EmailAlreadyRegisteredException extends RuntimeException {

	public EmailAlreadyRegisteredException() {
		super("An account with this email address already exists");
	}

}
