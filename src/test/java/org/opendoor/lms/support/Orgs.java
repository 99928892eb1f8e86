package org.opendoor.lms.support;

import java.util.EnumSet;
import java.util.UUID;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.organisation.Organisations;

/** Test organisations: a fresh organisation with its own admin. */
public final class Orgs {

	private Orgs() {
	}

	/**
	 * A fresh organisation and its admin.
	 *
	 * @param id the organisation's id
	 * @param admin its admin's account
	 */
	public record Org(long id, Account admin) {
	}

	/** Creates an organisation with a unique name and an admin (a learner elsewhere, admin here). */
	public static Org create(Organisations organisations, Accounts accounts, String name) {
		long id = organisations.create(name + " " + UUID.randomUUID().toString().substring(0, 8));
		Account admin = accounts.create(new Registration("Admin of " + name, UUID.randomUUID() + "@example.org",
				Learners.PASSWORD, Nation.WALES, "en"), EnumSet.of(Role.LEARNER));
		organisations.addMember(id, admin.id(), Role.ORG_ADMIN);
		return new Org(id, admin);
	}

	/** Registers a learner and adds them to an organisation (in a group, or none). */
	public static Account member(Organisations organisations, Accounts accounts, long org, String name, Long group) {
		Account a = Learners.register(accounts, name, Nation.WALES, "en");
		organisations.addMember(org, a.id(), Role.LEARNER, group);
		return a;
	}

}
