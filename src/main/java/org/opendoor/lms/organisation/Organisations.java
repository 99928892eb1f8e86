package org.opendoor.lms.organisation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.opendoor.lms.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates organisations and records who belongs to them. */
@Service
public class Organisations {

	private final JdbcClient jdbc;

	public Organisations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates an organisation, or returns the id of the one with this slug. */
	@Transactional
	public long createIfAbsent(String name, String slug) {
		Optional<Long> existing = jdbc.sql("select id from organisation where slug = ?").param(slug).query(Long.class).optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		jdbc.sql("insert into organisation (name, slug, created_at) values (?, ?, ?)")
			.params(name, slug, Timestamp.from(Instant.now()))
			.update();
		return jdbc.sql("select id from organisation where slug = ?").param(slug).query(Long.class).single();
	}

	/** The name of an organisation, if it exists. */
	@Transactional(readOnly = true)
	public Optional<String> name(long organisationId) {
		return jdbc.sql("select name from organisation where id = ?").param(organisationId).query(String.class).optional();
	}

	/** Adds a person to an organisation with a role, unless they already belong. */
	@Transactional
	public void addMember(long organisationId, long accountId, Role role) {
		boolean member = jdbc.sql("select count(*) from membership where user_id = ? and organisation_id = ?")
			.params(accountId, organisationId)
			.query(Integer.class)
			.single() > 0;
		if (!member) {
			jdbc.sql("insert into membership (user_id, organisation_id, role, joined_at) values (?, ?, ?, ?)")
				.params(accountId, organisationId, role.name(), Timestamp.from(Instant.now()))
				.update();
		}
	}

	/** The organisations a person belongs to. */
	@Transactional(readOnly = true)
	public List<Membership> membershipsOf(long accountId) {
		return jdbc.sql("select o.id, o.name, m.role from membership m join organisation o on o.id = m.organisation_id "
				+ "where m.user_id = ? order by o.name")
			.param(accountId)
			.query((rs, n) -> new Membership(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

}
