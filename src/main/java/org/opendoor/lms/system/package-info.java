/**
 * System: security, the page layout, language, sign-in throttling, start-up checks and the demo data.
 * Uses accounts, organisations, courses, the local directory (demo entries) and learning (for the demo
 * volunteers' progress).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "organisation", "course", "directory", "learning", "limits", "startup" })
package org.opendoor.lms.system;
