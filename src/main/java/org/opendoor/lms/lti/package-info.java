/**
 * LTI 1.3 Advantage: learning platforms (Moodle, Canvas…) launch Open Door's courses, send learners'
 * accounts and roles, pick courses by Deep Linking, get scores back (Assignment and Grade Services) and
 * let an organisation admin import a course's roster (Names and Role Provisioning). Uses accounts,
 * organisations, courses, learning (its events), rate limits and the public address. See docs/lti.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "organisation", "course", "learning", "limits", "startup" })
package org.opendoor.lms.lti;
