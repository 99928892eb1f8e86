package org.opendoor.lms.directory;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an organisation admin fills in for a local service.
 *
 * @param name the service's name
 * @param offer what it offers
 * @param hours when it is open
 * @param reach how to reach it (phone, address, website)
 * @param forWhom who it is for
 * @param tier {@code URGENT}, {@code SIGNPOST} or {@code CHAT}
 * @param lastReviewed when the details were last checked, as yyyy-mm-dd (not in the future)
 */
public record LocalServiceForm(
		@NotBlank(message = "{directory.name.required}") @Size(max = 200, message = "{directory.tooLong}") String name,
		@NotBlank(message = "{directory.offer.required}") @Size(max = 1000, message = "{directory.tooLong}") String offer,
		@NotBlank(message = "{directory.hours.required}") @Size(max = 300, message = "{directory.tooLong}") String hours,
		@NotBlank(message = "{directory.reach.required}") @Size(max = 300, message = "{directory.tooLong}") String reach,
		@NotBlank(message = "{directory.forWhom.required}") @Size(max = 300, message = "{directory.tooLong}") String forWhom,
		@NotNull(message = "{directory.tier.required}") @Pattern(regexp = "URGENT|SIGNPOST|CHAT",
				message = "{directory.tier.required}") String tier,
		@NotBlank(message = "{directory.lastReviewed.required}") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}",
				message = "{directory.lastReviewed.required}") String lastReviewed) {

	/** A form for code and tests. */
	public LocalServiceForm(String name, String offer, String hours, String reach, String forWhom, Tier tier,
			LocalDate lastReviewed) {
		this(name, offer, hours, reach, forWhom, tier.name(), lastReviewed.toString());
	}

	/** An empty form. */
	static LocalServiceForm blank() {
		return new LocalServiceForm("", "", "", "", "", (String) null, null);
	}

	/** The form filled with a stored entry. */
	static LocalServiceForm of(LocalService s) {
		return new LocalServiceForm(s.name(), s.offer(), s.hours(), s.reach(), s.forWhom(), s.tier(), s.lastReviewed());
	}

	/** The chosen tier (only once the form is valid). */
	Tier tierValue() {
		return Tier.valueOf(tier);
	}

	/** The date last checked, or {@code null} if it is not a real date. */
	LocalDate reviewedOn() {
		try {
			return LocalDate.parse(lastReviewed);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
