package org.opendoor.lms.xapi.forward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.xapi.XapiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin view of the outbox: how much waits for each external LRS, and the statements an LRS refused,
 * each with a retry button. Admin-only, as every page under {@code /admin}.
 */
@Controller
class OutboxController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Europe/London"));

	/**
	 * One destination's line.
	 *
	 * @param name its name
	 * @param endpoint its endpoint, or empty if it is no longer configured
	 * @param version the xAPI version sent to it
	 * @param queued statements waiting
	 * @param sent statements it holds
	 * @param dead statements it refused
	 * @param oldestQueuedMinutes how long the oldest waiting statement has waited, in whole minutes, or
	 * {@code null} if none waits
	 * @param lastProblem why the last attempt at a waiting statement failed, or empty
	 */
	record DestinationLine(String name, String endpoint, String version, long queued, long sent, long dead,
			Long oldestQueuedMinutes, String lastProblem) {
	}

	/**
	 * A refused statement as the page shows it.
	 *
	 * @param id the outbox row
	 * @param statementId the statement's id
	 * @param destination the LRS that refused it
	 * @param attempts how often it was tried
	 * @param lastError the LRS's answer
	 * @param when when it was refused, UK time
	 */
	record DeadLine(long id, String statementId, String destination, int attempts, String lastError, String when) {
	}

	private final OutboxRows rows;

	private final XapiProperties properties;

	private final Clock clock;

	OutboxController(OutboxRows rows, XapiProperties properties, Optional<Clock> clock) {
		this.rows = rows;
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@GetMapping("/admin/xapi/outbox")
	String outbox(Model model) {
		Instant now = clock.instant();
		Map<String, long[]> counts = new LinkedHashMap<>();
		Map<String, Instant> oldest = new LinkedHashMap<>();
		properties.forward().forEach(d -> counts.put(d.name(), new long[3]));
		for (OutboxRows.Count c : rows.counts()) {
			long[] n = counts.computeIfAbsent(c.destination(), k -> new long[3]);
			if ("QUEUED".equals(c.status())) {
				n[0] = c.count();
				oldest.put(c.destination(), c.oldest());
			}
			else if ("SENT".equals(c.status())) {
				n[1] = c.count();
			}
			else {
				n[2] = c.count();
			}
		}
		List<DestinationLine> lines = new ArrayList<>();
		counts.forEach((name, n) -> {
			Optional<XapiProperties.Destination> d = properties.forward().stream().filter(x -> x.name().equals(name)).findFirst();
			Instant first = oldest.get(name);
			lines.add(new DestinationLine(name, d.map(x -> x.endpoint().toString()).orElse(""),
					d.map(XapiProperties.Destination::version).orElse(""), n[0], n[1], n[2],
					first == null ? null : Math.max(0, Duration.between(first, now).toMinutes()),
					n[0] == 0 ? "" : rows.lastProblem(name).orElse("")));
		});
		model.addAttribute("destinations", lines);
		model.addAttribute("dead", rows.deadLetters()
			.stream()
			.map(d -> new DeadLine(d.id(), d.statementId().toString(), d.destination(), d.attempts(),
					d.lastError() == null ? "" : d.lastError(), d.when() == null ? "" : WHEN.format(d.when())))
			.toList());
		return "xapi/forward/outbox";
	}

	@PostMapping("/admin/xapi/outbox/{id}/retry")
	String retry(@PathVariable long id) {
		if (rows.retry(id, clock.instant()) == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "xapi.forward.error.notDead");
		}
		return "redirect:/admin/xapi/outbox?retried";
	}

	@PostMapping("/admin/xapi/outbox/retry-all")
	String retryAll() {
		return "redirect:/admin/xapi/outbox?retriedAll=" + rows.retryAll(clock.instant());
	}

}
