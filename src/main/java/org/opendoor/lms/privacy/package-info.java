/**
 * Privacy: a learner's download of everything held about them, erasing their account, and the audit log
 * of who viewed, exported or erased whose personal data. Uses accounts, learning, certificates and
 * organisations.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "learning", "certificate", "organisation" })
package org.opendoor.lms.privacy;
