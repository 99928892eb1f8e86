package org.opendoor.lms.course;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.opendoor.lms.course.internal.ContactsReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;

/**
 * The national signposting contacts from {@code courses/support-contacts.yaml}: which ones a learner in
 * each nation sees, and which are due for review.
 */
@Service
public class SupportContacts implements SmartInitializingSingleton {

	/** The contacts file, beside the course folders. */
	public static final String FILE = "support-contacts.yaml";

	private static final Logger log = LoggerFactory.getLogger(SupportContacts.class);

	private static final List<String> TIER_ORDER = List.of("urgent", "support", "information");

	private final CourseProperties properties;

	private final Clock clock;

	private volatile ContactsReader.Result current = new ContactsReader.Result(List.of(), List.of());

	private volatile ContactsReader.Result welsh = new ContactsReader.Result(List.of(), List.of());

	public SupportContacts(CourseProperties properties, Optional<Clock> clock) {
		this.properties = properties;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	/** Reads the contacts file again. A file with findings loads no contacts; the admin page shows why. */
	public void reload() {
		Path file = properties.directory().resolve(FILE);
		current = new ContactsReader().read(properties.directory(), file);
		current.findings().forEach(f -> log.warn("Support contacts: {}", f));
		Path cy = org.opendoor.lms.course.internal.CourseReader.sibling(file, "cy");
		welsh = java.nio.file.Files.isRegularFile(cy)
				? new ContactsReader().readTranslation(properties.directory(), file, "cy")
				: new ContactsReader.Result(List.of(), List.of());
		welsh.findings().forEach(f -> log.warn("Support contacts (Welsh): {}", f));
		stale().forEach(c -> log.warn("Support contact '{}' was last reviewed on {}: review it", c.id(), c.lastReviewed()));
	}

	/** The contacts for a nation code (england, wales, scotland, northern-ireland), most urgent first. */
	public List<SupportContact> forNation(String nation) {
		return current.contacts().stream()
			.filter(c -> c.nations().contains(nation))
			.sorted(Comparator.comparingInt(c -> TIER_ORDER.indexOf(c.tier())))
			.toList();
	}

	/**
	 * The contacts for a nation in a language: the Welsh texts ({@code support-contacts.cy.yaml}) for
	 * {@code cy} when that file is present and passes the lint, otherwise the source texts.
	 */
	public List<SupportContact> forNation(String nation, String language) {
		if ("cy".equals(language) && !welsh.contacts().isEmpty()) {
			return welsh.contacts().stream()
				.filter(c -> c.nations().contains(nation))
				.sorted(Comparator.comparingInt(c -> TIER_ORDER.indexOf(c.tier())))
				.toList();
		}
		return forNation(nation);
	}

	/** Every contact. */
	public List<SupportContact> all() {
		return current.contacts();
	}

	/** Contacts not reviewed in the last 12 months. */
	public List<SupportContact> stale() {
		LocalDate today = LocalDate.now(clock);
		return current.contacts().stream().filter(c -> c.isStale(today)).toList();
	}

	/** Problems in the contacts file and its Welsh translation. */
	public List<LintFinding> findings() {
		List<LintFinding> all = new java.util.ArrayList<>(current.findings());
		all.addAll(welsh.findings());
		return all;
	}

}
