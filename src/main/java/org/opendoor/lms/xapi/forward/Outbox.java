package org.opendoor.lms.xapi.forward;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.opendoor.lms.xapi.XapiProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues statements for every external LRS the site forwards to. It writes in the caller's transaction,
 * so a statement is queued exactly when the learning change that made it is committed.
 */
@Component
public class Outbox {

	private final XapiProperties properties;

	private final OutboxRows rows;

	private final ForwardMetrics metrics;

	private final Clock clock;

	Outbox(XapiProperties properties, OutboxRows rows, ForwardMetrics metrics, Optional<Clock> clock) {
		this.properties = properties;
		this.rows = rows;
		this.metrics = metrics;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * Queues one statement for each configured destination; does nothing when there are none. Must be
	 * called inside the caller's transaction.
	 *
	 * @param statementId the statement's id
	 * @param json the complete statement exactly as it is to be sent (id, timestamp, stored, authority and
	 * version included); it is stored and later sent byte for byte
	 * @throws IllegalStateException if this statement id is already queued with a different body
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(UUID statementId, String json) {
		if (statementId == null || json == null || json.isBlank()) {
			throw new IllegalArgumentException("a statement id and its JSON are required");
		}
		Instant now = clock.instant();
		for (XapiProperties.Destination destination : properties.forward()) {
			if (rows.insert(destination.name(), statementId, json, now)) {
				metrics.queued(destination.name());
			}
		}
	}

}
