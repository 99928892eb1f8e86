package org.opendoor.lms.account.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Role;

/** A stored account. */
@Entity
@Table(name = "app_user")
public class UserEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "password_hash")
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private Nation nation;

	private String language;

	private String roles;

	@Column(name = "learner_ref")
	private UUID learnerRef;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "erased_at")
	private Instant erasedAt;

	protected UserEntity() {
	}

	public UserEntity(String email, String displayName, String passwordHash, Nation nation, String language,
			Set<Role> roles, UUID learnerRef, Instant createdAt) {
		this.email = email;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.nation = nation;
		this.language = language;
		this.roles = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
		this.learnerRef = learnerRef;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return id;
	}

	public String getEmail() {
		return email;
	}

	/** The password hash, or {@code null} for an account that signs in only through an identity provider. */
	public String getPasswordHash() {
		return passwordHash;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	/** When the account was erased, or {@code null}. */
	public Instant getErasedAt() {
		return erasedAt;
	}

	/**
	 * Removes every personal detail and the means to sign in; the row stays, with a new opaque learner
	 * reference, so anonymous counts still add up.
	 */
	public void erase(Instant now) {
		this.email = "erased-" + id + "@erased.invalid";
		this.displayName = "Erased";
		this.passwordHash = null;
		this.roles = "";
		this.learnerRef = UUID.randomUUID();
		this.erasedAt = now;
	}

	/** Replaces the password hash (the new password has been checked and hashed already). */
	public void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	public void updateProfile(String displayName, Nation nation, String language) {
		this.displayName = displayName;
		this.nation = nation;
		this.language = language;
	}

	public Account toAccount() {
		return account(id, email, displayName, nation, language, roles, learnerRef);
	}

	/** An account from the columns of its row. */
	public static Account account(long id, String email, String displayName, Nation nation, String language,
			String roles, UUID learnerRef) {
		Set<Role> set = EnumSet.noneOf(Role.class);
		Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).map(Role::valueOf).forEach(set::add);
		return new Account(id, email, displayName, nation, language, set, learnerRef);
	}

}
