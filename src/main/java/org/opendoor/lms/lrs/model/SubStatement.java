package org.opendoor.lms.lrs.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * A statement inside a statement (for example a plan to do something).
 *
 * @param actor who
 * @param verb did what
 * @param object to what
 * @param result how it went
 * @param context in what context
 * @param timestamp when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "objectType", "actor", "verb", "object", "result", "context", "timestamp" })
public record SubStatement(@NotNull @Valid Actor actor, @NotNull @Valid Verb verb, @NotNull @Valid StatementTarget object,
		@Valid Result result, @Valid Context context, Instant timestamp) implements StatementTarget {

	@JsonProperty("objectType")
	public String objectType() {
		return "SubStatement";
	}

}
