package org.opendoor.lms.course;

import java.util.List;
import java.util.Optional;

/**
 * A course's authored notes for a facilitator running it as a group session, from the optional
 * {@code facilitator.yaml} in the course folder (or its Welsh sibling {@code facilitator.cy.yaml}). Plain
 * text, not Markdown.
 *
 * @param opening how to open the session (shown with the title slide), or {@code null}
 * @param groundRules ground rules for the whole session
 * @param closing how to close the session (shown with the "where to get help" slide), or {@code null}
 * @param modules notes per module, in the file's order
 */
public record FacilitatorGuide(String opening, List<String> groundRules, String closing, List<ModuleNotes> modules) {

	/** No authored notes. */
	public static final FacilitatorGuide NONE = new FacilitatorGuide(null, List.of(), null, List.of());

	/** The notes for a module, if the file has any. */
	public Optional<ModuleNotes> module(String moduleId) {
		return modules.stream().filter(m -> m.moduleId().equals(moduleId)).findFirst();
	}

	/**
	 * A facilitator's notes for one module.
	 *
	 * @param moduleId the module's id in the course
	 * @param minutes how long to allow in a group, or {@code null} to use the lessons' minutes
	 * @param opening how to open the module, or {@code null}
	 * @param groundRules ground rules to restate for this module
	 * @param safety safety reminders (for example before suicide is discussed)
	 * @param prompts discussion prompts
	 */
	public record ModuleNotes(String moduleId, Integer minutes, String opening, List<String> groundRules,
			List<String> safety, List<String> prompts) {
	}

}
