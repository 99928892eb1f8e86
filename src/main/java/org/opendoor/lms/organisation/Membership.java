package org.opendoor.lms.organisation;

/**
 * A person's place in an organisation.
 *
 * @param organisationId the organisation
 * @param organisationName its name
 * @param role {@code LEARNER} or {@code ORG_ADMIN}
 */
public record Membership(long organisationId, String organisationName, String role) {
}
