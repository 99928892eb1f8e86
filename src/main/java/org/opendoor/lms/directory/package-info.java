/**
 * Directory: each organisation's local signposting directory ("resilience map") of local services, shown
 * to its volunteers beside the national contacts and printed as a one-page signposting card. Uses
 * accounts, organisations, courses (the national contacts) and the shared PDF basics.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "organisation", "course", "pdf" })
package org.opendoor.lms.directory;
