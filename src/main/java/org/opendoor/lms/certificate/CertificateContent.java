package org.opendoor.lms.certificate;

import java.time.LocalDate;
import java.util.List;

/**
 * Exactly what a certificate prints; the verify page shows the same fields.
 *
 * @param code the verification code
 * @param learnerName the learner's name as printed
 * @param courseTitle course title
 * @param courseVersion course version
 * @param modules titles of the modules completed
 * @param minutes estimated learning time in minutes
 * @param issuedOn issue date
 * @param expiresOn expiry date
 * @param organisation the issuing organisation
 * @param verifyUrl the verify page's address
 * @param language {@code en} or {@code cy}
 */
public record CertificateContent(String code, String learnerName, String courseTitle, String courseVersion,
		List<String> modules, int minutes, LocalDate issuedOn, LocalDate expiresOn, String organisation,
		String verifyUrl, String language) {

	/** "2 hours", "90 minutes", "1 hour" (in Welsh "2 awr", "90 munud"): the learning time as printed. */
	public String hoursText() {
		boolean welsh = "cy".equals(language);
		if (minutes < 90) {
			return minutes + (welsh ? " munud" : " minutes");
		}
		long hours = Math.round(minutes / 60.0);
		return hours + (welsh ? " awr" : hours == 1 ? " hour" : " hours");
	}

}
