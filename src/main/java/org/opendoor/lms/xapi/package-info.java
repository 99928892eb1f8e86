/**
 * Learning records of the course engine: every learning event as an xAPI statement, stored in the built-in
 * LRS (module {@code lrs}, through its public API), with the LMS course of a launch from a learning platform
 * (module {@code lti}, its events), the admin LRS browser, and an outbox that forwards
 * statements to a charity's own LRS. Uses learning and facilitation (their events), courses, accounts and
 * limits (the LRS's sign-in throttle).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "lrs", "lrs :: model", "learning", "course",
		"account", "facilitation", "limits", "lti" })
package org.opendoor.lms.xapi;
