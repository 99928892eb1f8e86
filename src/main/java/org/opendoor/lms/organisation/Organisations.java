package org.opendoor.lms.organisation;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates organisations and records who belongs to them, in which group and as what. A person may
 * belong to several organisations, with a role in each.
 */
@Service
public class Organisations {

	private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789".toCharArray();

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final SecureRandom random = new SecureRandom();

	/** How long whether someone runs an organisation is remembered for the menu, on each instance. */
	static final java.time.Duration MENU_MEMORY = java.time.Duration.ofSeconds(30);

	/** Account id to whether they run an organisation and until when (System.nanoTime) that is believed. */
	private final java.util.concurrent.ConcurrentHashMap<Long, long[]> runsOne = new java.util.concurrent.ConcurrentHashMap<>();

	public Organisations(JdbcClient jdbc, Accounts accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
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

	/** Creates an organisation from a name, making a unique slug; refuses a blank or taken name. */
	@Transactional
	public long create(String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 200) {
			throw new InvalidOrganisationInputException("org.name.required");
		}
		if (jdbc.sql("select count(*) from organisation where lower(name) = ?").param(clean.toLowerCase(Locale.ROOT))
			.query(Integer.class).single() > 0) {
			throw new InvalidOrganisationInputException("org.name.taken");
		}
		String base = clean.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		base = base.isEmpty() ? "organisation" : base.substring(0, Math.min(60, base.length()));
		String slug = base;
		for (int n = 2; jdbc.sql("select count(*) from organisation where slug = ?").param(slug).query(Integer.class).single() > 0; n++) {
			slug = base + "-" + n;
		}
		return createIfAbsent(clean, slug);
	}

