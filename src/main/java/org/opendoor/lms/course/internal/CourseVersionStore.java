package org.opendoor.lms.course.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue.StoredVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a snapshot of every course version that was ever loaded, so attempts stay on their version
 * after the files change.
 */
@Repository
public class CourseVersionStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	public CourseVersionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The result of saving a version.
	 *
	 * @param id stored id
	 * @param contentChanged whether the same version was stored before with other content
	 */
	public record Stored(long id, boolean contentChanged) {
	}

	/** Stores a course version with no translations. */
	@Transactional
	public Stored save(Course course) {
		return save(course, Map.of());
	}

	/**
	 * Stores a course version with its translations (by language code), or refreshes it when the same
	 * version's content changed. The fingerprint covers the translations, so a changed translation counts as
	 * changed content.
	 */
	@Transactional
	public Stored save(Course course, Map<String, Course> translations) {
		String json = JSON.writeValueAsString(course);
		String translated = translations.isEmpty() ? null : JSON.writeValueAsString(new TreeMap<>(translations));
		String hash = translated == null ? sha256(json) : sha256(json + "\n" + translated);
		Optional<Existing> existing = jdbc
			.sql("select id, content_hash from course_version where course_id = ? and version = ?")
			.params(course.id(), course.version())
			.query((rs, n) -> new Existing(rs.getLong(1), rs.getString(2)))
			.optional();
		if (existing.isPresent()) {
			if (existing.get().hash().equals(hash)) {
				return new Stored(existing.get().id(), false);
			}
			jdbc.sql("update course_version set content = ?, content_hash = ?, title = ?, translations = ? where id = ?")
				.params(json, hash, course.title(), translated, existing.get().id())
				.update();
			return new Stored(existing.get().id(), true);
		}
		jdbc.sql("insert into course_version (course_id, version, title, content, content_hash, translations, first_loaded_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(course.id(), course.version(), course.title(), json, hash, translated,
					java.sql.Timestamp.from(Instant.now()))
			.update();
		long id = jdbc.sql("select id from course_version where course_id = ? and version = ?")
			.params(course.id(), course.version())
			.query(Long.class)
			.single();
		return new Stored(id, false);
	}

	/** Loads a stored version. */
	public Optional<Course> load(long id) {
		return jdbc.sql("select content from course_version where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.map(json -> JSON.readValue(json, Course.class));
	}

	/** Loads the translations stored with a version, by language code (empty when it has none). */
	public Map<String, Course> loadTranslations(long id) {
		return jdbc.sql("select translations from course_version where id = ?")
			.param(id)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap(o -> o)
			.map(json -> Map.copyOf(JSON.readValue(json, new TypeReference<Map<String, Course>>() {
			})))
			.orElse(Map.of());
	}

	/** Lists stored versions, newest first. */
	public List<StoredVersion> list() {
		return jdbc.sql("select id, course_id, version, title, first_loaded_at from course_version order by course_id, id desc")
			.query((rs, n) -> new StoredVersion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.list();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Existing(long id, String hash) {
	}

}
