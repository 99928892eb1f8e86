package org.opendoor.lms.lrs.internal;

import org.opendoor.lms.lrs.XapiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** What every resource of the LRS answers a refused request with: the status and a message for the client. */
abstract class XapiResource {

	@ExceptionHandler(XapiException.class)
	ResponseEntity<String> refused(XapiException ex) {
		if (ex instanceof LrsLimits.XapiTooLarge tooLarge) {
			return ResponseEntity.status(413)
				.header(HttpHeaders.CONNECTION, "close")
				.contentType(MediaType.APPLICATION_JSON)
				.body(XapiRequestFilter.errorJson(tooLarge));
		}
		return ResponseEntity.status(ex.status()).contentType(MediaType.TEXT_PLAIN).body(ex.getMessage());
	}

}
