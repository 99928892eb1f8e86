/**
 * Organisations: the charities and groups whose volunteers take courses, and who belongs to which.
 * Uses accounts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account" })
package org.opendoor.lms.organisation;
