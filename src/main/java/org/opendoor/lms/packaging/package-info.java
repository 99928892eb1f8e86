/**
 * Packaging: any loaded course as a SCORM 1.2, SCORM 2004 4th Edition or cmi5 package that runs inside
 * another LMS without calling this server. Uses courses.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "course" })
package org.opendoor.lms.packaging;
