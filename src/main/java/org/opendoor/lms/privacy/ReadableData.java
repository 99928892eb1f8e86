package org.opendoor.lms.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.opendoor.lms.account.ReadableTimes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personal-data document ({@link PersonalData#document}) as people read it on a page: each field with a label
 * in the reader's language, dates and times in UK time written out, yes or no, nations and languages by name;
 * nested records as labelled groups. The download stays JSON, for machines.
 */
@Component
class ReadableData {

	/**
	 * One labelled field, or a group of them.
	 *
	 * @param label what it is
	 * @param value its text ({@code null} for a group)
	 * @param children a group's fields (empty for a field)
	 */
	record Field(String label, String value, List<Field> children) {

		/** Whether this is a group of fields rather than one value. */
		public boolean group() {
			return value == null;
		}

	}

	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	/** Fields whose text is a key of a message, as {@code prefix + value}. */
	private static final Map<String, String> NAMED_VALUES = Map.of("nation", "nation.", "action", "admin.data.action.",
			"language", "data.value.language.", "status", "data.value.", "role", "data.value.", "roles", "data.value.");

	private final JsonMapper json;

	private final MessageSource messages;

	private final ReadableTimes times;

	ReadableData(JsonMapper json, MessageSource messages, ReadableTimes times) {
		this.json = json;
		this.messages = messages;
		this.times = times;
	}

	/** The document's sections (account, memberships, attempts…), leaving out the download's own note. */
	List<Field> of(Map<String, Object> document, Locale locale) {
		JsonNode tree = json.valueToTree(document);
		List<Field> sections = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : tree.properties()) {
			if (!"about".equals(entry.getKey())) {
				sections.add(field(entry.getKey(), entry.getValue(), locale));
			}
		}
		return sections;
	}

	private Field field(String name, JsonNode node, Locale locale) {
		String label = label(name, locale);
		if (node.isObject()) {
			return new Field(label, null, fields(node, locale));
		}
		if (node.isArray()) {
			if (node.isEmpty()) {
				return new Field(label, messages.getMessage("data.value.none", null, locale), List.of());
			}
			if (node.get(0).isObject()) {
				List<Field> items = new ArrayList<>();
				int n = 1;
				for (JsonNode item : node) {
					items.add(new Field(label + " " + n++, null, fields(item, locale)));
				}
				return new Field(label, null, items);
			}
			List<String> values = new ArrayList<>();
			for (JsonNode item : node) {
				values.add(text(name, item, locale));
			}
			return new Field(label, String.join(", ", values), List.of());
		}
		return new Field(label, text(name, node, locale), List.of());
	}

	private List<Field> fields(JsonNode object, Locale locale) {
		List<Field> fields = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			fields.add(field(entry.getKey(), entry.getValue(), locale));
		}
		return fields;
	}

	private String text(String name, JsonNode node, Locale locale) {
		if (node == null || node.isNull()) {
			return messages.getMessage("data.value.none", null, locale);
		}
		if (node.isBoolean()) {
			return messages.getMessage(node.booleanValue() ? "data.value.yes" : "data.value.no", null, locale);
		}
		String text = node.asString();
		if (NAMED_VALUES.containsKey(name)) {
			return messages.getMessage(NAMED_VALUES.get(name) + text, null, text, locale);
		}
		try {
			if (INSTANT.matcher(text).matches()) {
				return times.dateTime(Instant.parse(text), locale);
			}
			if (DATE.matcher(text).matches()) {
				return times.date(LocalDate.parse(text).atStartOfDay(ReadableTimes.UK).toInstant(), locale);
			}
		}
		catch (DateTimeParseException ex) {
			// not a date after all: shown as it is
		}
		return text;
	}

	/** A field's label from {@code data.field.<name>}, or its name written out ("organisationName" as "organisation name"). */
	private String label(String name, Locale locale) {
		String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		String fallback = Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
		return messages.getMessage("data.field." + name, null, fallback, locale);
	}

}
