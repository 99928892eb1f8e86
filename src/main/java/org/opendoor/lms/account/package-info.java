/**
 * Accounts: registration, sign-in identities, roles and each learner's nation and language. Uses no
 * other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.opendoor.lms.account;
