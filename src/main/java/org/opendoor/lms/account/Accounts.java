package org.opendoor.lms.account;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.account.internal.UserEntity;
import org.opendoor.lms.account.internal.Users;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	public Accounts(Users users, PasswordEncoder passwords, JdbcClient jdbc) {
		this.users = users;
		this.passwords = passwords;
		this.jdbc = jdbc;
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
		if (users.findByEmail(email).isPresent()) {
			throw new EmailAlreadyRegisteredException();
		}
		UserEntity user = new UserEntity(email, form.displayName().strip(), passwords.encode(form.password()),
				form.nation(), form.language(), roles, UUID.randomUUID(), Instant.now());
		return users.save(user).toAccount();
	}

	/** The account with the given id. */
	@Transactional(readOnly = true)
	public Account get(long id) {
		return users.findById(id).map(UserEntity::toAccount).orElseThrow();
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
		user.updateProfile(update.displayName().strip(), update.nation(), update.language());
		return user.toAccount();
	}

	@Override
	@Transactional(readOnly = true)
	public SignedInUser loadUserByUsername(String username) {
		UserEntity user = users.findByEmail(normalise(username))
			.orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
		return new SignedInUser(user.getId(), user.getEmail(), user.getPasswordHash(), user.toAccount().roles());
	}

	private static String normalise(String email) {
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}

}
