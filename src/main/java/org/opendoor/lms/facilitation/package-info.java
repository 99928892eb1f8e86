/**
 * Facilitation: a course as slides for a group session (with facilitator notes, discussions and a
 * presenter view), and the attendance sheet on which an organisation admin records who took part, which
 * records a completion for each attendee. Uses courses, learning (to record the completions), organisations
 * and accounts (who may facilitate, who attended), and the local directory (the closing slide).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "course", "learning", "organisation", "account",
		"directory" })
package org.opendoor.lms.facilitation;
