package org.opendoor.lms.organisation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.opendoor.lms.account.InputRules;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.organisation.internal.VolunteerCsv;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email invitations to join an organisation, one at a time or from a CSV file. An invitation's link
 * works once, for the person signed in with the invited email address, for {@value #DAYS_VALID} days.
 * Nobody is added to an organisation without accepting: its admins will see their training records.
 */
@Service
public class Invitations {

	/** How long an invitation link works. */
	public static final int DAYS_VALID = 14;

	/** The largest CSV file accepted. */
	public static final int MAX_BYTES = 512 * 1024;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+$");

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public Invitations(JdbcClient jdbc, Organisations organisations, ApplicationEventPublisher events,
			Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.events = events;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** Published when invitations are waiting to be emailed. */
	public record InvitationsCreated(long organisationId, int count) {
	}

	/**
	 * A line of an import that cannot be used.
	 *
	 * @param line its line number in the file (0: the file as a whole)
	 * @param messageKey what is wrong
	 * @param args the message's arguments
	 */
	public record ImportError(long line, String messageKey, List<String> args) {
	}

	/**
	 * What an import did: either everything (no errors) or nothing (errors listed).
	 *
	 * @param invited how many invitations were created
	 * @param alreadyMembers how many rows named people already in the organisation (left as they are)
	 * @param errors every problem found, by line; when there are any, nothing was stored
	 */
	public record ImportResult(int invited, int alreadyMembers, List<ImportError> errors) {

		public boolean ok() {
			return errors.isEmpty();
		}

	}

	/** Invites one person by email; an earlier unused invitation to the same address is replaced. */
	@Transactional
	public void invite(long organisationId, String email, String name, Long groupId, long invitedBy) {
		String clean = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
		if (!validEmail(clean)) {
			throw new InvalidOrganisationInputException("org.invite.email.invalid");
		}
		if (!InputRules.isPlain(name)) {
			throw new InvalidOrganisationInputException("input.text.characters");
		}
		String cleanName = name == null ? "" : InputRules.normalise(name);
		if (cleanName.length() > 120) {
			throw new InvalidOrganisationInputException("org.invite.name.tooLong");
		}
		if (groupId != null) {
			organisations.requireGroup(organisationId, groupId);
		}
		if (isMember(organisationId, clean)) {
			throw new InvalidOrganisationInputException("org.invite.alreadyMember");
		}
		store(organisationId, clean, cleanName, groupId, invitedBy);
		events.publishEvent(new InvitationsCreated(organisationId, 1));
	}

	/**
	 * Imports volunteers from a CSV file (columns email, name, group). All or nothing: every row is
	 * checked first, and if any row is wrong nothing is stored and every bad line is reported. Rows for
	 * people already in the organisation are left alone and counted.
	 */
	@Transactional
	public ImportResult importCsv(long organisationId, byte[] file, long invitedBy) {
		if (file == null || file.length == 0) {
			return new ImportResult(0, 0, List.of(new ImportError(0, "org.import.empty", List.of())));
		}
		if (file.length > MAX_BYTES) {
			return new ImportResult(0, 0, List.of(new ImportError(0, "org.import.tooBig", List.of("512"))));
		}
		Map<String, Long> groups = new HashMap<>();
		organisations.groups(organisationId).forEach(g -> groups.put(g.name().toLowerCase(Locale.ROOT), g.id()));
		Checked checked = check(VolunteerCsv.read(file), memberEmails(organisationId), groups);
		if (!checked.errors().isEmpty()) {
			return new ImportResult(0, 0, checked.errors());
		}
		List<Valid> valid = checked.valid();
		int members = checked.members();
		for (Valid v : valid) {
			store(organisationId, v.email(), v.name(), v.groupId(), invitedBy);
		}
		if (!valid.isEmpty()) {
			events.publishEvent(new InvitationsCreated(organisationId, valid.size()));
		}
		return new ImportResult(valid.size(), members, List.of());
	}

	record Valid(String email, String name, Long groupId) {
	}

	/** A volunteers file checked row by row: every error, or the people to invite and how many are members. */
	record Checked(List<ImportError> errors, List<Valid> valid, int members) {
	}

	/** Checks every row of a read file against the organisation's members and groups (lower-case names). */
	static Checked check(VolunteerCsv.Parsed parsed, java.util.Set<String> memberEmails, Map<String, Long> groups) {
		List<ImportError> errors = new ArrayList<>();
		parsed.problems().forEach(p -> errors.add(new ImportError(p.line(), p.messageKey(), p.args())));
		Map<String, Long> firstLine = new HashMap<>();
		List<Valid> valid = new ArrayList<>();
		int members = 0;
		for (VolunteerCsv.Row row : parsed.rows()) {
			String email = row.email().toLowerCase(Locale.ROOT);
			int before = errors.size();
			if (email.isEmpty()) {
				errors.add(new ImportError(row.line(), "org.import.email.missing", List.of()));
			}
			else if (!validEmail(email)) {
				errors.add(new ImportError(row.line(), "org.import.email.invalid", List.of(row.email())));
			}
			else if (firstLine.containsKey(email)) {
				errors.add(new ImportError(row.line(), "org.import.email.repeated",
						List.of(row.email(), String.valueOf(firstLine.get(email)))));
			}
			if (row.name().length() > 120) {
				errors.add(new ImportError(row.line(), "org.import.name.tooLong", List.of("120")));
			}
			if (!InputRules.isPlain(row.name()) || !InputRules.isPlain(row.group())) {
				errors.add(new ImportError(row.line(), "org.import.name.characters", List.of()));
			}
			Long groupId = null;
			if (!row.group().isEmpty()) {
				groupId = groups.get(row.group().toLowerCase(Locale.ROOT));
				if (groupId == null) {
					errors.add(new ImportError(row.line(), "org.import.group.unknown", List.of(row.group())));
				}
			}
			firstLine.putIfAbsent(email, row.line());
			if (errors.size() == before) {
				if (memberEmails.contains(email)) {
					members++;
				}
				else {
					valid.add(new Valid(email, InputRules.normalise(row.name()), groupId));
				}
			}
		}
		return errors.isEmpty() ? new Checked(List.of(), valid, members) : new Checked(List.copyOf(errors), List.of(), 0);
	}

	private boolean isMember(long organisationId, String email) {
		return memberEmails(organisationId).contains(email.toLowerCase(Locale.ROOT));
	}

	private java.util.Set<String> memberEmails(long organisationId) {
		java.util.Set<String> emails = new java.util.HashSet<>();
		organisations.members(organisationId, null).forEach(m -> emails.add(m.email().toLowerCase(Locale.ROOT)));
		return emails;
	}

	private void store(long organisationId, String email, String name, Long groupId, long invitedBy) {
		Instant now = clock.instant();
		jdbc.sql("delete from org_invitation where organisation_id = ? and email = ? and accepted_at is null")
			.params(organisationId, email)
			.update();
		jdbc.sql("insert into org_invitation (organisation_id, email, display_name, group_id, invited_by, created_at, "
				+ "expires_at, email_status) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')")
			.params(organisationId, email, name.isEmpty() ? null : name, groupId, invitedBy, Timestamp.from(now),
					Timestamp.from(now.plus(Duration.ofDays(DAYS_VALID))))
			.update();
	}

	static boolean validEmail(String email) {
		return email.length() <= 254 && EMAIL.matcher(email).matches();
	}

	/** The organisation's invitations that have not been used, newest first. */
	@Transactional(readOnly = true)
	public List<Invitation> open(long organisationId) {
		return jdbc.sql("select i.id, i.email, i.display_name, g.name, i.email_status, i.expires_at, i.accepted_at "
				+ "from org_invitation i left join org_group g on g.id = i.group_id "
				+ "where i.organisation_id = ? and i.accepted_at is null order by i.created_at desc, i.id desc")
			.param(organisationId)
			.query((rs, n) -> new Invitation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getTimestamp(6).toInstant(),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.list();
	}

	/**
	 * An invitation link as its holder sees it.
	 *
	 * @param invitationId the invitation
	 * @param organisation the organisation it is for
	 * @param email who it was sent to
	 * @param usable whether it can still be accepted (not used, not expired)
	 */
	public record Link(long invitationId, Organisation organisation, String email, boolean usable) {
	}

	/** The invitation behind a link's token, if there is one. */
	@Transactional(readOnly = true)
	public Optional<Link> byToken(String token) {
		if (token == null || token.length() < 20 || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return jdbc.sql("select id, organisation_id, email, expires_at, accepted_at from org_invitation where token_sha256 = ?")
			.param(sha256(token))
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
					rs.getTimestamp(5) })
			.optional()
			.flatMap(r -> organisations.find((Long) r[1])
				.map(o -> new Link((Long) r[0], o, (String) r[2], r[4] == null && ((Instant) r[3]).isAfter(now))));
	}

	/** Why an invitation could not be accepted. */
	public enum Refusal {
		/** No such link, or it was used or has expired. */
		NOT_USABLE,
		/** The person signed in is not the person invited. */
		OTHER_EMAIL
	}

	/**
	 * Accepts an invitation for the signed-in person: they join the organisation (in the invited group)
	 * as a learner. Returns the organisation, or why not. A link works once.
	 */
	@Transactional
	public Organisation accept(String token, Account account) {
		Link link = byToken(token).filter(Link::usable).orElseThrow(() -> new InvitationRefusedException(Refusal.NOT_USABLE));
		if (!link.email().equalsIgnoreCase(account.email())) {
			throw new InvitationRefusedException(Refusal.OTHER_EMAIL);
		}
		int claimed = jdbc.sql("update org_invitation set accepted_at = ?, accepted_by = ? where id = ? and accepted_at is null")
			.params(Timestamp.from(clock.instant()), account.id(), link.invitationId())
			.update();
		if (claimed == 0) {
			throw new InvitationRefusedException(Refusal.NOT_USABLE);
		}
		Long groupId = jdbc.sql("select group_id from org_invitation where id = ?").param(link.invitationId())
			.query((rs, n) -> rs.getObject(1) == null ? null : rs.getLong(1))
			.list()
			.get(0);
		organisations.addMember(link.organisation().id(), account.id(), Role.LEARNER, groupId);
		return link.organisation();
	}

	/** An invitation link could not be used. */
	public static class InvitationRefusedException extends RuntimeException {

		private final Refusal refusal;

		InvitationRefusedException(Refusal refusal) {
			super(refusal.name());
			this.refusal = refusal;
		}

		public Refusal refusal() {
			return refusal;
		}

	}

	// --- sending, used by InvitationMailer ---

	/**
	 * An invitation claimed for sending, with the token of its link (which exists only here and in the email).
	 *
	 * @param id the invitation
	 * @param organisationName who it is from
	 * @param email where it goes
	 * @param displayName the invitee's name, or {@code null}
	 * @param token the link's token
	 * @param expiresAt when the link stops working
	 */
	record Claimed(long id, String organisationName, String email, String displayName, String token, Instant expiresAt) {
	}

	List<Long> pendingEmails() {
		return jdbc.sql("select id from org_invitation where email_status = 'PENDING' and accepted_at is null order by id")
			.query(Long.class)
			.list();
	}

	/** Claims an invitation for sending (PENDING to SENDING) and makes its link's token; empty if someone else did. */
	@Transactional
	Optional<Claimed> claim(long id, String token) {
		int claimed = jdbc.sql("update org_invitation set email_status = 'SENDING', token_sha256 = ? where id = ? and email_status = 'PENDING'")
			.params(sha256(token), id)
			.update();
		if (claimed == 0) {
			return Optional.empty();
		}
		return jdbc.sql("select i.id, o.name, i.email, i.display_name, i.expires_at from org_invitation i "
				+ "join organisation o on o.id = i.organisation_id where i.id = ?")
			.param(id)
			.query((rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), token,
					rs.getTimestamp(5).toInstant()))
			.optional();
	}

	@Transactional
	void markSent(long id) {
		jdbc.sql("update org_invitation set email_status = 'SENT' where id = ?").param(id).update();
	}

	@Transactional
	void release(long id) {
		jdbc.sql("update org_invitation set email_status = 'PENDING', token_sha256 = null where id = ? and email_status = 'SENDING'")
			.param(id)
			.update();
	}

	static String sha256(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
