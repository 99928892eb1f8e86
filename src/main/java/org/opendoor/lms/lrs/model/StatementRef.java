package org.opendoor.lms.lrs.model;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.constraints.NotNull;

/**
 * A pointer to another statement.
 *
 * @param id the statement's id
 */
@JsonPropertyOrder({ "objectType", "id" })
public record StatementRef(@NotNull UUID id) implements StatementTarget {

	@JsonProperty("objectType")
	public String objectType() {
		return "StatementRef";
	}

}
