package org.opendoor.lms.lrs.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.Valid;

/**
 * What an activity is.
 *
 * @param name its name by language
 * @param description its description by language
 * @param type its type IRI
 * @param moreInfo where to read more
 * @param interactionType for questions: {@code choice} or {@code true-false}
 * @param correctResponsesPattern for questions: the right responses
 * @param choices for choice questions: the options
 * @param extensions extensions by IRI
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern",
		"choices", "extensions" })
public record ActivityDefinition(Map<String, String> name, Map<String, String> description, String type,
		String moreInfo, String interactionType, List<String> correctResponsesPattern,
		List<@Valid InteractionComponent> choices, Map<String, Object> extensions) {

	public ActivityDefinition {
		name = name == null ? null : new TreeMap<>(name);
		description = description == null ? null : new TreeMap<>(description);
		extensions = extensions == null ? null : new TreeMap<>(extensions);
	}

	/** A definition with a name and type only. */
	public static ActivityDefinition of(String type, String language, String name) {
		return new ActivityDefinition(Map.of(language, name), null, type, null, null, null, null, null);
	}

	/**
	 * An option of a choice question.
	 *
	 * @param id the option's key
	 * @param description its text by language
	 */
	@JsonPropertyOrder({ "id", "description" })
	public record InteractionComponent(String id, Map<String, String> description) {

		public InteractionComponent {
			description = description == null ? null : new TreeMap<>(description);
		}
	}

}
