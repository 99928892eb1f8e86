package org.opendoor.lms.course;

import java.util.List;

/**
 * A set of coaching questions inside a module; they do not count towards the pass mark.
 *
 * @param id check id, unique in the course
 * @param title title shown to the learner
 * @param questions the questions in order
 * @param source path of the bank file relative to the course folder
 * @param contentNote whether the check opens with a content note (it discusses suicide or self-harm)
 */
public record KnowledgeCheck(String id, String title, List<Question> questions, String source,
		boolean contentNote) implements ModuleItem {
}
