package org.opendoor.lms.system;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.limits.RateLimits;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.EmbeddedPostgresSupport;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.xapi.LearningRecords;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one PostgreSQL, as behind a load balancer: a learner signed in on one is
 * signed in on the other (sessions in the database), progress made on either is the same progress, and
 * a job both instances run (closing idle learning sessions) does its work once, and a rate limit counts what
 * reaches either instance.
 */
class TwoInstancesTests {

	static ConfigurableApplicationContext a;

	static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() {
		String url = EmbeddedPostgresSupport.newDatabase("two_instances");
		a = instance(url);
		b = instance(url);
	}

	private static ConfigurableApplicationContext instance(String url) {
		return new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--logging.level.root=WARN", "--lms.demo.volunteers=false");
	}

	@AfterAll
	static void stop() {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getProperty("local.server.port", Integer.class);
	}

	@Test
	void aSessionStartedOnOneInstanceWorksOnTheOtherAndJobsRunOnce() {
		var learner = a.getBean(Accounts.class)
			.register(new Registration("Balanced", UUID.randomUUID() + "@example.org", Learners.PASSWORD, Nation.WALES, "en"));
		BrowserlessSession onA = new BrowserlessSession(port(a));
		onA.signIn(learner.email(), Learners.PASSWORD);
		onA.get("/courses");
		BrowserlessSession.Page started = onA.post("/courses/first-steps/attempts");
		assertThat(started.status()).isEqualTo(302);
		String attempt = started.location().replaceAll(".*/attempts/", "");
		assertThat(onA.follow("/attempts/" + attempt).status()).isEqualTo(200);

		BrowserlessSession onB = onA.sameBrowser(port(b));
		BrowserlessSession.Page resumed = onB.follow("/attempts/" + attempt);
		assertThat(resumed.status()).as("signed in on B with A's session").isEqualTo(200);
		assertThat(onB.lastPath()).contains("/attempts/" + attempt + "/steps/");
		assertThat(onB.get("/courses").status()).isEqualTo(200);

		JdbcClient jdbc = a.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from spring_session").query(Long.class).single()).isGreaterThan(0);
		// both instances run the idle-session job at the same moment: the session is closed once
		Instant later = Instant.now().plus(Duration.ofHours(9));
		int closedByA = a.getBean(LearningRecords.class).closeIdleSessions(later);
		int closedByB = b.getBean(LearningRecords.class).closeIdleSessions(later);
		assertThat(closedByA + closedByB).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from xapi_statement where verb_id = ? and body like ?")
			.params("http://adlnet.gov/expapi/verbs/terminated", "%" + learner.learnerRef() + "%")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void bothInstancesCountAgainstOneLimit() {
		var learner = a.getBean(Accounts.class)
			.register(new Registration("Guessed", UUID.randomUUID() + "@example.org", Learners.PASSWORD, Nation.WALES, "en"));
		// five wrong passwords for one account from one address are allowed, wherever they land
		for (int i = 0; i < 5; i++) {
			BrowserlessSession browser = new BrowserlessSession(port(i % 2 == 0 ? a : b));
			assertThat(browser.signIn(learner.email(), "wrong guess number " + i).location()).endsWith("/login?error");
		}
		assertThat(new BrowserlessSession(port(a)).signIn(learner.email(), "one more guess").status()).isEqualTo(429);
		assertThat(new BrowserlessSession(port(b)).signIn(learner.email(), "one more guess").status()).isEqualTo(429);
		// the counts are rows in the shared table, under a hash (no address or email in them)
		JdbcClient jdbc = a.getBean(JdbcClient.class);
		assertThat(jdbc.sql("select count(*) from rate_limit_bucket").query(Long.class).single()).isGreaterThan(0);
		assertThat(jdbc.sql("select count(*) from rate_limit_bucket where id like '%@%' or id like '%127.0.0.1%'")
			.query(Long.class).single()).isZero();
		// deleting the buckets that are full again keeps the ones still counting
		b.getBean(RateLimits.class).removeFullBuckets();
		assertThat(new BrowserlessSession(port(a)).signIn(learner.email(), "after the clean-up").status()).isEqualTo(429);
	}

}
