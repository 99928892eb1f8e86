package org.opendoor.lms.course;

import java.util.List;

/**
 * A module of a course: lessons, knowledge checks and scenarios in the order a learner meets them.
 *
 * @param id module id, unique in the course
 * @param title module title
 * @param items the module's items in order
 */
public record CourseModule(String id, String title, List<ModuleItem> items) {
}
