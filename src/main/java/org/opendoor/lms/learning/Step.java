package org.opendoor.lms.learning;

import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.ModuleItem;
import org.opendoor.lms.course.Question;

/**
 * One page of an attempt.
 *
 * @param key the page's key in URLs, for example {@code lesson-welcome}
 * @param kind what kind of page it is
 * @param module the module it belongs to, or {@code null} for assessment pages
 * @param item the lesson, check or scenario it shows, if any
 * @param question the question it asks, if any
 * @param number the question's number in the assessment (1-based), or 0
 */
public record Step(String key, StepKind kind, CourseModule module, ModuleItem item, Question question, int number) {
}
