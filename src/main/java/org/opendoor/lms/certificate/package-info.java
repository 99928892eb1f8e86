/**
 * Certificates: archival, accessible PDF certificates issued when a learner passes, and the public page
 * that verifies them. Uses learning (its events), courses, accounts and organisations.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "learning", "course", "account", "organisation" })
package org.opendoor.lms.certificate;
