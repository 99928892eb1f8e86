package org.opendoor.lms.system;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.TestKeystore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start with demo accounts, demo passwords or a default database password. */
class ProductionGuardTests {

	private ConfigurableApplicationContext start(String url, String password, String... profiles) {
		return new SpringApplicationBuilder(OpenDoorApplication.class).profiles(profiles)
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=" + password, "--logging.level.root=OFF",
					"--lms.certificate.signing.keystore=" + TestKeystore.path(),
					"--lms.certificate.signing.password=" + TestKeystore.PASSWORD);
	}

	@Test
	void refusesADefaultDatabasePassword() {
		String url = EmbeddedPostgresSupport.newDatabase("guard_password");
		assertThatThrownBy(() -> start(url, "postgres", "postgres")).hasMessage(
				"Refusing to start: spring.datasource.password is empty or a well-known default; set a real secret");
	}

	@Test
	void refusesADatabaseHoldingDemoAccounts() {
		String url = EmbeddedPostgresSupport.newDatabase("guard_demo");
		start(url, "", "demo").close();
		assertThatThrownBy(() -> start(url, "a-real-secret-from-the-environment", "postgres"))
			.hasMessage("Refusing to start: demo accounts (" + DemoData.DOMAIN
					+ ") exist in this database; remove them before running in production");
	}

	@Test
	void refusesToStartWithoutASigningKeystore() {
		String url = EmbeddedPostgresSupport.newDatabase("guard_keystore");
		assertThatThrownBy(() -> new SpringApplicationBuilder(OpenDoorApplication.class).profiles("postgres")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=a-real-secret", "--logging.level.root=OFF"))
			.hasRootCauseMessage("Refusing to start: set lms.certificate.signing.keystore (PKCS#12), "
					+ "lms.certificate.signing.password and lms.certificate.signing.alias to sign certificates");
	}

	@Test
	void refusesToStartWhenTheSigningKeystoreCannotBeOpened() {
		// the keystore is decrypted on another thread while the app starts; its failure must still stop the start
		String url = EmbeddedPostgresSupport.newDatabase("guard_keystore_password");
		assertThatThrownBy(() -> new SpringApplicationBuilder(OpenDoorApplication.class).profiles("postgres")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=a-real-secret", "--logging.level.root=OFF",
					"--lms.certificate.signing.keystore=" + TestKeystore.path(),
					"--lms.certificate.signing.password=not-the-password"))
			.hasMessageStartingWith("The signing keystore cannot be read:");
	}

	@Test
	void startsOnACleanDatabaseWithARealSecretAndSeedsNoDemoAccounts() {
		String url = EmbeddedPostgresSupport.newDatabase("guard_clean");
		try (ConfigurableApplicationContext context = start(url, "a-real-secret-from-the-environment", "postgres")) {
			assertThat(context.getBean(org.opendoor.lms.account.Accounts.class).anyEmailEndsWith(DemoData.DOMAIN)).isFalse();
			assertThat(context.getEnvironment().getProperty("lms.demo.learner")).isNull();
		}
	}

}