	/** An organisation by id. */
	@Transactional(readOnly = true)
	public Optional<Organisation> find(long id) {
		return jdbc.sql("select id, name, slug from organisation where id = ?").param(id)
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	/** Every organisation, by name (for site admins). */
	@Transactional(readOnly = true)
	public List<Organisation> all() {
		return jdbc.sql("select id, name, slug from organisation order by name")
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** The organisations a person administers, by name. */
	@Transactional(readOnly = true)
	public List<Organisation> administeredBy(long accountId) {
		return jdbc.sql("select o.id, o.name, o.slug from organisation o join membership m on m.organisation_id = o.id "
				+ "where m.user_id = ? and m.role = 'ORG_ADMIN' order by o.name")
			.param(accountId)
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/**
	 * Whether a person runs at least one organisation: for the menu on every page, so it is remembered for
	 * {@link #MENU_MEMORY} on this instance rather than looked up for every page (a change made on this
	 * instance is seen at once; one made on another within that time). Access itself is always checked
	 * against the database ({@link #isAdmin}).
	 */
	public boolean runsAny(long accountId) {
		long now = System.nanoTime();
		long[] known = runsOne.get(accountId);
		if (known != null && now - known[1] < 0) {
			return known[0] == 1;
		}
		boolean runs = jdbc.sql("select count(*) from membership where user_id = ? and role = 'ORG_ADMIN'")
			.param(accountId)
			.query(Integer.class)
			.single() > 0;
		if (runsOne.size() >= 4096) {
			runsOne.clear();
		}
		runsOne.put(accountId, new long[] { runs ? 1 : 0, now + MENU_MEMORY.toNanos() });
		return runs;
	}

	/** Whether a person administers an organisation. */
	@Transactional(readOnly = true)
	public boolean isAdmin(long organisationId, long accountId) {
		return jdbc.sql("select count(*) from membership where organisation_id = ? and user_id = ? and role = 'ORG_ADMIN'")
			.params(organisationId, accountId)
			.query(Integer.class)
			.single() > 0;
	}

	/** Adds a person to an organisation with a role, unless they already belong. */
	@Transactional
	public void addMember(long organisationId, long accountId, Role role) {
		addMember(organisationId, accountId, role, null);
	}

	/**
	 * Adds a person to an organisation with a role and group, unless they already belong; returns whether
	 * they were added. A person who already belongs keeps their role, and is moved to the group if one is given.
	 */
	@Transactional
	public boolean addMember(long organisationId, long accountId, Role role, Long groupId) {
		if (groupId != null) {
			requireGroup(organisationId, groupId);
		}
		boolean member = jdbc.sql("select count(*) from membership where user_id = ? and organisation_id = ?")
			.params(accountId, organisationId)
			.query(Integer.class)
			.single() > 0;
		if (member) {
			if (groupId != null) {
				setGroup(organisationId, accountId, groupId);
			}
			return false;
		}
		jdbc.sql("insert into membership (user_id, organisation_id, role, joined_at, group_id) values (?, ?, ?, ?, ?)")
			.params(accountId, organisationId, role.name(), Timestamp.from(Instant.now()), groupId)
			.update();
		runsOne.remove(accountId);
		return true;
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

	private record Row(long userId, String role, Long groupId, String groupName, Instant joinedAt) {
	}

	/** The members of an organisation (optionally one group's), by name. */
	@Transactional(readOnly = true)
	public List<Member> members(long organisationId, Long groupId) {
		List<Row> rows = jdbc.sql("select m.user_id, m.role, m.group_id, g.name, m.joined_at from membership m "
				+ "left join org_group g on g.id = m.group_id where m.organisation_id = ?"
				+ (groupId == null ? "" : " and m.group_id = ?"))
			.params(groupId == null ? new Object[] { organisationId } : new Object[] { organisationId, groupId })
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getLong(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
		Map<Long, Account> people = accounts.getAll(rows.stream().map(Row::userId).toList())
			.stream()
			.collect(Collectors.toMap(Account::id, Function.identity()));
		return rows.stream()
			.filter(r -> people.containsKey(r.userId()))
			.map(r -> {
				Account a = people.get(r.userId());
				return new Member(a.id(), a.displayName(), a.email(), r.role(), r.groupId(), r.groupName(), r.joinedAt());
			})
			.sorted(java.util.Comparator.comparing((Member m) -> m.displayName().toLowerCase(Locale.ROOT))
				.thenComparing(Member::accountId))
			.toList();
	}

	/** One member of an organisation; anyone else is not found. */
	@Transactional(readOnly = true)
	public Member member(long organisationId, long accountId) {
		return members(organisationId, null).stream()
			.filter(m -> m.accountId() == accountId)
			.findFirst()
			.orElseThrow(OrganisationNotFoundException::new);
	}

	/** The groups of an organisation, by name, with how many members each has. */
	@Transactional(readOnly = true)
	public List<Group> groups(long organisationId) {
		return jdbc.sql("select g.id, g.name, (select count(*) from membership m where m.group_id = g.id) from org_group g "
				+ "where g.organisation_id = ? order by lower(g.name)")
			.param(organisationId)
			.query((rs, n) -> new Group(rs.getLong(1), rs.getString(2), rs.getInt(3)))
			.list();
	}

	/** The organisation's group with a name (ignoring case), if any. */
	@Transactional(readOnly = true)
	public Optional<Group> groupNamed(long organisationId, String name) {
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		return groups(organisationId).stream().filter(g -> g.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
	}

	/** A group of this organisation; a group of any other organisation is not found. */
	@Transactional(readOnly = true)
	public Group requireGroup(long organisationId, long groupId) {
		return groups(organisationId).stream()
			.filter(g -> g.id() == groupId)
			.findFirst()
			.orElseThrow(OrganisationNotFoundException::new);
	}

	/** Creates a group; refuses a blank, over-long or duplicate name. */
	@Transactional
	public long createGroup(long organisationId, String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 100) {
			throw new InvalidOrganisationInputException("org.group.name.required");
		}
		if (groupNamed(organisationId, clean).isPresent()) {
			throw new InvalidOrganisationInputException("org.group.name.taken");
		}
		jdbc.sql("insert into org_group (organisation_id, name, created_at) values (?, ?, ?)")
			.params(organisationId, clean, Timestamp.from(Instant.now()))
			.update();
		return groupNamed(organisationId, clean).orElseThrow().id();
	}

	/** Moves a member to a group of the same organisation, or out of any group ({@code null}). */
	@Transactional
	public void setGroup(long organisationId, long accountId, Long groupId) {
		member(organisationId, accountId);
		if (groupId != null) {
			requireGroup(organisationId, groupId);
		}
		jdbc.sql("update membership set group_id = ? where organisation_id = ? and user_id = ?")
			.params(groupId, organisationId, accountId)
			.update();
	}

	/** Makes a member an admin of the organisation or a learner; the last admin cannot step down. */
	@Transactional
	public void setRole(long organisationId, long accountId, Role role) {
		if (role != Role.LEARNER && role != Role.ORG_ADMIN) {
			throw new InvalidOrganisationInputException("org.role.invalid");
		}
		Member m = member(organisationId, accountId);
		if (m.admin() && role == Role.LEARNER && adminCount(organisationId) <= 1) {
			throw new InvalidOrganisationInputException("org.lastAdmin");
		}
		jdbc.sql("update membership set role = ? where organisation_id = ? and user_id = ?")
			.params(role.name(), organisationId, accountId)
			.update();
		runsOne.remove(accountId);
	}

	/** Removes a member from the organisation (their account and learning records stay theirs). */
	@Transactional
	public void removeMember(long organisationId, long accountId) {
		Member m = member(organisationId, accountId);
		if (m.admin() && adminCount(organisationId) <= 1) {
			throw new InvalidOrganisationInputException("org.lastAdmin");
		}
		jdbc.sql("delete from membership where organisation_id = ? and user_id = ?").params(organisationId, accountId).update();
		runsOne.remove(accountId);
	}

	private int adminCount(long organisationId) {
		return jdbc.sql("select count(*) from membership where organisation_id = ? and role = 'ORG_ADMIN'")
			.param(organisationId)
			.query(Integer.class)
			.single();
	}

	/** The organisation's join code, made the first time it is asked for. */
	@Transactional
	public String joinCode(long organisationId) {
		Optional<String> code = jdbc.sql("select join_code from organisation where id = ?").param(organisationId)
			.query(String.class).optional();
		return code.isPresent() && code.get() != null ? code.get() : rotateJoinCode(organisationId);
	}

	/** Replaces the join code: the old one stops working at once. */
	@Transactional
	public String rotateJoinCode(long organisationId) {
		String code = newCode();
		jdbc.sql("update organisation set join_code = ? where id = ?").params(code, organisationId).update();
		return code;
	}

	/** The organisation a join code belongs to, if the code is current. */
	@Transactional(readOnly = true)
	public Optional<Organisation> byJoinCode(String code) {
		String clean = normaliseCode(code);
		if (clean.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("select id, name, slug from organisation where join_code = ?").param(clean)
			.query((rs, n) -> new Organisation(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	/** A typed code as stored: upper case, letters and digits in two groups of four. */
	static String normaliseCode(String code) {
		String raw = code == null ? "" : code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
		return raw.length() == 8 ? raw.substring(0, 4) + "-" + raw.substring(4) : "";
	}

	private String newCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == 4) {
				code.append('-');
			}
			code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
		}
		return code.toString();
	}

}
