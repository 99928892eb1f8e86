package org.opendoor.lms.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a signed-in session. It carries the account id only, so pages look current details
 * up instead of trusting a stale copy.
 */
public final class SignedInUser implements UserDetails {

	private final long accountId;

	private final String username;

	private final String passwordHash;

	private final List<GrantedAuthority> authorities;

	public SignedInUser(long accountId, String username, String passwordHash, Collection<Role> roles) {
		this.accountId = accountId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.authorities = roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
	}

	/** The signed-in account's id. */
	public long accountId() {
		return accountId;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return authorities;
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public String toString() {
		return "SignedInUser[" + accountId + "]";
	}

}
