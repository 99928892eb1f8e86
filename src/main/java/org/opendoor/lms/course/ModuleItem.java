package org.opendoor.lms.course;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something a learner works through inside a module: a lesson page, a knowledge check or a
 * branching scenario.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Lesson.class, name = "lesson"),
		@JsonSubTypes.Type(value = KnowledgeCheck.class, name = "check"),
		@JsonSubTypes.Type(value = Scenario.class, name = "scenario") })
public sealed interface ModuleItem permits Lesson, KnowledgeCheck, Scenario {

	/** Id unique within the course. */
	String id();

	/** Title shown to the learner. */
	String title();

	/** Path of the source file, relative to the course folder. */
	String source();

}
