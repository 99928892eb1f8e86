package org.opendoor.lms.system;

import java.util.Set;

import org.opendoor.lms.account.Accounts;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a production profile ({@code postgres} or {@code prod}) with demo accounts in the
 * database, demo passwords configured, or a default or empty database password.
 */
@Component
@Profile({ "postgres", "prod" })
class ProductionGuard implements SmartInitializingSingleton {

	static final Set<String> DEFAULT_PASSWORDS = Set.of("", "sa", "postgres", "password", "changeme", "secret");

	private final Accounts accounts;

	private final Environment environment;

	ProductionGuard(Accounts accounts, Environment environment) {
		this.accounts = accounts;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (environment.matchesProfiles("demo")) {
			throw new IllegalStateException("Refusing to start: the demo profile cannot be combined with a production profile");
		}
		for (String key : new String[] { "lms.demo.learner", "lms.demo.org-admin", "lms.demo.admin", "lms.demo.lrs-secret" }) {
			if (environment.containsProperty(key)) {
				throw new IllegalStateException("Refusing to start: demo password '" + key + "' is configured in a production profile");
			}
		}
		String password = environment.getProperty("spring.datasource.password", "");
		if (DEFAULT_PASSWORDS.contains(password.strip().toLowerCase(java.util.Locale.ROOT))) {
			throw new IllegalStateException(
					"Refusing to start: spring.datasource.password is empty or a well-known default; set a real secret");
		}
		if (accounts.anyEmailEndsWith(DemoData.DOMAIN)) {
			throw new IllegalStateException("Refusing to start: demo accounts (" + DemoData.DOMAIN
					+ ") exist in this database; remove them before running in production");
		}
	}

}
