package org.opendoor.lms.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.IdentityConflictException;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in through an organisation's identity provider (OpenID Connect): the provider's identity is linked
 * to a local account by issuer and subject (never by email alone), a first sign-in makes a learner account,
 * and the session then holds the same principal as a form sign-in, so every page treats both alike.
 */
@Component
class OidcSignIn {

	static final String CONFLICT = "account_conflict";

	private final Accounts accounts;

	private final OidcProperties properties;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	OidcSignIn(Accounts accounts, OidcProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	/** The provider's user, with the local account it is linked to. */
	static final class LinkedOidcUser extends DefaultOidcUser {

		private final long accountId;

		private final boolean created;

		LinkedOidcUser(OidcUser user, long accountId, boolean created) {
			super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
			this.accountId = accountId;
			this.created = created;
		}

	}

	OAuth2UserService<OidcUserRequest, OidcUser> userService() {
		OidcUserService delegate = new OidcUserService();
		return request -> {
			OidcUser user = delegate.loadUser(request);
			String issuer = user.getIssuer() != null ? user.getIssuer().toString()
					: request.getClientRegistration().getProviderDetails().getIssuerUri();
			String name = user.getFullName() != null ? user.getFullName() : user.getGivenName();
			try {
				Accounts.SignIn signIn = accounts.signInWithIdentity(issuer, user.getSubject(), user.getEmail(), name,
						properties.defaultNation());
				return new LinkedOidcUser(user, signIn.account().id(), signIn.created());
			}
			catch (IdentityConflictException ex) {
				throw new OAuth2AuthenticationException(new OAuth2Error(CONFLICT), ex.getMessage(), ex);
			}
		};
	}

	/** Replaces the provider's principal with the local account's, and sends a new account to its profile. */
	AuthenticationSuccessHandler successHandler() {
		return (HttpServletRequest request, HttpServletResponse response,
				org.springframework.security.core.Authentication authentication) -> {
			LinkedOidcUser linked = (LinkedOidcUser) authentication.getPrincipal();
			Account account = accounts.get(linked.accountId);
			SignedInUser principal = new SignedInUser(account.id(), account.email(), "", account.roles());
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			response.sendRedirect(request.getContextPath() + (linked.created ? "/profile?welcome" : "/courses"));
		};
	}

	AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> {
			boolean conflict = exception instanceof OAuth2AuthenticationException oauth
					&& CONFLICT.equals(oauth.getError().getErrorCode());
			response.sendRedirect(request.getContextPath() + (conflict ? "/login?oidcConflict" : "/login?oidcError"));
		};
	}

}
