/**
 * Reporting: each organisation's training dashboard, its CSV export of completions, and reminder emails
 * for overdue training and expiring certificates (with an unsubscribe that is honoured). Reads
 * organisations, learning progress, courses, certificates and accounts; stores only what reminders were sent.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "organisation", "learning", "course", "certificate",
		"account", "privacy", "startup" })
package org.opendoor.lms.reporting;
