package org.opendoor.lms.organisation;

import org.opendoor.lms.account.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may run an organisation's pages: its own admins (by their role in that organisation, not a role
 * elsewhere) and site admins. Everyone else gets "not found", the same as for an organisation that does
 * not exist, so ids in URLs cannot be probed.
 */
@Component
public class OrganisationAccess {

	private final Organisations organisations;

	public OrganisationAccess(Organisations organisations) {
		this.organisations = organisations;
	}

	/** The organisation, if the signed-in person may run it; otherwise {@link OrganisationNotFoundException}. */
	public Organisation requireAdmin(Authentication authentication, long organisationId) {
		if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
			throw new OrganisationNotFoundException();
		}
		Organisation organisation = organisations.find(organisationId).orElseThrow(OrganisationNotFoundException::new);
		if (isSiteAdmin(authentication) || organisations.isAdmin(organisationId, user.accountId())) {
			return organisation;
		}
		throw new OrganisationNotFoundException();
	}

	/** Whether the signed-in person is a site admin. */
	public static boolean isSiteAdmin(Authentication authentication) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
