package org.opendoor.lms.account;

import java.util.UUID;

/**
 * Events about accounts that other modules act on. Each is published in the same transaction as the
 * change it describes, so a listener's work commits or rolls back with it.
 */
public final class AccountEvents {

	private AccountEvents() {
	}

	/**
	 * A person's account was erased at their request. Listeners erase what their module holds about the
	 * person in the same transaction (plans and answers, memberships, certificates, learning-record
	 * statements), keeping only anonymous counts; see {@code docs/personal-data.md}.
	 *
	 * @param accountId the erased account's id (the row stays, without personal data)
	 * @param learnerRef the opaque learner reference the account had until now (statements in a learning
	 *        record store name the learner by it); the erased row gets a new one
	 */
	public record AccountErased(long accountId, UUID learnerRef) {
	}

}
