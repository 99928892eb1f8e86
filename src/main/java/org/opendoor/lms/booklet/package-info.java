/**
 * Booklet: a whole course printed as an accessible PDF booklet (tagged PDF/UA-1 and PDF/A-2b, A4 or A5) in
 * the chosen language, with the chosen nation's support contacts and, for a member, their organisation's
 * local directory. Uses courses, accounts, organisations, the directory and the shared PDF basics.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "course", "account", "organisation", "directory",
		"pdf", "startup" })
package org.opendoor.lms.booklet;
