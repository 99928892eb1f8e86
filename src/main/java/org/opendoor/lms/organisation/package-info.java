/**
 * Organisations: the charities whose volunteers take courses, their groups (for example a site), who
 * belongs to which and as what, how volunteers join (join code, email invitation, CSV import) and the
 * courses each organisation assigns with due dates. Uses accounts and courses.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "course", "startup" })
package org.opendoor.lms.organisation;
