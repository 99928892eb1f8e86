package org.opendoor.lms.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.opendoor.lms.organisation.internal.VolunteerCsv;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the volunteers CSV import up to the database: the file read as {@link Invitations#importCsv}
 * reads it and every row checked as it checks them, for an organisation with a group and a member. The only
 * acceptable outcome is people to invite, or the import's validation errors: each a message key that exists
 * in English and Welsh (and formats with its arguments) and a line number within the file (0 for the whole
 * file). Any exception is a crash. Seeds are under {@code VolunteerCsvFuzzTestsInputs/}.
 */
class VolunteerCsvFuzzTests {

	private static final Properties ENGLISH = messages("messages.properties");

	private static final Properties WELSH = messages("messages_cy.properties");

	private static final Set<String> MEMBERS = Set.of("member@example.org");

	private static final Map<String, Long> GROUPS = Map.of("tuesday café", 7L);

	@FuzzTest
	void volunteersFile(byte[] file) {
		if (file.length == 0 || file.length > Invitations.MAX_BYTES) {
			return; // refused before reading, as importCsv does
		}
		VolunteerCsv.Parsed parsed = VolunteerCsv.read(file);
		Invitations.Checked checked = Invitations.check(parsed, MEMBERS, GROUPS);
		long lines = new String(file, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1).length;
		for (Invitations.ImportError e : checked.errors()) {
			assertThat(e.line()).as("an error's line is in the file: " + e).isBetween(0L, lines);
			for (Properties bundle : new Properties[] { ENGLISH, WELSH }) {
				String pattern = bundle.getProperty(e.messageKey());
				assertThat(pattern).as("the message " + e.messageKey() + " exists").isNotBlank();
				assertThat(new MessageFormat(pattern, Locale.ROOT).format(e.args().toArray())).isNotBlank();
			}
		}
		if (checked.errors().isEmpty()) {
			assertThat(checked.valid().size() + checked.members()).as("every row is invited or already a member")
				.isEqualTo(parsed.rows().size())
				.isPositive();
			checked.valid().forEach(v -> {
				assertThat(Invitations.validEmail(v.email())).isTrue();
				assertThat(v.name().length()).isLessThanOrEqualTo(120);
			});
		}
	}

	private static Properties messages(String name) {
		Properties p = new Properties();
		try (InputStream in = VolunteerCsvFuzzTests.class.getResourceAsStream("/" + name)) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return p;
	}

}
