package org.opendoor.lms.organisation;

/**
 * A charity or other organisation whose volunteers take courses.
 *
 * @param id internal id (in its admins' URLs; access is checked on every request)
 * @param name its name
 * @param slug a short unique name
 */
public record Organisation(long id, String name, String slug) {
}
