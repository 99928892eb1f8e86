package org.opendoor.lms.certificate.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opendoor.lms.certificate.Certificate;
import org.opendoor.lms.certificate.CertificateContent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored certificates and their audit trail. */
@Repository
public class CertificateStore {

	private static final String COLUMNS = "id, code, learner_id, learner_name, course_title, course_version, modules, "
			+ "minutes, issued_on, expires_on, organisation, language, status, revoked_reason, pdf_sha256";

	private final JdbcClient jdbc;

	public CertificateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean existsValidFor(UUID attemptId) {
		return jdbc.sql("select count(*) from certificate where attempt_id = ? and status = 'VALID'")
			.param(attemptId)
			.query(Integer.class)
			.single() > 0;
	}

	public long insert(UUID attemptId, long learnerId, String courseId, CertificateContent c, Long replaces) {
		jdbc.sql("insert into certificate (code, attempt_id, learner_id, course_id, course_version, course_title, "
				+ "learner_name, modules, minutes, organisation, language, issued_on, expires_on, status, replaces_id, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VALID', ?, ?)")
			.params(c.code(), attemptId, learnerId, courseId, c.courseVersion(), c.courseTitle(), c.learnerName(),
					String.join("\n", c.modules()), c.minutes(), c.organisation(), c.language(), Date.valueOf(c.issuedOn()),
					Date.valueOf(c.expiresOn()), replaces, Timestamp.from(Instant.now()))
			.update();
		return jdbc.sql("select id from certificate where code = ?").param(c.code()).query(Long.class).single();
	}

	public Optional<Certificate> byCode(String code, String baseUrl) {
		return jdbc.sql("select " + COLUMNS + " from certificate where code = ?")
			.param(code)
			.query((rs, n) -> map(rs, baseUrl))
			.optional();
	}

	public Optional<Certificate> byId(long id, String baseUrl) {
		return jdbc.sql("select " + COLUMNS + " from certificate where id = ?")
			.param(id)
			.query((rs, n) -> map(rs, baseUrl))
			.optional();
	}

	public List<Certificate> byLearner(long learnerId, String baseUrl) {
		return jdbc.sql("select " + COLUMNS + " from certificate where learner_id = ? order by id desc")
			.param(learnerId)
			.query((rs, n) -> map(rs, baseUrl))
			.list();
	}

	public List<Certificate> all(String baseUrl) {
		return jdbc.sql("select " + COLUMNS + " from certificate order by id desc").query((rs, n) -> map(rs, baseUrl)).list();
	}

