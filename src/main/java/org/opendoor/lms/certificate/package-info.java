/**
 * Certificates: archival, accessible PDF certificates issued when a learner passes, and the public page
 * that verifies them. Uses learning (its events), courses, accounts, organisations and the shared PDF basics.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "learning", "course", "account", "organisation", "pdf", "startup", "limits" })
package org.opendoor.lms.certificate;
