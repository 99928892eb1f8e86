package org.opendoor.lms.lrs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/**
 * Something learned with: a course, module, lesson, question or scenario.
 *
 * @param id its IRI
 * @param definition what it is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "objectType", "id", "definition" })
public record Activity(@NotBlank String id, @Valid ActivityDefinition definition) implements StatementTarget {

	@JsonProperty("objectType")
	public String objectType() {
		return "Activity";
	}

	/** The same activity with only its id, as used in context activities. */
	public Activity idOnly() {
		return new Activity(id, null);
	}

}