	public Optional<byte[]> pdf(long id) {
		return jdbc.sql("select pdf from certificate where id = ? and pdf is not null")
			.param(id)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/** Stores the PDF once; a second writer finds it already there and keeps the first. */
	public boolean storePdf(long id, byte[] pdf, String sha256) {
		return jdbc.sql("update certificate set pdf = ?, pdf_sha256 = ? where id = ? and pdf is null")
			.params(pdf, sha256, id)
			.update() == 1;
	}

	public List<Long> withoutPdf() {
		return jdbc.sql("select id from certificate where pdf is null and status = 'VALID' order by id").query(Long.class).list();
	}

	public Optional<String> badge(long id) {
		return jdbc.sql("select badge_jwt from certificate where id = ? and badge_jwt is not null")
			.param(id)
			.query(String.class)
			.optional();
	}

	/** Stores the badge once; a second writer keeps the first. */
	public void storeBadge(long id, String jwt) {
		jdbc.sql("update certificate set badge_jwt = ? where id = ? and badge_jwt is null").params(jwt, id).update();
	}

	public List<Long> pendingEmails() {
		return jdbc.sql("select id from certificate where email_status = 'PENDING' and status = 'VALID' order by id")
			.query(Long.class)
			.list();
	}

	/** Claims a pending email for one sender; false if another sender has it. */
	public boolean claimEmail(long id) {
		return jdbc.sql("update certificate set email_status = 'SENDING' where id = ? and email_status = 'PENDING'")
			.param(id)
			.update() == 1;
	}

	public void markEmailed(long id) {
		jdbc.sql("update certificate set email_status = 'SENT', emailed_at = ? where id = ?")
			.params(Timestamp.from(Instant.now()), id)
			.update();
	}

	public void releaseEmail(long id) {
		jdbc.sql("update certificate set email_status = 'PENDING' where id = ? and email_status = 'SENDING'").param(id).update();
	}

	/**
	 * Valid certificates expiring between the two dates whose owner has not been reminded and has no
	 * later valid certificate for the same course (only the newest one is chased).
	 */
	public List<Long> expiringUnreminded(java.time.LocalDate from, java.time.LocalDate to) {
		return jdbc.sql("select c.id from certificate c where c.status = 'VALID' and c.reminded_at is null "
				+ "and c.expires_on >= ? and c.expires_on <= ? and not exists (select 1 from certificate n where "
				+ "n.learner_id = c.learner_id and n.course_id = c.course_id and n.status = 'VALID' "
				+ "and n.id > c.id) order by c.id")
			.params(Date.valueOf(from), Date.valueOf(to))
			.query(Long.class)
			.list();
	}

	/**
	 * The newest valid certificate of each of these learners for each course, as
	 * {learnerId, courseId, code, issuedOn, expiresOn}.
	 */
	public List<Object[]> newestValidOf(java.util.Collection<Long> learnerIds) {
		if (learnerIds.isEmpty()) {
			return List.of();
		}
		java.util.Map<String, Object[]> newest = new java.util.LinkedHashMap<>();
		jdbc.sql("select learner_id, course_id, code, issued_on, expires_on from certificate "
				+ "where status = 'VALID' and learner_id in (:ids) order by id desc")
			.param("ids", learnerIds)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate() })
			.list()
			.forEach(r -> newest.putIfAbsent(r[0] + "\u0000" + r[1], r));
		return List.copyOf(newest.values());
	}

	/** Claims a reminder for one sender; false if it was already sent or claimed. */
	public boolean claimReminder(long id) {
		return jdbc.sql("update certificate set reminded_at = ? where id = ? and reminded_at is null")
			.params(Timestamp.from(Instant.now()), id)
			.update() == 1;
	}

	public void releaseReminder(long id) {
		jdbc.sql("update certificate set reminded_at = null where id = ?").param(id).update();
	}

	public UUID attemptOf(long id) {
		return jdbc.sql("select attempt_id from certificate where id = ?").param(id).query(UUID.class).single();
	}

	public String courseOf(long id) {
		return jdbc.sql("select course_id from certificate where id = ?").param(id).query(String.class).single();
	}

	/**
	 * Erases a learner's certificates: revoked with the reason, the printed name replaced, the PDF and the
	 * badge credential deleted, any email not yet sent cancelled. Returns the ids of those that were valid.
	 */
	public List<Long> erase(long learnerId, String name, String reason) {
		List<Long> valid = jdbc.sql("select id from certificate where learner_id = ? and status = 'VALID' order by id")
			.param(learnerId)
			.query(Long.class)
			.list();
		jdbc.sql("update certificate set learner_name = ?, status = 'REVOKED', revoked_reason = coalesce(revoked_reason, ?), "
				+ "pdf = null, badge_jwt = null, email_status = case when email_status = 'SENT' then 'SENT' else 'CANCELLED' end "
				+ "where learner_id = ?")
			.params(name, reason, learnerId)
			.update();
		return valid;
	}

	public void revoke(long id, String reason) {
		jdbc.sql("update certificate set status = 'REVOKED', revoked_reason = ? where id = ?").params(reason, id).update();
	}

	public void audit(long certificateId, String action, Long actorId, String reason) {
		jdbc.sql("insert into certificate_audit (certificate_id, action, actor_id, reason, at) values (?, ?, ?, ?, ?)")
			.params(certificateId, action, actorId, reason, Timestamp.from(Instant.now()))
			.update();
	}

	public List<String> auditTrail(long certificateId) {
		return jdbc.sql("select action from certificate_audit where certificate_id = ? order by id")
			.param(certificateId)
			.query(String.class)
			.list();
	}

	private static Certificate map(ResultSet rs, String baseUrl) throws SQLException {
		String code = rs.getString("code");
		CertificateContent content = new CertificateContent(code, rs.getString("learner_name"), rs.getString("course_title"),
				rs.getString("course_version"), Arrays.asList(rs.getString("modules").split("\n")), rs.getInt("minutes"),
				rs.getDate("issued_on").toLocalDate(), rs.getDate("expires_on").toLocalDate(), rs.getString("organisation"),
				baseUrl + "/verify/" + code, rs.getString("language"));
		return new Certificate(rs.getLong("id"), code, rs.getLong("learner_id"), content, rs.getString("status"),
				rs.getString("revoked_reason"), rs.getString("pdf_sha256"));
	}

}
