/**
 * Accounts: registration, sign-in identities, roles, each learner's nation and language, and their password
 * (changing it, and resetting a forgotten one by an emailed link). Uses limits (how often a reset link may be
 * asked for) and start-up (the public address the emailed links start with).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "limits", "startup" })
package org.opendoor.lms.account;
