package org.opendoor.lms.account;

import java.time.Instant;

/**
 * A sign-in identity at an organisation's identity provider, linked to one account.
 *
 * @param issuer the provider's issuer identifier
 * @param subject the provider's stable id for the person
 * @param linkedAt when it was linked
 */
public record ExternalIdentity(String issuer, String subject, Instant linkedAt) {
}
