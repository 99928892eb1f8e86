package org.opendoor.lms.system;

import java.time.LocalDate;
import java.util.EnumSet;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo organisation (with a few fictional local services), a demo learner, a demo organisation
 * admin and a demo site admin, and
 * prints how to sign in. Only in the {@code demo} profile; production refuses to start with these
 * accounts present.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

	/** The email domain of every demo account. */
	static final String DOMAIN = "@demo.opendoor.invalid";

	private final Accounts accounts;

	private final Organisations organisations;

	private final DemoPasswords passwords;

	private final LocalServices directory;

	DemoData(Accounts accounts, Organisations organisations, DemoPasswords passwords, LocalServices directory) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwords = passwords;
		this.directory = directory;
	}

	/**
	 * Passwords of the demo accounts, set in {@code application-demo.properties} only.
	 *
	 * @param learner the demo learner's password
	 * @param orgAdmin the demo organisation admin's password
	 * @param admin the demo site admin's password
	 */
	@ConfigurationProperties("lms.demo")
	record DemoPasswords(String learner, String orgAdmin, String admin) {
	}

	@Override
	public void run(ApplicationArguments args) {
		long org = organisations.createIfAbsent("Demo Community Hub", "demo-community-hub");
		seed(org, "learner" + DOMAIN, "Demo Learner", passwords.learner(), EnumSet.of(Role.LEARNER), Role.LEARNER);
		long orgAdmin = seed(org, "orgadmin" + DOMAIN, "Demo Hub Coordinator", passwords.orgAdmin(),
				EnumSet.of(Role.LEARNER, Role.ORG_ADMIN), Role.ORG_ADMIN);
		seedDirectory(org, orgAdmin);
		seed(org, "admin" + DOMAIN, "Demo Site Admin", passwords.admin(), EnumSet.of(Role.LEARNER, Role.ADMIN),
				Role.LEARNER);
		System.out.println("""

				Open Door demo is ready at http://localhost:8080 (demo profile: not for real data)
				  learner       learner%1$s / %2$s
				  org admin     orgadmin%1$s / %3$s
				  site admin    admin%1$s / %4$s
				""".formatted(DOMAIN, passwords.learner(), passwords.orgAdmin(), passwords.admin()));
	}

	private long seed(long org, String email, String name, String password, EnumSet<Role> roles, Role orgRole) {
		long id = accounts.findByEmail(email)
			.orElseGet(() -> accounts.create(new Registration(name, email, password, Nation.WALES, "en"), roles))
			.id();
		organisations.addMember(org, id, orgRole);
		return id;
	}

	/** Fictional local services (01632 960 numbers are reserved for fiction) in an empty demo directory. */
	private void seedDirectory(long org, long orgAdmin) {
		if (!directory.list(orgAdmin, org).isEmpty()) {
			return;
		}
		LocalDate today = LocalDate.now();
		directory.create(orgAdmin, org, new LocalServiceForm("Riverside Listening Café (demo)",
				"A weekly drop-in for a cuppa and a chat with trained volunteers", "Thursdays, 1pm to 3pm",
				"Riverside Chapel hall, or call 01632 960001", "Anyone aged 16 or over", Tier.CHAT, today));
		directory.create(orgAdmin, org, new LocalServiceForm("Town Money and Debt Advice (demo)",
				"Free, confidential advice on debt, benefits and bills", "Weekdays, 9am to 5pm", "Call 01632 960002",
				"Anyone living in the town", Tier.SIGNPOST, today));
		directory.create(orgAdmin, org, new LocalServiceForm("Evening Crisis Café (demo)",
				"A calm place to go in a mental health crisis, run with the local NHS", "Every evening, 6pm to midnight",
				"Walk in at 2 Station Road, or call 01632 960003", "Adults in crisis", Tier.URGENT, today));
	}

}
