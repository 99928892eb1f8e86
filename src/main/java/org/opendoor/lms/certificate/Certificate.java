package org.opendoor.lms.certificate;

import java.time.LocalDate;

/**
 * An issued certificate as its owner, an admin or the verify page sees it.
 *
 * @param id internal id
 * @param code the verification code
 * @param learnerId the owner's account id (never shown on public pages)
 * @param content exactly what it prints
 * @param status {@code VALID} or {@code REVOKED}; expiry is worked out from the date
 * @param revokedReason why it was revoked, or {@code null}
 * @param pdfSha256 SHA-256 of the issued PDF, or {@code null} until first rendered
 */
public record Certificate(long id, String code, long learnerId, CertificateContent content, String status,
		String revokedReason, String pdfSha256) {

	/** {@code valid}, {@code expired} or {@code revoked} on the given day. */
	public String state(LocalDate today) {
		if ("REVOKED".equals(status)) {
			return "revoked";
		}
		return today.isAfter(content.expiresOn()) ? "expired" : "valid";
	}

}
