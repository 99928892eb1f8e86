package org.opendoor.lms.lrs.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;

/**
 * A group of agents; identified when it has an account, anonymous otherwise.
 *
 * @param name a display name
 * @param account the group's identifier, if it has one
 * @param member its members
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "objectType", "name", "account", "member" })
public record Group(String name, @Valid Account account, List<@Valid Agent> member) implements Actor {

	@JsonProperty("objectType")
	public String objectType() {
		return "Group";
	}

}
