/**
 * Courses: the file format under {@code courses/}, its lint, Markdown rendering and the catalogue of
 * loaded course versions. Uses no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.opendoor.lms.course;
