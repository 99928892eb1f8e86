package org.opendoor.lms.system;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Errors under {@code /api/} as {@code application/problem+json} (RFC 9457) with a message in the reader's
 * language; every other page keeps the HTML error page.
 */
@RestControllerAdvice
class ApiProblems {

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<ProblemDetail> problem(ResponseStatusException ex, HttpServletRequest request, Locale locale) {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			// Not the API: rethrown as it is, the usual error handling (the HTML error page) takes over.
			throw ex;
		}
		String reason = ex.getReason();
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		String detail = reason == null ? (status == null ? "Error" : status.getReasonPhrase())
				: messages.getMessage(reason, null, reason, locale);
		return ResponseEntity.status(ex.getStatusCode())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(ex.getStatusCode(), detail));
	}

}
