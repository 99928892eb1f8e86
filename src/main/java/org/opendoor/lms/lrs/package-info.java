/**
 * The built-in Learning Record Store at {@code /xapi}: statements, state, activity and agent profiles,
 * activities, agents and about, as xAPI 1.0.3 and 2.0.0 define them, with their validation, storage,
 * attachments, body limits and client credentials. It knows nothing of learners, courses or other modules:
 * they use its public API, and it depends on none of them.
 * <p>
 * Public API: {@link org.opendoor.lms.lrs.StatementStore} (store, query and erase statements),
 * {@link org.opendoor.lms.lrs.StatementValidator} (the specification's rules),
 * {@link org.opendoor.lms.lrs.StatementJson} (the statement JSON and agent keys),
 * {@link org.opendoor.lms.lrs.DocumentStore} (state and profile documents),
 * {@link org.opendoor.lms.lrs.XapiClients} (LRS clients and their credentials),
 * {@link org.opendoor.lms.lrs.XapiException}, the event {@link org.opendoor.lms.lrs.StatementStored} and the
 * model types ({@code lrs.model}). Service interface: {@link org.opendoor.lms.lrs.SignInThrottle}, which
 * another module may provide to slow guessing of client secrets.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.opendoor.lms.lrs;
