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

	public static final Verb LAUNCHED = adl("launched", "wedi lansio");

	public static final Verb INITIALIZED = adl("initialized", "wedi cychwyn");

	public static final Verb EXPERIENCED = adl("experienced", "wedi profi");

	public static final Verb ANSWERED = adl("answered", "wedi ateb");

	public static final Verb PROGRESSED = adl("progressed", "wedi symud ymlaen");

	public static final Verb COMPLETED = adl("completed", "wedi cwblhau");

	public static final Verb PASSED = adl("passed", "wedi llwyddo");

	public static final Verb FAILED = adl("failed", "wedi methu");

	public static final Verb SUSPENDED = adl("suspended", "wedi oedi");

	public static final Verb RESUMED = adl("resumed", "wedi ailddechrau");

	public static final Verb TERMINATED = adl("terminated", "wedi gorffen");

	public static final Verb ATTENDED = adl("attended", "wedi mynychu");

	public static final Verb VOIDED = adl("voided", "wedi diddymu");

	/**
	 * An ADL verb displayed in British English and Welsh, the languages learners take courses in, and in
	 * US English as the ADL vocabulary and older consumers know it.
	 */
	private static Verb adl(String name, String welsh) {
		return new Verb("http://adlnet.gov/expapi/verbs/" + name, Map.of("en-US", name, "en-GB", british(name), "cy-GB",
				welsh));
	}

	/** The British spelling of an ADL verb's name ({@code initialized} is the only one that differs). */
	private static String british(String name) {
		return name.replace("initialized", "initialised");
	}

}
