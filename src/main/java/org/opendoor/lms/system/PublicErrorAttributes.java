package org.opendoor.lms.system;

import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.WebRequest;

/**
 * What an error page or error JSON may tell the visitor: a message the app chose (a refusal it meant, a
 * message key), never the text of an unexpected exception, which can carry SQL, table names or internals
 * that help an attacker. Stack traces are never shown (and the logs keep the detail).
 */
@Component
class PublicErrorAttributes extends DefaultErrorAttributes {

	/** A message key as the app passes to {@code sendError} (for example {@code error.tooManyRequests}). */
	private static final Pattern MESSAGE_KEY = Pattern.compile("[a-z][a-zA-Z0-9]*(\\.[a-zA-Z0-9]+)+");

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		Throwable error = getError(request);
		int status = attributes.get("status") instanceof Integer s ? s : 500;
		Object message = attributes.get("message");
		if (message != null && !shown(error, status, message.toString())) {
			attributes.put("message", "");
		}
		attributes.remove("trace");
		attributes.remove("exception");
		return attributes;
	}

	private static boolean shown(Throwable error, int status, String message) {
		if (error == null) {
			return status < 500 || MESSAGE_KEY.matcher(message).matches();
		}
		if (error instanceof ErrorResponse || AnnotatedElementUtils.hasAnnotation(error.getClass(), ResponseStatus.class)) {
			return true;
		}
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessException || t instanceof SQLException) {
				return false;
			}
		}
		return status < 500;
	}

}
