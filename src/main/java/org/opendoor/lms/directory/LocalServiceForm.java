package org.opendoor.lms.directory;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What an organisation admin fills in for a local service.
 *
 * @param name the service's name
 * @param offer what it offers
 * @param hours when it is open
 * @param reach how to reach it (phone, address, website)
 * @param forWhom who it is for
 * @param tier a chat, a signpost or urgent help
 * @param lastReviewed when the details were last checked (not in the future)
 */
public record LocalServiceForm(
		@NotBlank(message = "{directory.name.required}") @Size(max = 200, message = "{directory.tooLong}") String name,
		@NotBlank(message = "{directory.offer.required}") @Size(max = 1000, message = "{directory.tooLong}") String offer,
		@NotBlank(message = "{directory.hours.required}") @Size(max = 300, message = "{directory.tooLong}") String hours,
		@NotBlank(message = "{directory.reach.required}") @Size(max = 300, message = "{directory.tooLong}") String reach,
		@NotBlank(message = "{directory.forWhom.required}") @Size(max = 300, message = "{directory.tooLong}") String forWhom,
		@NotNull(message = "{directory.tier.required}") Tier tier,
		@NotNull(message = "{directory.lastReviewed.required}") @PastOrPresent(message = "{directory.lastReviewed.future}")
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate lastReviewed) {

	/** An empty form. */
	static LocalServiceForm blank() {
		return new LocalServiceForm("", "", "", "", "", null, null);
	}

	/** The form filled with a stored entry. */
	static LocalServiceForm of(LocalService s) {
		return new LocalServiceForm(s.name(), s.offer(), s.hours(), s.reach(), s.forWhom(), s.tier(), s.lastReviewed());
	}

}
