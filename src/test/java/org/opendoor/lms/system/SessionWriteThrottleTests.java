package org.opendoor.lms.system;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session store is written when a session changes, and otherwise at most once a minute: reading
 * pages in an unchanged session costs no database write. (The real store behind it is exercised by every
 * web test, {@code SessionSecurityTests} and {@code TwoInstancesTests}.)
 */
class SessionWriteThrottleTests {

	/** A store that counts writes. */
	static final class CountingStore implements FindByIndexNameSessionRepository<Session> {

		final Map<String, MapSession> stored = new HashMap<>();

		int writes;

		@Override
		public Session createSession() {
			return new MapSession();
		}

		@Override
		public void save(Session session) {
			writes++;
			MapSession copy = new MapSession(session);
			stored.put(session.getId(), copy);
		}

		@Override
		public Session findById(String id) {
			MapSession s = stored.get(id);
			return s == null ? null : new MapSession(s);
		}

		@Override
		public void deleteById(String id) {
			stored.remove(id);
		}

		@Override
		public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Map.of();
		}

	}

	private final CountingStore store = new CountingStore();

	private final SessionWriteThrottle.Repository sessions = new SessionWriteThrottle.Repository(store, () -> {
	});

	@Test
	void aNewSessionIsWrittenAndUnchangedReadsAreNotUntilAMinuteHasPassed() {
		Instant start = Instant.parse("2026-11-23T10:00:00Z");
		var created = sessions.createSession();
		created.setLastAccessedTime(start);
		sessions.save(created);
		assertThat(store.writes).isEqualTo(1);

		// pages read within the minute: the session is found and used, nothing is written
		for (int second = 1; second < 60; second += 10) {
			var read = sessions.findById(created.getId());
			assertThat(read).isNotNull();
			read.setLastAccessedTime(start.plusSeconds(second));
			sessions.save(read);
		}
		assertThat(store.writes).isEqualTo(1);

		// a minute after the stored time: written, so the session's expiry moves on
		var later = sessions.findById(created.getId());
		later.setLastAccessedTime(start.plus(SessionWriteThrottle.GRANULARITY));
		sessions.save(later);
		assertThat(store.writes).isEqualTo(2);
		assertThat(store.stored.get(created.getId()).getLastAccessedTime()).isEqualTo(start.plus(Duration.ofMinutes(1)));
	}

	@Test
	void anyChangeIsWrittenAtOnce() {
		Instant start = Instant.parse("2026-11-23T10:00:00Z");
		var created = sessions.createSession();
		created.setLastAccessedTime(start);
		sessions.save(created);

		var signedIn = sessions.findById(created.getId());
		signedIn.setLastAccessedTime(start.plusSeconds(1));
		signedIn.setAttribute("SPRING_SECURITY_CONTEXT", "someone");
		sessions.save(signedIn);
		assertThat(store.stored.get(created.getId()).<String>getAttribute("SPRING_SECURITY_CONTEXT")).isEqualTo("someone");

		var flash = sessions.findById(created.getId());
		flash.removeAttribute("SPRING_SECURITY_CONTEXT");
		sessions.save(flash);
		assertThat(store.stored.get(created.getId()).<String>getAttribute("SPRING_SECURITY_CONTEXT")).isNull();

		var renewed = sessions.findById(created.getId());
		renewed.changeSessionId();
		sessions.save(renewed);
		assertThat(store.stored).containsKey(renewed.getId());

		var longer = sessions.findById(renewed.getId());
		longer.setMaxInactiveInterval(Duration.ofHours(12));
		sessions.save(longer);
		assertThat(store.stored.get(renewed.getId()).getMaxInactiveInterval()).isEqualTo(Duration.ofHours(12));
		assertThat(store.writes).isEqualTo(5);
	}

}
