package org.opendoor.lms.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.course.internal.ContactCheckStore;
import org.opendoor.lms.course.internal.ContactsReader;
import org.opendoor.lms.course.internal.CourseReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The national signposting contacts from {@code courses/support-contacts.yaml}: which ones a learner in
 * each nation sees, and where each stands: checked with the service in the last 12 months, overdue for a
 * check, or unchecked. A record's check date is the later of its {@code last_reviewed} in the file and the
 * latest check a site admin recorded in the app ({@link #recordCheck}), so a check needs no redeploy.
 */
@Service
public class SupportContacts implements SmartInitializingSingleton {

	/** The contacts file, beside the course folders. */
	public static final String FILE = "support-contacts.yaml";

	/** How long one instance trusts its copy of the recorded checks (others may record one meanwhile). */
	private static final Duration CHECKS_FRESH_FOR = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(SupportContacts.class);

	private static final List<String> TIER_ORDER = List.of("urgent", "support", "information");

	private final CourseProperties properties;

	private final ContactCheckStore checks;

	private final Clock clock;

	private final MessageSource messages;

	private volatile ContactsReader.Result current = new ContactsReader.Result(List.of(), List.of());

	private volatile ContactsReader.Result welsh = new ContactsReader.Result(List.of(), List.of());

	private volatile Checked checked = new Checked(Map.of(), Instant.MIN);

	/** The latest confirming check of each contact, and when this copy was read. */
	private record Checked(Map<String, LocalDate> latest, Instant readAt) {
	}

	public SupportContacts(CourseProperties properties, ContactCheckStore checks, MessageSource messages,
			Optional<Clock> clock) {
		this.properties = properties;
		this.checks = checks;
		this.messages = messages;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	/** Reads the contacts file again. A file with findings loads no contacts; the admin page shows why. */
	public void reload() {
		Path file = properties.directory().resolve(FILE);
		LocalDate today = LocalDate.now(clock);
		current = new ContactsReader(today).read(properties.directory(), file);
		current.findings().forEach(f -> log.warn("Support contacts: {}", f));
		Path cy = CourseReader.sibling(file, "cy");
		welsh = Files.isRegularFile(cy) ? new ContactsReader(today).readTranslation(properties.directory(), file, "cy")
				: new ContactsReader.Result(List.of(), List.of());
		welsh.findings().forEach(f -> log.warn("Support contacts (Welsh): {}", f));
		checked = new Checked(Map.of(), Instant.MIN);
		List<String> due = stale().stream()
			.map(c -> c.id() + (c.lastReviewed() == null ? " (never checked)" : " (last checked " + c.lastReviewed() + ")"))
			.toList();
		if (!due.isEmpty()) {
			// one line for an operator, not one per record at every start
			log.warn("{} support contacts need checking with the service: {}", due.size(), String.join(", ", due));
		}
	}

	/** The contacts for a nation code (england, wales, scotland, northern-ireland), most urgent first. */
	public List<SupportContact> forNation(String nation) {
		return forNation(nation, null);
	}

	/**
	 * The contacts for a nation in a language: the Welsh texts ({@code support-contacts.cy.yaml}) for
	 * {@code cy} when that file is present and passes the lint, otherwise the source texts.
	 */
	public List<SupportContact> forNation(String nation, String language) {
		List<SupportContact> list = "cy".equals(language) && !welsh.contacts().isEmpty() ? welsh.contacts()
				: current.contacts();
		return withChecks(list).stream()
			.filter(c -> c.nations().contains(nation))
			.sorted(Comparator.comparingInt(c -> TIER_ORDER.indexOf(c.tier())))
			.toList();
	}

	/** Every contact, in the file's order, with its status as it stands today. */
	public List<SupportContact> all() {
		return withChecks(current.contacts());
	}

	/** Every contact in a language ({@code cy} for the Welsh texts when they pass the lint), as {@link #all()}. */
	public List<SupportContact> all(String language) {
		return withChecks("cy".equals(language) && !welsh.contacts().isEmpty() ? welsh.contacts() : current.contacts());
	}

	/** A contact by id, with its status as it stands today. */
	public Optional<SupportContact> find(String id) {
		return all().stream().filter(c -> c.id().equals(id)).findFirst();
	}

	/** Contacts that need a check: never checked with the service, or not in the last 12 months. */
	public List<SupportContact> stale() {
		return all().stream().filter(c -> c.status() != SupportContact.Status.CHECKED).toList();
	}

	/** Problems in the contacts file and its Welsh translation. */
	public List<LintFinding> findings() {
		List<LintFinding> all = new ArrayList<>(current.findings());
		all.addAll(welsh.findings());
		return all;
	}

	/**
	 * Records a check of a contact with its service. The caller has validated it: a known contact, a day not
	 * in the future.
	 */
	public void recordCheck(ContactCheck check) {
		checks.add(check);
		checked = new Checked(Map.of(), Instant.MIN);
	}

	/** Every recorded check, newest first: the audit trail. */
	public List<ContactCheck> checks() {
		return checks.all();
	}

	/**
	 * Where a contact stands, in words for the people it is shown to: "Checked with the service on 3 March
	 * 2027", "Last checked with the service on …: due for a new check" or "Not yet checked with the service".
	 */
	public String statusText(SupportContact contact, Locale locale) {
		String date = contact.lastReviewed() == null ? ""
				: contact.lastReviewed().format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale));
		return messages.getMessage("contact.status." + contact.status().name(), new Object[] { date }, locale);
	}

	/** Today, by the clock the statuses are computed with. */
	public LocalDate today() {
		return LocalDate.now(clock);
	}

	private List<SupportContact> withChecks(List<SupportContact> contacts) {
		Checked now = checked;
		Instant at = clock.instant();
		if (now.readAt().isBefore(at.minus(CHECKS_FRESH_FOR))) {
			now = new Checked(Map.copyOf(checks.latestConfirmed()), at);
			checked = now;
		}
		LocalDate today = LocalDate.now(clock);
		Map<String, LocalDate> latest = now.latest();
		return contacts.stream().map(c -> c.withCheck(latest.get(c.id()), today)).toList();
	}

}
