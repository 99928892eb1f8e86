package org.opendoor.lms.lti;

import java.util.Locale;
import java.util.UUID;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * People a platform sends: each linked to one account by the platform's issuer and the subject it gives
 * them, never by email alone. A first launch (or roster import) makes the account and adds it to the
 * platform's organisation; an instructor or administrator in the LMS becomes an admin of the organisation.
 */
@Component
class LtiPeople {

	/** The domain of the address given to accounts whose platform sends no email (it receives nothing). */
	static final String NO_EMAIL_DOMAIN = "lti.invalid";

	private final Accounts accounts;

	private final Organisations organisations;

	private final Nation nation;

	LtiPeople(Accounts accounts, Organisations organisations,
			@Value("${lms.lti.default-nation:ENGLAND}") Nation nation) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.nation = nation;
	}

	/**
	 * The account for a person at a platform, made and added to the organisation if new.
	 *
	 * @return the account and whether it was made now
	 */
	@Transactional
	Accounts.SignIn link(Platform platform, String subject, String email, String name, boolean teaches, Long groupId) {
		String display = name == null || name.isBlank() ? "LMS learner" : name;
		String address = email == null || email.isBlank() || email.length() > 254 ? null : email.strip();
		if (address == null || accounts.findByEmail(address).isPresent()) {
			// no address, or it belongs to another account: never a link by email alone
			address = placeholder();
		}
		Accounts.SignIn signIn = accounts.signInWithIdentity(platform.issuer(), subject, address, display, nation);
		Account account = signIn.account();
		organisations.addMember(platform.organisationId(), account.id(), teaches ? Role.ORG_ADMIN : Role.LEARNER, groupId);
		if (teaches && !organisations.isAdmin(platform.organisationId(), account.id())) {
			organisations.setRole(platform.organisationId(), account.id(), Role.ORG_ADMIN);
		}
		return signIn;
	}

	private static String placeholder() {
		return UUID.randomUUID().toString().toLowerCase(Locale.ROOT) + "@" + NO_EMAIL_DOMAIN;
	}

}
