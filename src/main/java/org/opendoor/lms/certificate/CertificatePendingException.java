package org.opendoor.lms.certificate;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The certificate is issued but its PDF could not be stored yet (for example the database's disk is
 * full). The learner is told it is being prepared; {@link Certificates#renderPending()} draws it again.
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class CertificatePendingException extends RuntimeException {

	public CertificatePendingException(Throwable cause) {
		super("certificates.preparing", cause);
	}

}
