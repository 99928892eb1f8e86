package org.opendoor.lms.lrs.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;

/**
 * Activities that give a statement its context.
 *
 * @param parent the immediate parent (the module of a lesson, the quiz of a question)
 * @param grouping the wider grouping (the course)
 * @param category profile categories (for example cmi5)
 * @param other anything else
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "parent", "grouping", "category", "other" })
public record ContextActivities(List<@Valid Activity> parent, List<@Valid Activity> grouping,
		List<@Valid Activity> category, List<@Valid Activity> other) {
}
