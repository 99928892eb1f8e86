package org.opendoor.lms.xapi.forward;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.opendoor.lms.xapi.XapiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued statements to each external LRS, oldest first, in batches.
 * <ul>
 * <li>2xx: the whole batch is stored: every row becomes SENT.</li>
 * <li>409 Conflict: the LRS already has a statement with one of these ids. A batch of several is split
 * in halves and each half sent again, so the new statements in it still get through. A single statement
 * answered with 409 counts as stored: our ids are random UUIDs and a queued body never changes, so the
 * only statement the LRS can hold under this id is this one, from an earlier send whose answer we never
 * saw (a time-out, a crash, a 5xx after storing). The LRS may answer 409 rather than 204 because it adds
 * its own {@code stored} or {@code authority} before comparing; it keeps one copy either way.</li>
 * <li>400, 413, 422: a batch is split in halves and each half sent again; a single statement answered so
 * can never be accepted as it is and becomes DEAD, with the LRS's message, for an admin to look at.</li>
 * <li>anything else (401/403, 404, 429, 5xx, no answer in time, no connection): nothing is marked; the
 * rows stay QUEUED with one more attempt and wait 2^attempts seconds (at most ten minutes), and the
 * destination rests until then, so a broken LRS gets one request per wait rather than one per batch.</li>
 * </ul>
 * A row is marked SENT only after a 2xx (or 409) answer, so a crash at any moment leads to sending again,
 * never to a loss; the LRS keeps one copy because statement ids are unique in an LRS.
 */
@Component
public class Forwarder {

	private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

	/** The longest wait between two attempts. */
	static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	/** Batches per destination in one run, so a run ends and other destinations get their turn. */
	private static final int MAX_BATCHES_PER_RUN = 50;

	/**
	 * What one run did.
	 *
	 * @param sent statements the LRSs now hold
	 * @param dead statements an LRS refused, now in the dead-letter list
	 * @param deferred statements that wait for another attempt
	 */
	public record Run(int sent, int dead, int deferred) {

		Run plus(Run other) {
			return new Run(sent + other.sent, dead + other.dead, deferred + other.deferred);
		}

	}

	private final XapiProperties properties;

	private final OutboxRows rows;

	private final ForwardMetrics metrics;

	private final LrsClient client;

	private final Clock clock;

	private final Duration lease;

	private final Map<String, Instant> restingUntil = new ConcurrentHashMap<>();

	Forwarder(XapiProperties properties, OutboxRows rows, ForwardMetrics metrics, Optional<Clock> clock,
			@Value("${lms.xapi.forward-claim-margin:PT1M}") Duration claimMargin) {
		check(properties);
		this.properties = properties;
		this.rows = rows;
		this.metrics = metrics;
		this.client = new LrsClient(properties.forwardTimeout());
		this.clock = clock.orElse(Clock.systemUTC());
		// A claim outlasts the longest request (connect plus answer) with a wide margin; it is renewed before
		// every request. If it lapses anyway, another forwarder may send the same rows again: harmless, the
		// LRS keeps one copy. After a crash (kill -9) the rows the dead forwarder held wait out this lease.
		this.lease = properties.forwardTimeout().multipliedBy(2).plus(claimMargin);
	}

