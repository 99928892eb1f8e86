package org.opendoor.lms.account;

import java.time.Instant;
import java.util.List;

/**
 * Everything the account module holds about a person, for their own download.
 *
 * @param account the account
 * @param createdAt when it was created
 * @param hasPassword whether it has a password (accounts made through an identity provider have none)
 * @param identities identities at organisations' identity providers linked to it
 */
public record AccountRecord(Account account, Instant createdAt, boolean hasPassword, List<ExternalIdentity> identities) {
}
