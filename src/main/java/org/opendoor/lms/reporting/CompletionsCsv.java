package org.opendoor.lms.reporting;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;

/**
 * Writes completions as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Welsh letters).
 * A cell starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").
 */
final class CompletionsCsv {

	private static final ZoneId UK = ZoneId.of("Europe/London");

	private CompletionsCsv() {
	}

	static String write(List<TrainingRecords.Row> rows, MessageSource messages, Locale locale) {
		StringWriter out = new StringWriter();
		out.write('\uFEFF');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
			String[] header = { "name", "email", "group", "course", "status", "due", "overdue", "completed", "certificate",
					"expires" };
			for (String h : header) {
				csv.print(messages.getMessage("export.column." + h, null, locale));
			}
			csv.println();
			for (TrainingRecords.Row r : rows) {
				csv.printRecord(safe(r.member().displayName()), safe(r.member().email()),
						safe(r.member().groupName() == null ? "" : r.member().groupName()), safe(r.course().title()),
						messages.getMessage("org.state." + r.state().name(), null, locale),
						r.dueOn() == null ? "" : r.dueOn().toString(),
						messages.getMessage(r.overdue() ? "export.yes" : "export.no", null, locale),
						r.completedAt() == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(r.completedAt().atZone(UK)),
						r.certificate() == null ? "" : r.certificate().code(),
						r.certificate() == null ? "" : r.certificate().expiresOn().toString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** A cell value a spreadsheet will not treat as a formula. */
	static String safe(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + value : value;
	}

}
