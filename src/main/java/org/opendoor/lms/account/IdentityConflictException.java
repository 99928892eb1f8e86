package org.opendoor.lms.account;

/**
 * Thrown when a person signs in through an identity provider for the first time and the email address it
 * gives already belongs to an account: identities are never linked by email alone.
 */
public class IdentityConflictException extends RuntimeException {

	public IdentityConflictException() {
		super("The identity provider's email address already belongs to an account");
	}

}
