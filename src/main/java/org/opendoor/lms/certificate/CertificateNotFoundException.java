package org.opendoor.lms.certificate;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such certificate, or not one the asker may see. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CertificateNotFoundException extends RuntimeException {

	public CertificateNotFoundException() {
		super("error.certificateNotFound");
	}

}
