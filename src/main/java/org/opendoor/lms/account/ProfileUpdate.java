package org.opendoor.lms.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changes a learner makes in their profile.
 *
 * @param displayName name for certificates
 * @param nation nation for support contacts
 * @param language interface language
 */
public record ProfileUpdate(@NotBlank(message = "{register.name.required}") @Size(max = 120) @Pattern(regexp = InputRules.PLAIN_TEXT, message = "{input.text.characters}") String displayName,
		@NotNull(message = "{register.nation.required}") Nation nation,
		@NotNull @Pattern(regexp = "en|cy") String language) {
}
