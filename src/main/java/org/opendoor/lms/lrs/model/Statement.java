package org.opendoor.lms.lrs.model;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * An xAPI statement as this engine writes it. The LRS fills in {@code stored}, {@code authority} and
 * {@code version} when it stores one.
 *
 * @param id its id
 * @param actor who
 * @param verb did what
 * @param object to what
 * @param result how it went
 * @param context in what context
 * @param timestamp when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "actor", "verb", "object", "result", "context", "timestamp" })
public record Statement(@NotNull UUID id, @NotNull @Valid Actor actor, @NotNull @Valid Verb verb,
		@NotNull @Valid StatementTarget object, @Valid Result result, @Valid Context context,
		@NotNull Instant timestamp) {
}
