package org.opendoor.lms.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a volunteer fills in to register.
 *
 * @param displayName their name as it should appear on a certificate
 * @param email their email address, used to sign in
 * @param password checked by {@link PasswordRules} (NIST SP 800-63B: length and a blocklist, not composition)
 * @param nation the nation whose support contacts they should see
 * @param language interface language
 */
public record Registration(@NotBlank(message = "{register.name.required}") @Size(max = 120) @Pattern(regexp = InputRules.PLAIN_TEXT, message = "{input.text.characters}") String displayName,
		@NotBlank(message = "{register.email.required}") @Email(message = "{register.email.invalid}") @Size(max = 254) String email,
		String password,
		@NotNull(message = "{register.nation.required}") Nation nation,
		@NotNull @Pattern(regexp = "en|cy") String language) {
}
