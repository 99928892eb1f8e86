/**
 * Learning records: every learning event as an xAPI statement, a built-in Learning Record Store at
 * {@code /xapi}, and an outbox that forwards statements to a charity's own LRS. Uses learning and
 * facilitation (their events), courses and accounts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "learning", "course", "account", "facilitation", "limits" })
package org.opendoor.lms.xapi;
