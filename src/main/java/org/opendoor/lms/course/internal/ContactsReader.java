package org.opendoor.lms.course.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.opendoor.lms.course.LintFinding;
import org.opendoor.lms.course.SupportContact;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads and lints the support contacts file, reporting problems with file and line. */
public final class ContactsReader {

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

	/** Reads a contacts file; a missing file is a finding. */
	public Result read(Path root, Path file) {
		return read(root, file, null);
	}

	/**
	 * Reads the translation of a contacts file ({@code support-contacts.cy.yaml}); besides the usual checks,
	 * any structural difference from the source file is a finding (only hours, for, note and name may differ).
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
		if (source != null) {
			try {
				Node sourceNode = new Yaml(new LoaderOptions()).compose(new StringReader(Files.readString(source, StandardCharsets.UTF_8)));
				String sourceName = root.toAbsolutePath().normalize().relativize(source.toAbsolutePath().normalize()).toString().replace('\\', '/');
				TranslationStructure.compare(sourceNode, node, name, sourceName, findings, 0);
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
				if (reviewed != null) {
					try {
						date = LocalDate.parse(reviewed);
					}
					catch (DateTimeParseException ex) {
						findings.add(name, c.lineOf("last_reviewed"), "'last_reviewed' must be a date like 2026-11-23");
					}
				}
				contacts.add(new SupportContact(id, c.string("name", true), c.string("reach", true), c.string("hours", true),
						nations, tier, c.string("for", true), c.string("source", true), date, c.string("note", false)));
			}
		}
		return findings.isEmpty() ? new Result(List.copyOf(contacts), List.of()) : new Result(List.of(), findings.sorted());
	}

}
