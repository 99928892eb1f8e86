package org.opendoor.lms.lrs;

import java.util.UUID;

/**
 * Published by the LRS in the storing transaction for every statement it stores, whoever sent it (a client
 * at {@code /xapi} or the engine through {@link StatementStore}), so a listener can act in the same
 * transaction: the outbox of the {@code xapi} module queues it for external LRSs.
 *
 * @param id the statement's id
 * @param json the statement exactly as stored
 */
public record StatementStored(UUID id, String json) {
}
