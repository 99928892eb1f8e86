package org.opendoor.lms.lti;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * A verified launch: the platform's signed id_token, checked.
 *
 * @param platform the platform that sent it
 * @param deploymentId its deployment
 * @param messageType {@code LtiResourceLinkRequest} or {@code LtiDeepLinkingRequest}
 * @param claims every claim of the id_token
 */
record Launch(Platform platform, String deploymentId, String messageType, JWTClaimsSet claims) {

	String subject() {
		return claims.getSubject();
	}

	List<String> roles() {
		Object roles = claims.getClaim(Claims.ROLES);
		return roles instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
	}

	Map<String, Object> object(String claim) {
		try {
			Map<String, Object> value = claims.getJSONObjectClaim(claim);
			return value == null ? Map.of() : value;
		}
		catch (java.text.ParseException ex) {
			return Map.of();
		}
	}

	String string(String claim, String key) {
		Object value = object(claim).get(key);
		return value == null ? null : String.valueOf(value);
	}

	String stringClaim(String name) {
		Object value = claims.getClaim(name);
		return value == null ? null : String.valueOf(value);
	}

}
