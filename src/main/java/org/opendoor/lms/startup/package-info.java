/**
 * Start-up: slow preparation (course files, fonts, the signing key) run on another core while the rest of the
 * application starts, waited for before the app takes traffic. Uses no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.opendoor.lms.startup;
