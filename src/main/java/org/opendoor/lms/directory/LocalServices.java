package org.opendoor.lms.directory;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.organisation.Membership;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Each organisation's local signposting directory. Members of an organisation read its directory; its
 * organisation admins and site admins change it. Every entry is looked up within its organisation, so an
 * id from another organisation's directory is simply not found.
 */
@Service
public class LocalServices implements LocalSignposting {

	/** What someone may do with an organisation's directory. */
	public enum Access {
		/** Not a member: the directory is not found. */
		NONE,
		/** A member: may read it and print the card. */
		READ,
		/** An organisation admin of it, or a site admin: may also change it. */
		EDIT
	}

	private static final String COLUMNS = "s.id, s.organisation_id, o.name, s.name, s.offer, s.hours, s.reach, s.for_whom, "
			+ "s.tier, s.last_reviewed";

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final Accounts accounts;

	public LocalServices(JdbcClient jdbc, Organisations organisations, Accounts accounts) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.accounts = accounts;
	}

	/** What a person may do with an organisation's directory. */
	@Transactional(readOnly = true)
	public Access access(long actorId, long organisationId) {
		if (organisations.name(organisationId).isEmpty() || !accounts.isActive(actorId)) {
			return Access.NONE;
		}
		if (accounts.get(actorId).roles().contains(Role.ADMIN)) {
			return Access.EDIT;
		}
		return organisations.membershipsOf(actorId).stream()
			.filter(m -> m.organisationId() == organisationId)
			.findFirst()
			.map(m -> Role.ORG_ADMIN.name().equals(m.role()) ? Access.EDIT : Access.READ)
			.orElse(Access.NONE);
	}

	/** Fails with 404 unless the person may read the directory, with 403 if they need to change it but may not. */
	Access require(long actorId, long organisationId, Access needed) {
		Access access = access(actorId, organisationId);
		if (access == Access.NONE) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "error.directoryNotFound");
		}
		if (needed == Access.EDIT && access != Access.EDIT) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "error.directoryEditForbidden");
		}
		return access;
	}

	/** The organisation's name. */
	@Transactional(readOnly = true)
	public String organisationName(long actorId, long organisationId) {
		require(actorId, organisationId, Access.READ);
		return organisations.name(organisationId).orElseThrow();
	}

	/** An organisation's directory, most urgent first, then by name. */
	@Transactional(readOnly = true)
	public List<LocalService> list(long actorId, long organisationId) {
		require(actorId, organisationId, Access.READ);
		return of(organisationId);
	}

	private List<LocalService> of(long organisationId) {
		return jdbc.sql("select " + COLUMNS + " from local_service s join organisation o on o.id = s.organisation_id "
				+ "where s.organisation_id = ?")
			.param(organisationId)
			.query((rs, n) -> map(rs))
			.list()
			.stream()
			.sorted(ORDER)
			.toList();
	}

	private static final Comparator<LocalService> ORDER = Comparator.comparing(LocalService::tier)
		.thenComparing(LocalService::name, String.CASE_INSENSITIVE_ORDER);

	/** One entry of an organisation's directory; an entry of another organisation is not found. */
	@Transactional(readOnly = true)
	public LocalService get(long actorId, long organisationId, long serviceId) {
		require(actorId, organisationId, Access.READ);
		return find(organisationId, serviceId);
	}

	private LocalService find(long organisationId, long serviceId) {
		return jdbc.sql("select " + COLUMNS + " from local_service s join organisation o on o.id = s.organisation_id "
				+ "where s.id = ? and s.organisation_id = ?")
			.params(serviceId, organisationId)
			.query((rs, n) -> map(rs))
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "error.localServiceNotFound"));
	}

	/** Adds an entry; returns its id. */
	@Transactional
	public long create(long actorId, long organisationId, LocalServiceForm form) {
		require(actorId, organisationId, Access.EDIT);
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into local_service (organisation_id, name, offer, hours, reach, for_whom, tier, last_reviewed, "
				+ "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(organisationId, form.name().strip(), form.offer().strip(), form.hours().strip(), form.reach().strip(),
					form.forWhom().strip(), form.tierValue().name(), Date.valueOf(form.reviewedOn()), Timestamp.from(Instant.now()))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/** Changes an entry of the organisation's directory. */
	@Transactional
	public void update(long actorId, long organisationId, long serviceId, LocalServiceForm form) {
		require(actorId, organisationId, Access.EDIT);
		find(organisationId, serviceId);
		jdbc.sql("update local_service set name = ?, offer = ?, hours = ?, reach = ?, for_whom = ?, tier = ?, "
				+ "last_reviewed = ?, updated_at = ? where id = ? and organisation_id = ?")
			.params(form.name().strip(), form.offer().strip(), form.hours().strip(), form.reach().strip(),
					form.forWhom().strip(), form.tierValue().name(), Date.valueOf(form.reviewedOn()), Timestamp.from(Instant.now()),
					serviceId, organisationId)
			.update();
	}

	/** Removes an entry of the organisation's directory. */
	@Transactional
	public void delete(long actorId, long organisationId, long serviceId) {
		require(actorId, organisationId, Access.EDIT);
		find(organisationId, serviceId);
		jdbc.sql("delete from local_service where id = ? and organisation_id = ?").params(serviceId, organisationId).update();
	}

	/** The nation whose national contacts go on the organisation's card, if chosen. */
	@Transactional(readOnly = true)
	public Optional<Nation> cardNation(long actorId, long organisationId) {
		require(actorId, organisationId, Access.READ);
		return jdbc.sql("select nation from local_directory where organisation_id = ?")
			.param(organisationId)
			.query(String.class)
			.optional()
			.map(Nation::valueOf);
	}

	/** Chooses the nation whose national contacts go on the organisation's card. */
	@Transactional
	public void chooseCardNation(long actorId, long organisationId, Nation nation) {
		require(actorId, organisationId, Access.EDIT);
		if (jdbc.sql("update local_directory set nation = ? where organisation_id = ?")
			.params(nation.name(), organisationId)
			.update() == 0) {
			jdbc.sql("insert into local_directory (organisation_id, nation) values (?, ?)")
				.params(organisationId, nation.name())
				.update();
		}
	}

	/** The organisations whose directories a person can open, with their access. */
	@Transactional(readOnly = true)
	public List<Membership> directoriesOf(long actorId) {
		return organisations.membershipsOf(actorId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<LocalService> forMember(long accountId) {
		return organisations.membershipsOf(accountId).stream()
			.flatMap(m -> of(m.organisationId()).stream())
			.sorted(ORDER)
			.toList();
	}

	private static LocalService map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new LocalService(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), Tier.valueOf(rs.getString(9)),
				rs.getDate(10).toLocalDate());
	}

}
