package org.opendoor.lms.course;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something a learner works through inside a module: a lesson page, a knowledge check, a
 * branching scenario or a private plan.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Lesson.class, name = "lesson"),
		@JsonSubTypes.Type(value = KnowledgeCheck.class, name = "check"),
		@JsonSubTypes.Type(value = Scenario.class, name = "scenario"),
		@JsonSubTypes.Type(value = WellbeingPlan.class, name = "plan") })
public sealed interface ModuleItem permits Lesson, KnowledgeCheck, Scenario, WellbeingPlan {

	/** Id unique within the course. */
	String id();

	/** Title shown to the learner. */
	String title();

	/** Path of the source file, relative to the course folder. */
	String source();

}
