/**
 * System: security, the page layout, language, sign-in throttling, start-up checks and the demo data.
 * Uses accounts, organisations and courses.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "organisation", "course" })
package org.opendoor.lms.system;
