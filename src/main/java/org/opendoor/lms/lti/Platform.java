package org.opendoor.lms.lti;

import java.util.List;

/**
 * A learning platform registered to launch Open Door (one tool registration at one LMS).
 *
 * @param id its id here
 * @param name what admins call it
 * @param issuer the platform's issuer ({@code iss} of its id_tokens)
 * @param clientId the client id the platform gave Open Door
 * @param authorizationEndpoint its OIDC authorisation endpoint
 * @param tokenEndpoint its OAuth 2 token endpoint (for grades and rosters)
 * @param jwksUri where its public keys are
 * @param organisationId the Open Door organisation its learners join
 * @param deployments the deployment ids it may launch with
 */
public record Platform(long id, String name, String issuer, String clientId, String authorizationEndpoint,
		String tokenEndpoint, String jwksUri, long organisationId, List<String> deployments) {
}
