/**
 * Directory: each organisation's local signposting directory ("resilience map") of local services, shown
 * to its volunteers beside the national contacts and printed as a one-page signposting card. Uses
 * accounts, organisations and courses (the national contacts).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "organisation", "course" })
package org.opendoor.lms.directory;
