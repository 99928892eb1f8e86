package org.opendoor.lms.account;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions an account is signed in with (they live in the database, shared by every instance), as
 * after a password change: whoever signed in with the old password is signed out everywhere.
 */
@Component
class SignedInSessions {

	private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

	SignedInSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends every session signed in as the account with this email address, except the one with the given id.
	 *
	 * @param keep the session to keep (the one that changed the password), or {@code null} to end all
	 * @return how many were ended
	 */
	int endAllBut(String email, String keep) {
		FindByIndexNameSessionRepository<? extends Session> repository = sessions.getIfAvailable();
		if (repository == null) {
			return 0;
		}
		int ended = 0;
		for (String id : repository.findByPrincipalName(email).keySet()) {
			if (!id.equals(keep)) {
				repository.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
