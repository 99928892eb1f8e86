package org.opendoor.lms.lrs;

import java.util.UUID;

/**
 * Published in the storing transaction for every statement the LRS stores, so the outbox can queue it
 * for external LRSs in the same transaction.
 *
 * @param id the statement's id
 * @param json the statement exactly as stored
 */
public record StatementStored(UUID id, String json) {
}
