package org.opendoor.lms.lrs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** State, activity profile and agent profile documents, each with an ETag for concurrency control. */
@Repository
public class DocumentStore {

	/**
	 * Where a document lives: its type, activity, agent, registration and id ("" where not used).
	 *
	 * @param type state, activity-profile or agent-profile
	 * @param activityId the activity
	 * @param agent the agent key
	 * @param registration the registration
	 * @param docId the state or profile id
	 */
	public record Key(String type, String activityId, String agent, String registration, String docId) {
	}

	/**
	 * A stored document.
	 *
	 * @param contentType its media type
	 * @param content its bytes
	 * @param etag its ETag (unquoted)
	 * @param updated when it last changed
	 */
	public record Document(String contentType, byte[] content, String etag, Instant updated) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	public DocumentStore(JdbcClient jdbc, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Transactional(readOnly = true)
	public Optional<Document> find(Key key) {
		return jdbc
			.sql("select content_type, content, etag, updated_at from xapi_document where doc_type = ? and activity_id = ? "
					+ "and agent = ? and registration = ? and doc_id = ?")
			.params(key.type(), key.activityId(), key.agent(), key.registration(), key.docId())
			.query((rs, n) -> new Document(rs.getString(1), rs.getBytes(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	/** The ids of the documents under a key (its docId ignored), optionally only those changed after a time. */
	@Transactional(readOnly = true)
	public List<String> ids(Key key, Instant since) {
		return jdbc
			.sql("select doc_id from xapi_document where doc_type = ? and activity_id = ? and agent = ? "
					+ "and registration = ?" + (since == null ? "" : " and updated_at > ?") + " order by doc_id")
			.params(since == null ? List.of(key.type(), key.activityId(), key.agent(), key.registration())
					: List.of(key.type(), key.activityId(), key.agent(), key.registration(), Timestamp.from(since)))
			.query(String.class)
			.list();
	}

	/** Creates or replaces a document. */
	@Transactional
	public void save(Key key, String contentType, byte[] content) {
		String etag = etag(content);
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc
			.sql("update xapi_document set content_type = ?, content = ?, etag = ?, updated_at = ? where doc_type = ? "
					+ "and activity_id = ? and agent = ? and registration = ? and doc_id = ?")
			.params(contentType, content, etag, now, key.type(), key.activityId(), key.agent(), key.registration(),
					key.docId())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into xapi_document (doc_type, activity_id, agent, registration, doc_id, content_type, content, "
					+ "etag, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(key.type(), key.activityId(), key.agent(), key.registration(), key.docId(), contentType, content,
						etag, now)
				.update();
		}
	}

	/** Deletes one document. */
	@Transactional
	public void delete(Key key) {
		jdbc.sql("delete from xapi_document where doc_type = ? and activity_id = ? and agent = ? and registration = ? "
				+ "and doc_id = ?")
			.params(key.type(), key.activityId(), key.agent(), key.registration(), key.docId())
			.update();
	}

	/** Deletes every document under a key (its docId ignored). */
	@Transactional
	public void deleteAll(Key key) {
		jdbc.sql("delete from xapi_document where doc_type = ? and activity_id = ? and agent = ? and registration = ?")
			.params(key.type(), key.activityId(), key.agent(), key.registration())
			.update();
	}

	/** Deletes every document about an agent (erasure). */
	@Transactional
	public int deleteForAgent(String agentKey) {
		return jdbc.sql("delete from xapi_document where agent = ?").param(agentKey).update();
	}

	public static String etag(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
