package org.opendoor.lms.system;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Web sessions live in the database so that several instances share them, and Spring Session writes a
 * session back after every request only to move its "last used" time. That is one durable database write
 * (and a disk flush) for every page a learner reads. This wrapper writes a session back when anything in
 * it changed (signing in or out, a new id, an attribute, a new session) and otherwise only once its last
 * write is {@link #GRANULARITY} old. A session therefore expires at most that much earlier than its
 * timeout (hours): nothing a learner would notice, and it never lives longer than configured.
 */
@Configuration(proxyBeanMethods = false)
class SessionWriteThrottle {

	/** How stale the stored "last used" time of an unchanged session may get. */
	static final Duration GRANULARITY = Duration.ofMinutes(1);

	/**
	 * Wraps the session repository Spring Boot configures (table, timeout and clean-up from the usual
	 * properties), so everything that uses sessions goes through the throttle.
	 */
	@Bean
	static BeanPostProcessor sessionWriteThrottlePostProcessor() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcIndexedSessionRepository jdbc) {
					@SuppressWarnings({ "unchecked", "rawtypes" })
					FindByIndexNameSessionRepository<Session> sessions = (FindByIndexNameSessionRepository) jdbc;
					return new Repository(sessions, jdbc);
				}
				return bean;
			}
		};
	}

	/**
	 * A session attribute is stored with an upsert, not a plain insert. Two requests of one session at the
	 * same moment (a browser restoring its tabs right after sign-in) both read the session before either
	 * wrote the visitor's language into it; with plain inserts the second write failed on the duplicate key
	 * and the visitor got an error page. Now the second write simply stores the same value again. Attributes
	 * are read through {@link SessionAttributeReader}, which remembers what a stored value reads as.
	 */
	@Bean
	static org.springframework.session.config.SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeUpsert(
			javax.sql.DataSource dataSource) {
		String database;
		try (var connection = dataSource.getConnection()) {
			database = connection.getMetaData().getDatabaseProductName();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Cannot read which database holds the web sessions", ex);
		}
		return repository -> {
			repository.setConversionService(SessionAttributeReader.conversions(SessionWriteThrottle.class.getClassLoader()));
			if ("PostgreSQL".equalsIgnoreCase(database)) {
				new org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
			}
			else if ("H2".equalsIgnoreCase(database)) {
				repository.setCreateSessionAttributeQuery("""
						MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
						KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
						VALUES (?, ?, ?)
						""");
			}
		};
	}

	/**
	 * Spring Session commits a session twice for a page (once when the response is committed, once at the
	 * end), and the second commit looks the session up again: a second database read for every page. Within one request a session found once is that session, so the
	 * repository remembers it for the rest of the request. The filter runs just outside Spring Session's own.
	 */
	@Bean
	static org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> sessionReadOncePerRequest() {
		jakarta.servlet.Filter filter = (request, response, chain) -> {
			Map<String, ThrottledSession> outer = Repository.READ_IN_THIS_REQUEST.get();
			Repository.READ_IN_THIS_REQUEST.set(new java.util.HashMap<>(2));
			try {
				chain.doFilter(request, response);
			}
			finally {
				if (outer == null) {
					Repository.READ_IN_THIS_REQUEST.remove();
				}
				else {
					Repository.READ_IN_THIS_REQUEST.set(outer);
				}
			}
		};
		var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
		registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER - 1);
		registration.setDispatcherTypes(java.util.EnumSet.allOf(jakarta.servlet.DispatcherType.class));
		return registration;
	}

	static final class Repository implements FindByIndexNameSessionRepository<ThrottledSession>, DisposableBean {

		/** Sessions found during the current request (only while a request is being served). */
		static final ThreadLocal<Map<String, ThrottledSession>> READ_IN_THIS_REQUEST = new ThreadLocal<>();

		private final FindByIndexNameSessionRepository<Session> delegate;

		private final DisposableBean lifecycle;

		Repository(FindByIndexNameSessionRepository<Session> delegate, DisposableBean lifecycle) {
			this.delegate = delegate;
			this.lifecycle = lifecycle;
		}

		@Override
		public void destroy() throws Exception {
			// stops the repository's own clean-up schedule
			lifecycle.destroy();
		}

		@Override
		public ThrottledSession createSession() {
			return new ThrottledSession(delegate.createSession(), true);
		}

		@Override
		public void save(ThrottledSession session) {
			if (session.mustWrite()) {
				delegate.save(session.delegate);
				session.written();
			}
		}

		@Override
		public ThrottledSession findById(String id) {
			Map<String, ThrottledSession> request = READ_IN_THIS_REQUEST.get();
			ThrottledSession known = request == null ? null : request.get(id);
			// a session whose id changed during the request is no longer found under its old id
			if (known != null && known.getId().equals(id) && !known.isExpired()) {
				return known;
			}
			var found = delegate.findById(id);
			ThrottledSession session = found == null ? null : new ThrottledSession(found, false);
			if (request != null && session != null) {
				request.put(id, session);
			}
			return session;
		}

		@Override
		public void deleteById(String id) {
			Map<String, ThrottledSession> request = READ_IN_THIS_REQUEST.get();
			if (request != null) {
				request.remove(id);
			}
			delegate.deleteById(id);
		}

		@Override
		public Map<String, ThrottledSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			Map<String, ThrottledSession> sessions = new LinkedHashMap<>();
			delegate.findByIndexNameAndIndexValue(indexName, indexValue)
				.forEach((id, s) -> sessions.put(id, new ThrottledSession(s, false)));
			return sessions;
		}

	}

	/** A stored session that remembers whether anything but its "last used" time changed. */
	static final class ThrottledSession implements Session {

		private final Session delegate;

		private boolean changed;

		private Instant storedAccess;

		ThrottledSession(Session delegate, boolean isNew) {
			this.delegate = delegate;
			this.changed = isNew;
			this.storedAccess = delegate.getLastAccessedTime();
		}

		boolean mustWrite() {
			return changed || Duration.between(storedAccess, delegate.getLastAccessedTime()).compareTo(GRANULARITY) >= 0;
		}

		void written() {
			changed = false;
			storedAccess = delegate.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return delegate.getId();
		}

		@Override
		public String changeSessionId() {
			changed = true;
			return delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return delegate.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			changed = true;
			delegate.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			changed = true;
			delegate.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return delegate.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			delegate.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return delegate.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			if (!interval.equals(delegate.getMaxInactiveInterval())) {
				changed = true;
			}
			delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return delegate.isExpired();
		}

	}

}
