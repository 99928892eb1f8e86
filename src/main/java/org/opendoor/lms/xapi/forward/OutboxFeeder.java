package org.opendoor.lms.xapi.forward;

import org.opendoor.lms.lrs.StatementStored;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Queues every statement the built-in LRS stores for the external LRSs, in the storing transaction. */
@Component
class OutboxFeeder {

	private final Outbox outbox;

	OutboxFeeder(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void stored(StatementStored event) {
		outbox.enqueue(event.id(), event.json());
	}

}
