package org.opendoor.lms.system;

import java.util.EnumSet;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo organisation, a demo learner, a demo organisation admin and a demo site admin, and
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

	DemoData(Accounts accounts, Organisations organisations, DemoPasswords passwords) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwords = passwords;
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
		seed(org, "orgadmin" + DOMAIN, "Demo Hub Coordinator", passwords.orgAdmin(),
				EnumSet.of(Role.LEARNER, Role.ORG_ADMIN), Role.ORG_ADMIN);
		seed(org, "admin" + DOMAIN, "Demo Site Admin", passwords.admin(), EnumSet.of(Role.LEARNER, Role.ADMIN),
				Role.LEARNER);
		System.out.println("""

				Open Door demo is ready at http://localhost:8080 (demo profile: not for real data)
				  learner       learner%1$s / %2$s
				  org admin     orgadmin%1$s / %3$s
				  site admin    admin%1$s / %4$s
				""".formatted(DOMAIN, passwords.learner(), passwords.orgAdmin(), passwords.admin()));
	}

	private void seed(long org, String email, String name, String password, EnumSet<Role> roles, Role orgRole) {
		long id = accounts.findByEmail(email)
			.orElseGet(() -> accounts.create(new Registration(name, email, password, Nation.WALES, "en"), roles))
			.id();
		organisations.addMember(org, id, orgRole);
	}

}
