package org.opendoor.lms.course;

/**
 * A course version learners can start.
 *
 * @param versionId the stored version's id; attempts keep it
 * @param course the course content of that version
 */
public record CatalogueEntry(long versionId, Course course) {
}
