package org.opendoor.lms.lrs.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;

/**
 * The context of a statement.
 *
 * @param registration the attempt it belongs to
 * @param instructor who led it (a facilitator)
 * @param team the team it was done in
 * @param contextActivities parent, grouping, category and other activities
 * @param revision the content's revision (the course version)
 * @param platform the platform it happened on
 * @param language the language it happened in (RFC 5646)
 * @param statement a related statement
 * @param extensions extensions by IRI
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
		"statement", "extensions" })
public record Context(UUID registration, @Valid Actor instructor, @Valid Group team,
		@Valid ContextActivities contextActivities, String revision, String platform, String language,
		@Valid StatementRef statement, Map<String, Object> extensions) {

	public Context {
		extensions = extensions == null ? null : new TreeMap<>(extensions);
	}

}
