package org.opendoor.lms.lrs.model;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import jakarta.validation.constraints.NotBlank;

/**
 * What was done.
 *
 * @param id the verb's IRI, from the ADL or cmi5 vocabularies
 * @param display its name by language
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "id", "display" })
public record Verb(@NotBlank String id, Map<String, String> display) {

	public Verb {
		display = display == null ? null : new TreeMap<>(display);
	}

	public static final Verb LAUNCHED = adl("launched");

	public static final Verb INITIALIZED = adl("initialized");

	public static final Verb EXPERIENCED = adl("experienced");

	public static final Verb ANSWERED = adl("answered");

	public static final Verb PROGRESSED = adl("progressed");

	public static final Verb COMPLETED = adl("completed");

	public static final Verb PASSED = adl("passed");

	public static final Verb FAILED = adl("failed");

	public static final Verb SUSPENDED = adl("suspended");

	public static final Verb RESUMED = adl("resumed");

	public static final Verb TERMINATED = adl("terminated");

	public static final Verb ATTENDED = adl("attended");

	public static final Verb VOIDED = adl("voided");

	private static Verb adl(String name) {
		return new Verb("http://adlnet.gov/expapi/verbs/" + name, Map.of("en-US", name));
	}

}
