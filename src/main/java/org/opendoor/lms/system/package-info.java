/**
 * System: security, the page layout, language, sign-in throttling, start-up checks and the demo data.
 * Uses accounts, organisations, courses and the local directory (demo entries).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "organisation", "course", "directory" })
package org.opendoor.lms.system;
