package org.opendoor.lms.account;

import java.util.Set;
import java.util.UUID;

/**
 * A person who can sign in, as other modules see them.
 *
 * @param id internal id
 * @param email sign-in name; personal data, never logged or sent to an LRS
 * @param displayName the name they gave (printed on certificates)
 * @param nation their nation
 * @param language their interface language, {@code en} or {@code cy}
 * @param roles their roles
 * @param learnerRef stable opaque id for learning records
 */
public record Account(long id, String email, String displayName, Nation nation, String language, Set<Role> roles,
		UUID learnerRef) {
}
