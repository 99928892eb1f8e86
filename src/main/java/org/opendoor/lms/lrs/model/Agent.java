package org.opendoor.lms.lrs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;

/**
 * An individual, identified by exactly one inverse functional identifier.
 *
 * @param name a display name (never set for learners: they are identified by an opaque account only)
 * @param mbox a {@code mailto:} address
 * @param mboxSha1sum the SHA-1 of a {@code mailto:} address
 * @param openid an OpenID
 * @param account an account on a system
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account" })
public record Agent(String name, @Pattern(regexp = "mailto:.+@.+") String mbox,
		@JsonProperty("mbox_sha1sum") @Pattern(regexp = "[0-9a-f]{40}") String mboxSha1sum, String openid,
		@Valid Account account) implements Actor {

	/** An agent known by an account. */
	public static Agent ofAccount(String homePage, String name) {
		return new Agent(null, null, null, null, new Account(homePage, name));
	}

	@JsonProperty("objectType")
	public String objectType() {
		return "Agent";
	}

	@AssertTrue(message = "an agent has exactly one identifier")
	@com.fasterxml.jackson.annotation.JsonIgnore
	public boolean isIdentifiedOnce() {
		int n = (mbox != null ? 1 : 0) + (mboxSha1sum != null ? 1 : 0) + (openid != null ? 1 : 0) + (account != null ? 1 : 0);
		return n == 1;
	}

}
