/**
 * Learning: attempts at a course, the page-by-page player, answers, scenarios, the final assessment's
 * pass rules and resuming where a learner left off. Uses courses and accounts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "course", "account" })
package org.opendoor.lms.learning;
