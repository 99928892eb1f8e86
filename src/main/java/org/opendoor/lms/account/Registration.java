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
 * @param password at least 10 characters, at most 128 (NIST SP 800-63B: length, not composition)
 * @param nation the nation whose support contacts they should see
 * @param language interface language
 */
public record Registration(@NotBlank(message = "{register.name.required}") @Size(max = 120) String displayName,
		@NotBlank(message = "{register.email.required}") @Email(message = "{register.email.invalid}") @Size(max = 254) String email,
		@NotNull @Size(min = 10, max = 128, message = "{register.password.length}") String password,
		@NotNull(message = "{register.nation.required}") Nation nation,
		@NotNull @Pattern(regexp = "en|cy") String language) {
}
