/**
 * Learning: attempts at a course, the page-by-page player, answers, scenarios, the final assessment's
 * pass rules and resuming where a learner left off. Uses courses, accounts and the local directory (shown in
 * the signposting module).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "course", "account", "directory" })
package org.opendoor.lms.learning;
