package org.opendoor.lms.system;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.Learners;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Right after signing in, a browser restoring its tabs sends many requests of one new session at once;
 * each of them stores the learner's language in the session. None of them may fail, on the demo's H2
 * and on PostgreSQL.
 */
class ParallelFirstRequestsTests {

	private static final int TABS = 20;

	@Test
	void twentyRequestsAtOnceRightAfterSignInAllSucceedOnH2() throws Exception {
		assertNoFailures("jdbc:h2:mem:parallel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
	}

	@Test
	void twentyRequestsAtOnceRightAfterSignInAllSucceedOnPostgres() throws Exception {
		assertNoFailures(EmbeddedPostgresSupport.newDatabase("parallel_first"), "postgres");
	}

	private static void assertNoFailures(String url, String user) throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
					"--spring.datasource.password=", "--logging.level.root=WARN", "--lms.demo.volunteers=false")) {
			int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
			ExecutorService pool = Executors.newFixedThreadPool(TABS);
			try {
				for (int round = 0; round < 3; round++) {
					var learner = app.getBean(Accounts.class)
						.register(new Registration("Tabs", UUID.randomUUID() + "@example.org", Learners.PASSWORD,
								Nation.WALES, "cy"));
					BrowserlessSession browser = new BrowserlessSession(port);
					assertThat(browser.signIn(learner.email(), Learners.PASSWORD).status()).isEqualTo(302);
					CountDownLatch start = new CountDownLatch(1);
					List<Future<BrowserlessSession.Page>> tabs = new ArrayList<>();
					for (int i = 0; i < TABS; i++) {
						String path = i % 2 == 0 ? "/courses" : "/profile";
						tabs.add(pool.submit(() -> {
							start.await();
							return browser.get(path);
						}));
					}
					start.countDown();
					for (Future<BrowserlessSession.Page> tab : tabs) {
						BrowserlessSession.Page page = tab.get();
						assertThat(page.status()).as("a tab restored right after sign-in").isEqualTo(200);
						assertThat(page.body()).contains("lang=\"cy\"");
					}
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

}
