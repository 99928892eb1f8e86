package org.opendoor.lms.certificate.internal;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.opendoor.lms.certificate.CertificateContent;
import org.springframework.stereotype.Component;

/**
 * Issues an Open Badges 3.0 {@code OpenBadgeCredential} for a certificate as a VC-JWT signed with RS256;
 * the issuer's public key is published as a JWK Set at {@code /issuer/jwks.json}.
 */
@Component
public class BadgeIssuer {

	private final IssuerKeys keys;

	public BadgeIssuer(IssuerKeys keys) {
		this.keys = keys;
	}

	/** The issuer's public key. */
	public com.nimbusds.jose.jwk.RSAKey publicJwk() {
		return keys.publicJwk();
	}

	/** The issuer's id (its profile address). */
	public static String issuerId(String baseUrl) {
		return baseUrl + "/issuer";
	}

	/** The credential as JSON-LD (the {@code vc} claim of the JWT). */
	public Map<String, Object> credential(CertificateContent c, String courseId, String baseUrl, String issuerName) {
		Map<String, Object> issuer = new LinkedHashMap<>();
		issuer.put("id", issuerId(baseUrl));
		issuer.put("type", List.of("Profile"));
		issuer.put("name", issuerName);
		issuer.put("url", baseUrl);
		Map<String, Object> achievement = new LinkedHashMap<>();
		achievement.put("id", baseUrl + "/achievements/" + courseId + "/" + c.courseVersion());
		achievement.put("type", List.of("Achievement"));
		achievement.put("achievementType", "Course");
		achievement.put("name", c.courseTitle());
		achievement.put("description", "A mental health awareness course for community hub leaders and volunteers: "
				+ String.join("; ", c.modules()) + ". About " + c.hoursText() + " of learning. An awareness course: "
				+ "it does not qualify anyone to diagnose or treat.");
		achievement.put("criteria", Map.of("narrative",
				"Completed the course and passed its final assessment, with the pass mark and every safety-critical question right."));
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("type", List.of("AchievementSubject"));
		subject.put("identifier", List.of(Map.of("type", "IdentityObject", "identityHash", c.learnerName(),
				"identityType", "name", "hashed", false)));
		subject.put("achievement", achievement);
		Map<String, Object> vc = new LinkedHashMap<>();
		vc.put("@context", List.of("https://www.w3.org/ns/credentials/v2",
				"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
		vc.put("id", baseUrl + "/verify/" + c.code());
		vc.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
		vc.put("issuer", issuer);
		vc.put("validFrom", c.issuedOn().atStartOfDay(ZoneOffset.UTC).toInstant().toString());
		vc.put("validUntil", c.expiresOn().atStartOfDay(ZoneOffset.UTC).toInstant().toString());
		vc.put("name", c.courseTitle());
		vc.put("credentialSubject", subject);
		return vc;
	}

	/** Signs the credential as a compact VC-JWT. */
	public String issue(CertificateContent c, String courseId, String baseUrl, String issuerName) {
		Map<String, Object> vc = credential(c, courseId, baseUrl, issuerName);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuerId(baseUrl))
			.jwtID((String) vc.get("id"))
			.subject("urn:opendoor:certificate:" + c.code())
			.notBeforeTime(Date.from(c.issuedOn().atStartOfDay(ZoneOffset.UTC).toInstant()))
			.issueTime(Date.from(c.issuedOn().atStartOfDay(ZoneOffset.UTC).toInstant()))
			.expirationTime(Date.from(c.expiresOn().atStartOfDay(ZoneOffset.UTC).toInstant()))
			.claim("vc", vc)
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(keys.publicJwk().getKeyID())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(keys.privateKey()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the badge credential", ex);
		}
		return jwt.serialize();
	}

}
