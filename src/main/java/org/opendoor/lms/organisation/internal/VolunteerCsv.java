package org.opendoor.lms.organisation.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a volunteers file: a header row naming the columns {@code email} (required), {@code name} and
 * {@code group} (optional, any order, any case), then one volunteer a row. UTF-8 (with or without a
 * byte-order mark), commas, double quotes as spreadsheets write them. Only the shape is checked here;
 * the caller checks each row's values.
 */
public final class VolunteerCsv {

	/** The most rows one file may hold. */
	public static final int MAX_ROWS = 2000;

	private VolunteerCsv() {
	}

	/**
	 * One data row.
	 *
	 * @param line its line number in the file (the header is line 1)
	 * @param email the email cell, trimmed
	 * @param name the name cell, trimmed, or empty
	 * @param group the group cell, trimmed, or empty
	 */
	public record Row(long line, String email, String name, String group) {
	}

	/**
	 * A problem with the file or a line of it.
	 *
	 * @param line the line number, or 0 for the whole file
	 * @param messageKey what is wrong (a message key)
	 * @param args the message's arguments
	 */
	public record Problem(long line, String messageKey, List<String> args) {
	}

	/**
	 * What was read.
	 *
	 * @param rows the data rows
	 * @param problems problems with the file's shape (none when it could be read)
	 */
	public record Parsed(List<Row> rows, List<Problem> problems) {
	}

	public static Parsed read(byte[] bytes) {
		List<Problem> problems = new ArrayList<>();
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new Parsed(List.of(), List.of(new Problem(0, "org.import.notUtf8", List.of())));
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.isBlank()) {
			return new Parsed(List.of(), List.of(new Problem(0, "org.import.empty", List.of())));
		}
		CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get();
		List<Row> rows = new ArrayList<>();
		String content = text;
		int[] breaks = java.util.stream.IntStream.range(0, content.length()).filter(i -> content.charAt(i) == '\n').toArray();
		try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
			int email = -1;
			int name = -1;
			int group = -1;
			boolean header = true;
			for (CSVRecord record : parser) {
				long line = lineAt(breaks, record.getCharacterPosition());
				if (header) {
					header = false;
					for (int i = 0; i < record.size(); i++) {
						String column = record.get(i).toLowerCase(Locale.ROOT).strip();
						switch (column) {
							case "email", "email address", "e-mail" -> email = i;
							case "name", "full name" -> name = i;
							case "group", "site" -> group = i;
							default -> {
								// other columns are ignored
							}
						}
					}
					if (email < 0) {
						problems.add(new Problem(line, "org.import.noEmailColumn", List.of()));
						return new Parsed(List.of(), problems);
					}
					continue;
				}
				if (rows.size() >= MAX_ROWS) {
					problems.add(new Problem(line, "org.import.tooMany", List.of(String.valueOf(MAX_ROWS))));
					return new Parsed(List.of(), problems);
				}
				rows.add(new Row(line, cell(record, email), cell(record, name), cell(record, group)));
			}
		}
		catch (IOException | java.io.UncheckedIOException | IllegalStateException ex) {
			problems.add(new Problem(0, "org.import.unreadable", List.of()));
			return new Parsed(List.of(), problems);
		}
		if (rows.isEmpty() && problems.isEmpty()) {
			problems.add(new Problem(0, "org.import.noRows", List.of()));
		}
		return new Parsed(rows, problems);
	}

	/** The 1-based line on which a character position lies, as a spreadsheet or text editor counts. */
	private static long lineAt(int[] breaks, long position) {
		int i = java.util.Arrays.binarySearch(breaks, (int) position);
		return (i >= 0 ? i : -i - 1) + 1;
	}

	private static String cell(CSVRecord record, int index) {
		return index >= 0 && index < record.size() ? record.get(index).strip() : "";
	}

}