	/** Refuses to start with destinations that could never work, naming the setting but never the secret. */
	static void check(XapiProperties properties) {
		if (properties.forwardBatchSize() < 1 || properties.forwardBatchSize() > 1000) {
			throw new IllegalStateException("lms.xapi.forward-batch-size must be between 1 and 1000");
		}
		if (properties.forwardTimeout() == null || properties.forwardTimeout().isNegative()
				|| properties.forwardTimeout().isZero()) {
			throw new IllegalStateException("lms.xapi.forward-timeout must be positive");
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < properties.forward().size(); i++) {
			XapiProperties.Destination d = properties.forward().get(i);
			String setting = "lms.xapi.forward[" + i + "]";
			if (d.name() == null || d.name().isBlank() || d.name().length() > 100) {
				throw new IllegalStateException(setting + ".name must be set (at most 100 characters)");
			}
			if (!names.add(d.name())) {
				throw new IllegalStateException(setting + ".name '" + d.name() + "' is used twice");
			}
			URI endpoint = d.endpoint();
			if (endpoint == null || !endpoint.isAbsolute()
					|| !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))
					|| endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null) {
				throw new IllegalStateException(setting
						+ ".endpoint must be the LRS's http(s) address without user name or query, such as https://lrs.example.org/xapi/");
			}
			if (d.key() == null || d.secret() == null) {
				throw new IllegalStateException(setting + ".key and .secret must be set");
			}
			if (!"1.0.3".equals(d.version()) && !"2.0.0".equals(d.version())) {
				throw new IllegalStateException(setting + ".version must be 1.0.3 or 2.0.0");
			}
		}
	}

	@Scheduled(fixedDelayString = "${lms.xapi.forward-interval:2s}", initialDelayString = "${lms.xapi.forward-interval:2s}")
	void scheduled() {
		if (properties.forward().isEmpty()) {
			return;
		}
		try {
			forwardDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("xAPI forwarding stopped early and will continue on the next run: {}", ex.getClass().getSimpleName());
		}
	}

	/** Sends every statement that is due at {@code now} to each configured LRS. */
	public Run forwardDue(Instant now) {
		Run run = new Run(0, 0, 0);
		for (XapiProperties.Destination destination : properties.forward()) {
			Instant rest = restingUntil.get(destination.name());
			if (rest != null && now.isBefore(rest)) {
				continue;
			}
			restingUntil.remove(destination.name());
			run = run.plus(forwardDue(destination, now));
		}
		return run;
	}

	private Run forwardDue(XapiProperties.Destination destination, Instant now) {
		long started = System.nanoTime();
		Run run = new Run(0, 0, 0);
		for (int n = 0; n < MAX_BATCHES_PER_RUN; n++) {
			UUID token = UUID.randomUUID();
			List<OutboxRows.Row> batch = rows.claim(destination.name(), now, properties.forwardBatchSize(), token,
					now.plus(lease));
			if (batch.isEmpty()) {
				break;
			}
			Run delivered;
			try {
				delivered = deliver(destination, batch, token, now, started);
			}
			finally {
				rows.release(token);
			}
			run = run.plus(delivered);
			if (restingUntil.containsKey(destination.name())) {
				break;
			}
		}
		return run;
	}

	/** Sends one claimed batch, splitting it as the LRS's answers require. */
	private Run deliver(XapiProperties.Destination destination, List<OutboxRows.Row> batch, UUID token, Instant now,
			long started) {
		int sent = 0;
		int dead = 0;
		Deque<List<OutboxRows.Row>> parts = new ArrayDeque<>();
		parts.push(batch);
		while (!parts.isEmpty()) {
			List<OutboxRows.Row> part = parts.pop();
			rows.renew(token, now.plus(Duration.ofNanos(System.nanoTime() - started)).plus(lease));
			LrsClient.Answer answer = client.post(destination, part.stream().map(OutboxRows.Row::body).toList());
			if (answer.stored() || (answer.conflict() && part.size() == 1)) {
				sent += rows.markSent(part, now);
			}
			else if ((answer.conflict() || answer.refused()) && part.size() > 1) {
				parts.push(part.subList(part.size() / 2, part.size()));
				parts.push(part.subList(0, part.size() / 2));
			}
			else if (answer.refused()) {
				OutboxRows.Row row = part.get(0);
				dead += rows.markDead(row, now, answer.describe());
				metrics.dead(destination.name());
				log.warn("xAPI forwarding to {}: statement {} refused ({}); it is in the dead-letter list",
						destination.name(), row.statementId(), answer.status());
			}
			else {
				List<OutboxRows.Row> waiting = new ArrayList<>(part);
				parts.forEach(waiting::addAll);
				int deferred = defer(destination, waiting, token, now, answer);
				metrics.sent(destination.name(), sent);
				return new Run(sent, dead, deferred);
			}
		}
		metrics.sent(destination.name(), sent);
		return new Run(sent, dead, 0);
	}

	private int defer(XapiProperties.Destination destination, List<OutboxRows.Row> waiting, UUID token, Instant now,
			LrsClient.Answer answer) {
		String error = answer.describe();
		int deferred = 0;
		Instant rest = null;
		for (Map.Entry<Integer, List<OutboxRows.Row>> group : waiting.stream()
			.collect(java.util.stream.Collectors.groupingBy(OutboxRows.Row::attempts))
			.entrySet()) {
			Instant next = now.plus(backoff(group.getKey() + 1));
			deferred += rows.defer(group.getValue(), token, now, next, error);
			rest = rest == null || next.isBefore(rest) ? next : rest;
		}
		restingUntil.put(destination.name(), rest);
		metrics.deferred(destination.name(), deferred);
		log.warn("xAPI forwarding to {}: {}; {} statements wait until {}", destination.name(), error, deferred, rest);
		return deferred;
	}

	/** 2^attempts seconds, at most {@link #MAX_BACKOFF}. */
	static Duration backoff(int attempts) {
		if (attempts >= 10) {
			return MAX_BACKOFF;
		}
		Duration wait = Duration.ofSeconds(1L << Math.max(0, attempts));
		return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
	}

}
