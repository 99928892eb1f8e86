/**
 * Courses: the file format under {@code courses/}, its lint, Markdown rendering and the catalogue of
 * loaded course versions. Uses start-up (the first reading of the files runs while the app starts).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "startup" })
package org.opendoor.lms.course;
