package org.opendoor.lms.support;

import java.util.EnumSet;
import java.util.UUID;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.organisation.Organisations;

/**
 * Two fresh organisations, A and B, with an organisation admin each, a volunteer (learner) in A, a learner in
 * no organisation and a site admin: the roles of the authorisation matrix.
 *
 * @param orgA organisation A's id
 * @param orgB organisation B's id
 * @param adminA organisation admin of A
 * @param adminB organisation admin of B
 * @param volunteerA a learner who belongs to A
 * @param outsider a learner in no organisation
 * @param siteAdmin a site admin (in no organisation)
 */
public record People(long orgA, long orgB, Account adminA, Account adminB, Account volunteerA, Account outsider,
		Account siteAdmin) {

	/** Makes a fresh set (unique organisations and email addresses). */
	public static People create(Accounts accounts, Organisations organisations) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		long a = organisations.createIfAbsent("Hub A " + run, "hub-a-" + run);
		long b = organisations.createIfAbsent("Hub B " + run, "hub-b-" + run);
		Account adminA = account(accounts, "Admin A", EnumSet.of(Role.LEARNER, Role.ORG_ADMIN));
		Account adminB = account(accounts, "Admin B", EnumSet.of(Role.LEARNER, Role.ORG_ADMIN));
		Account volunteer = account(accounts, "Volunteer A", EnumSet.of(Role.LEARNER));
		Account outsider = account(accounts, "Outsider", EnumSet.of(Role.LEARNER));
		Account site = account(accounts, "Site Admin", EnumSet.of(Role.LEARNER, Role.ADMIN));
		organisations.addMember(a, adminA.id(), Role.ORG_ADMIN);
		organisations.addMember(b, adminB.id(), Role.ORG_ADMIN);
		organisations.addMember(a, volunteer.id(), Role.LEARNER);
		return new People(a, b, adminA, adminB, volunteer, outsider, site);
	}

	private static Account account(Accounts accounts, String name, EnumSet<Role> roles) {
		return accounts.create(new Registration(name, UUID.randomUUID() + "@example.org", Learners.PASSWORD, Nation.WALES,
				"en"), roles);
	}

}
