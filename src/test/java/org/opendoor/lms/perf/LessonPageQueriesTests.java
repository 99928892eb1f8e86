package org.opendoor.lms.perf;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a learner re-reading a lesson page costs the database, counted over real HTTP: only reads, the web
 * session read once (Spring Session looked it up again when it committed the session a second time), the
 * account once (it was read three times: to check it was not erased, for its language, for its nation), no
 * question about organisations for the menu. Counting statements, not timing them: the figures are in
 * docs/benchmarks.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class LessonPageQueriesTests {

	static final List<String> SQL = new CopyOnWriteArrayList<>();

	/** Every statement the app prepares, as the database driver is asked for it. */
	@TestConfiguration
	static class CountingStatements {

		@Bean
		static BeanPostProcessor countStatements() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource dataSource) || Proxy.isProxyClass(bean.getClass())) {
						return bean;
					}
					return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
							(proxy, method, args) -> {
								Object result = invoke(method, dataSource, args);
								return result instanceof Connection connection ? counting(connection) : result;
							});
				}
			};
		}

		private static Connection counting(Connection connection) {
			return (Connection) Proxy.newProxyInstance(LessonPageQueriesTests.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
							SQL.add(sql);
						}
						return invoke(method, connection, args);
					});
		}

		private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (java.lang.reflect.InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void reReadingALessonOnlyReadsAndReadsTheSessionOnce() {
		var learner = Learners.register(accounts, "Probe", Nation.WALES, "en");
		BrowserlessSession s = new BrowserlessSession(port);
		s.signIn(learner.email(), Learners.PASSWORD);
		var catalogue = s.follow("/courses");
		var start = java.util.regex.Pattern.compile("action=\"(/courses/hub-leaders[^\"]*/attempts)\"").matcher(catalogue.body());
		assertThat(start.find()).as("the flagship course can be started").isTrue();
		s.follow(s.post(start.group(1)).location().replaceFirst("^https?://[^/]+", ""));
		String lesson = s.lastPath();
		assertThat(lesson).contains("/steps/lesson-");
		s.get(lesson);
		for (int i = 0; i < 3; i++) {
			SQL.clear();
			var page = s.get(lesson);
			assertThat(page.status()).isEqualTo(200);
			List<String> statements = List.copyOf(SQL);
			assertThat(statements).as("only reads").allSatisfy(q -> assertThat(q.strip().toLowerCase()).startsWith("select"));
			assertThat(statements).as("the session read once").filteredOn(q -> q.contains("SPRING_SESSION")).hasSize(1);
			// the account once (for its language and nation), not again to check it is still active; the menu's
			// "runs an organisation" is remembered, not asked on every page
			assertThat(statements).as("the account read once").filteredOn(q -> q.contains("app_user")).hasSize(1);
			assertThat(statements).as("no membership query").filteredOn(q -> q.contains("membership")).isEmpty();
			assertThat(statements).as("session, attempt, account and the page's place in the records: " + statements)
				.hasSizeLessThanOrEqualTo(4);
		}
	}
}
