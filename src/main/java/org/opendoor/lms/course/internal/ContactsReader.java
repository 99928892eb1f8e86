package org.opendoor.lms.course.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opendoor.lms.course.LintFinding;
import org.opendoor.lms.course.PhoneLinks;
import org.opendoor.lms.course.SupportContact;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and lints the support contacts file, reporting problems with file and line. A record's
 * {@code last_reviewed} is the day someone checked it with the service, never in the future, or
 * {@code unchecked} when nobody has.
 */
public final class ContactsReader {

	/** The value of {@code last_reviewed} for a record nobody has checked with the service. */
	public static final String UNCHECKED = "unchecked";

	static final Set<String> KEYS = Set.of("id", "name", "reach", "hours", "nations", "tier", "for", "source",
			"last_reviewed", "note");

	static final Set<String> NATIONS = Set.of("england", "wales", "scotland", "northern-ireland");

	static final Set<String> TIERS = Set.of("urgent", "support", "information");

	/**
	 * The contacts read, or none when there were findings.
	 *
	 * @param contacts the contacts
	 * @param findings the problems found
	 */
	public record Result(List<SupportContact> contacts, List<LintFinding> findings) {
	}

	private final LocalDate today;

	/** A reader for which today is the system clock's date. */
	public ContactsReader() {
		this(LocalDate.now());
	}

	/** A reader for which a {@code last_reviewed} after {@code today} is a finding. */
	public ContactsReader(LocalDate today) {
		this.today = today;
	}

	/** Reads a contacts file; a missing file is a finding. */
	public Result read(Path root, Path file) {
		return read(root, file, null);
	}

	/**
	 * Reads the translation of a contacts file ({@code support-contacts.cy.yaml}); besides the usual checks,
	 * any structural difference from the source file is a finding (only name, reach, hours, for and note may
	 * differ, and a translated {@code reach} must give the same numbers as the source's).
	 */
	public Result readTranslation(Path root, Path sourceFile, String language) {
		return read(root, CourseReader.sibling(sourceFile, language), sourceFile);
	}

	private Result read(Path root, Path file, Path source) {
		Findings findings = new Findings();
		String name = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			findings.add(name, 1, "file not found or unreadable");
			return new Result(List.of(), findings.sorted());
		}
		Node node;
		try {
			node = new Yaml(new LoaderOptions()).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			findings.add(name, ex.getProblemMark() == null ? 1 : ex.getProblemMark().getLine() + 1,
					"YAML syntax error: " + ex.getProblem());
			return new Result(List.of(), findings.sorted());
		}
		Map<String, String> sourceReach = new HashMap<>();
		String sourceName = null;
		if (source != null) {
			try {
				Node sourceNode = new Yaml(new LoaderOptions()).compose(new StringReader(Files.readString(source, StandardCharsets.UTF_8)));
				sourceName = root.toAbsolutePath().normalize().relativize(source.toAbsolutePath().normalize()).toString().replace('\\', '/');
				TranslationStructure.compare(sourceNode, node, name, sourceName, findings, 0);
				for (SupportContact c : new ContactsReader(today).read(root, source).contacts()) {
					sourceReach.put(c.id(), c.reach());
				}
			}
			catch (IOException | org.yaml.snakeyaml.error.YAMLException ex) {
				// the source file's own reading reports it
			}
		}
		YamlMap top = YamlMap.of(node, name, findings, 0, Set.of("contacts"), "the contacts file");
		List<SupportContact> contacts = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		if (top != null) {
			for (Node item : top.list("contacts", true)) {
				YamlMap c = YamlMap.of(item, name, findings, 0, KEYS, "a contact");
				if (c == null) {
					continue;
				}
				String id = c.string("id", true);
				if (id != null && !ids.add(id)) {
					findings.add(name, c.lineOf("id"), "duplicate id '" + id + "'");
				}
				List<String> nations = c.strings("nations", true);
				for (String n : nations) {
					if (!NATIONS.contains(n)) {
						findings.add(name, c.lineOf("nations"),
								"unknown nation '" + n + "' (expected one of: england, northern-ireland, scotland, wales)");
					}
				}
				String tier = c.string("tier", true);
				if (tier != null && !TIERS.contains(tier)) {
					findings.add(name, c.lineOf("tier"), "unknown tier '" + tier + "' (expected one of: information, support, urgent)");
				}
				String reviewed = c.string("last_reviewed", true);
				LocalDate date = null;
				if (reviewed != null && !UNCHECKED.equals(reviewed)) {
					try {
						date = LocalDate.parse(reviewed);
						if (date.isAfter(today)) {
							findings.add(name, c.lineOf("last_reviewed"), "'last_reviewed' " + reviewed
									+ " is in the future: it must be the day someone checked the record with the service");
						}
					}
					catch (DateTimeParseException ex) {
						findings.add(name, c.lineOf("last_reviewed"), "'last_reviewed' must be the date someone checked the "
								+ "record with the service, like 2026-11-23, or 'unchecked'");
					}
				}
				String reach = c.string("reach", true);
				if (id != null && reach != null && sourceReach.containsKey(id)
						&& !PhoneLinks.targets(reach).equals(PhoneLinks.targets(sourceReach.get(id)))) {
					findings.add(name, c.lineOf("reach"), "translation differs from " + sourceName + ": 'reach' of '" + id
							+ "' gives " + PhoneLinks.targets(reach) + " but the source gives " + PhoneLinks.targets(sourceReach.get(id)));
				}
				contacts.add(new SupportContact(id, c.string("name", true), reach, c.string("hours", true), nations, tier,
						c.string("for", true), c.string("source", true), date, c.string("note", false), today));
			}
		}
		return findings.isEmpty() ? new Result(List.copyOf(contacts), List.of()) : new Result(List.of(), findings.sorted());
	}

}
