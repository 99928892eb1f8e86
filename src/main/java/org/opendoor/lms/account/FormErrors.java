package org.opendoor.lms.account;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/** Turns a form's validation errors into one message per field, in the reader's language. */
public final class FormErrors {

	private FormErrors() {
	}

	public static Map<String, String> of(BindingResult result, MessageSource messages) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : result.getFieldErrors()) {
			errors.putIfAbsent(error.getField(), messages.getMessage(error, LocaleContextHolder.getLocale()));
		}
		return errors;
	}

}
