/**
 * Learning: attempts at a course, the page-by-page player, answers, scenarios, the final assessment's
 * pass rules and resuming where a learner left off. Uses courses, accounts, the local directory (shown in
 * the signposting module) and organisations (to show a learner the dates their organisations ask them to
 * complete courses by).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "course", "account", "directory", "organisation" })
package org.opendoor.lms.learning;
