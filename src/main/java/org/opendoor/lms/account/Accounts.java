package org.opendoor.lms.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import java.sql.Timestamp;
import java.util.List;

import org.opendoor.lms.account.internal.UserEntity;
import org.opendoor.lms.account.internal.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers people, finds their accounts and keeps their profile; also what Spring Security asks
 * when someone signs in.
 */
@Service
public class Accounts implements UserDetailsService {

	private final Users users;

	private final PasswordEncoder passwords;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final SignedInSessions sessions;

	Accounts(Users users, PasswordEncoder passwords, JdbcClient jdbc, ApplicationEventPublisher events,
			SignedInSessions sessions) {
		this.sessions = sessions;
		this.users = users;
		this.passwords = passwords;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Registers a learner. */
	@Transactional
	public Account register(Registration form) {
		return create(form, EnumSet.of(Role.LEARNER));
	}

	/** Creates an account with the given roles (used by the demo data and administrators). */
	@Transactional
	public Account create(Registration form, Set<Role> roles) {
		String email = normalise(form.email());
		// hashed first, so an address that is taken is not answered faster than a new one
		String hash = passwords.encode(form.password());
		if (users.findByEmail(email).isPresent()) {
			throw new EmailAlreadyRegisteredException();
		}
		UserEntity user = new UserEntity(email, InputRules.normalise(form.displayName()), hash,
				form.nation(), form.language(), roles, UUID.randomUUID(), Instant.now());
		return users.save(user).toAccount();
	}

	/** The account with the given id. */
	@Transactional(readOnly = true)
	public Account get(long id) {
		return users.findById(id).map(UserEntity::toAccount).orElseThrow();
	}

	/**
	 * The account with the given id as its row holds it: one plain query, for pages a learner reads over and
	 * over (JPA's bookkeeping cost more than the query). It does not see changes to the account made earlier
	 * in the same transaction and not yet written; use {@link #get} there.
	 */
	public Account read(long id) {
		return jdbc.sql("select id, email, display_name, nation, language, roles, learner_ref from app_user where id = ?")
			.param(id)
			.query((row, n) -> UserEntity.account(row.getLong(1), row.getString(2), row.getString(3),
					row.getString(4) == null ? null : Nation.valueOf(row.getString(4)), row.getString(5), row.getString(6),
					row.getObject(7, UUID.class)))
			.optional()
			.orElseThrow();
	}

	/** The accounts with the given ids (missing ids are left out). */
	@Transactional(readOnly = true)
	public java.util.List<Account> getAll(java.util.Collection<Long> ids) {
		return users.findAllById(ids).stream().map(UserEntity::toAccount).toList();
	}

	/** Whether a person still accepts reminder emails (they stop after using an unsubscribe link). */
	@Transactional(readOnly = true)
	public boolean acceptsReminders(long id) {
		return jdbc.sql("select count(*) from reminder_opt_out where user_id = ?").param(id).query(Integer.class).single() == 0;
	}

	/** Stops reminder emails to a person; doing it again changes nothing. */
	@Transactional
	public void stopReminders(long id) {
		if (acceptsReminders(id)) {
			jdbc.sql("insert into reminder_opt_out (user_id, opted_out_at) values (?, ?)")
				.params(id, java.sql.Timestamp.from(Instant.now()))
				.update();
		}
	}

	/** The account registered with an email address, if any. */
	@Transactional(readOnly = true)
	public Optional<Account> findByEmail(String email) {
		return users.findByEmail(normalise(email)).map(UserEntity::toAccount);
	}

	/** Whether any account's email ends with the given domain (used to spot demo accounts). */
	@Transactional(readOnly = true)
	public boolean anyEmailEndsWith(String domain) {
		return users.existsByEmailEndingWith(normalise(domain));
	}

	/** Saves a learner's profile changes. */
	@Transactional
	public Account updateProfile(long id, ProfileUpdate update) {
		UserEntity user = users.findById(id).orElseThrow();
		user.updateProfile(InputRules.normalise(update.displayName()), update.nation(), update.language());
		return user.toAccount();
	}

	/** Sets a learner's language ({@code en} or {@code cy}), as the language switch on every page does. */
	@Transactional
	public void setLanguage(long id, String language) {
		if (!"en".equals(language) && !"cy".equals(language)) {
			throw new IllegalArgumentException("Unknown language " + language);
		}
		UserEntity user = users.findById(id).orElseThrow();
		Account account = user.toAccount();
		user.updateProfile(account.displayName(), account.nation(), language);
	}

	@Override
	@Transactional(readOnly = true)
	public SignedInUser loadUserByUsername(String username) {
		UserEntity user = users.findByEmail(normalise(username))
			.filter(u -> u.getPasswordHash() != null && u.getErasedAt() == null)
			.orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
		return new SignedInUser(user.getId(), user.getEmail(), user.getPasswordHash(), user.toAccount().roles());
	}

	/**
	 * The account linked to an identity at an identity provider, matched by issuer and subject only. At the
	 * first sign-in a learner account is made with the provider's email address and name; if that address
	 * already belongs to an account nothing is linked ({@link IdentityConflictException}): an email address
	 * alone never proves who someone is.
	 *
	 * @return the account, and whether it was made just now
	 */
	@Transactional
	public SignIn signInWithIdentity(String issuer, String subject, String email, String displayName, Nation nation) {
		Optional<Long> linked = jdbc.sql("select account_id from account_identity where issuer = ? and subject = ?")
			.params(issuer, subject)
			.query(Long.class)
			.optional();
		if (linked.isPresent()) {
			UserEntity user = users.findById(linked.get()).filter(u -> u.getErasedAt() == null).orElseThrow(
					() -> new IdentityConflictException());
			return new SignIn(user.toAccount(), false);
		}
		String address = normalise(email);
		if (address.isEmpty() || users.findByEmail(address).isPresent()) {
			throw new IdentityConflictException();
		}
		String name = displayName == null || displayName.isBlank() ? address.substring(0, address.indexOf('@') < 0
				? address.length() : address.indexOf('@')) : InputRules.normalise(InputRules.withoutRefused(displayName));
		if (name.length() > 120) {
			name = name.substring(0, 120);
		}
		UserEntity user = users.save(new UserEntity(address, name, null, nation, "en", EnumSet.of(Role.LEARNER),
				UUID.randomUUID(), Instant.now()));
		jdbc.sql("insert into account_identity (account_id, issuer, subject, linked_at) values (?, ?, ?, ?)")
			.params(user.getId(), issuer, subject, Timestamp.from(Instant.now()))
			.update();
		return new SignIn(user.toAccount(), true);
	}

	/**
	 * The result of signing in through an identity provider.
	 *
	 * @param account the linked account
	 * @param created whether it was made at this sign-in
	 */
	public record SignIn(Account account, boolean created) {
	}

	/** Whether an account with this id exists (erased or not). */
	@Transactional(readOnly = true)
	public boolean exists(long id) {
		return users.existsById(id);
	}

	/** Whether the account exists and has not been erased. */
	@Transactional(readOnly = true)
	public boolean isActive(long id) {
		return users.findById(id).map(u -> u.getErasedAt() == null).orElse(false);
	}

	/** Whether the account has a password (accounts made through an identity provider have none). */
	@Transactional(readOnly = true)
	public boolean hasPassword(long id) {
		return users.findById(id).map(u -> u.getPasswordHash() != null).orElse(false);
	}

	/** Whether a password is the account's password. */
	@Transactional(readOnly = true)
	public boolean passwordMatches(long id, String password) {
		return password != null && users.findById(id)
			.map(UserEntity::getPasswordHash)
			.map(hash -> passwords.matches(password, hash))
			.orElse(false);
	}

	/**
	 * Gives an account a new password, already checked against {@link PasswordRules}, hashed as at registration.
	 * Every password reset link of the account that has not been used stops working.
	 */
	@Transactional
	void setPassword(long id, String password) {
		UserEntity user = users.findById(id).filter(u -> u.getErasedAt() == null).orElseThrow();
		user.changePasswordHash(passwords.encode(password));
		jdbc.sql("delete from password_reset where account_id = ? and used_at is null").param(id).update();
	}

	/** What this module holds about a person, for their own download. */
	@Transactional(readOnly = true)
	public AccountRecord record(long id) {
		UserEntity user = users.findById(id).orElseThrow();
		List<ExternalIdentity> identities = jdbc
			.sql("select issuer, subject, linked_at from account_identity where account_id = ? order by id")
			.param(id)
			.query((rs, n) -> new ExternalIdentity(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
		return new AccountRecord(user.toAccount(), user.getCreatedAt(), user.getPasswordHash() != null, identities);
	}

	/**
	 * Erases an account: its email, name, password, roles and linked identities go; the row stays with a new
	 * opaque learner reference so anonymous counts still add up. Publishes {@link AccountEvents.AccountErased}
	 * in the same transaction, so every module erases its part or nothing is erased. Every session signed in
	 * as the account ends at once, on every instance (they live in the database): a page asked for from any
	 * of them is answered as to someone signed out.
	 */
	@Transactional
	public void erase(long id) {
		UserEntity user = users.findById(id).filter(u -> u.getErasedAt() == null).orElseThrow();
		UUID learnerRef = user.toAccount().learnerRef();
		sessions.endAllBut(user.getEmail(), null);
		jdbc.sql("delete from account_identity where account_id = ?").param(id).update();
		jdbc.sql("delete from password_reset where account_id = ?").param(id).update();
		user.erase(Instant.now());
		users.flush();
		events.publishEvent(new AccountEvents.AccountErased(id, learnerRef));
	}

	private static String normalise(String email) {
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}

}
