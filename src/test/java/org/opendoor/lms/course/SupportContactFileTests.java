package org.opendoor.lms.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.course.internal.ContactsReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support contacts file: {@code last_reviewed} is a day someone checked the record with the service (never in
 * the future, never malformed) or {@code unchecked}; the Welsh file gives the same numbers; the shipped files keep
 * to it and carry the services the content brief asks for.
 */
class SupportContactFileTests {

	private static final Path COURSES = Path.of("courses");

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

	@TempDir
	Path dir;

	private static String record(String id, String reach, String reviewed) {
		return """
				  - id: %s
				    name: A service
				    reach: %s
				    hours: Any time
				    nations: [wales]
				    tier: support
				    for: Anyone
				    source: https://example.org/
				    last_reviewed: %s
				""".formatted(id, reach, reviewed);
	}

	private ContactsReader.Result read(String yaml) throws IOException {
		Files.writeString(dir.resolve(SupportContacts.FILE), "contacts:\n" + yaml);
		return new ContactsReader(TODAY).read(dir, dir.resolve(SupportContacts.FILE));
	}

	@Test
	void aReviewDateInTheFutureIsRefusedWithFileAndLine() throws IOException {
		ContactsReader.Result read = read(record("a", "Call 0800 1111", "2026-12-06") + record("b", "Call 116 123", "2026-12-08"));
		assertThat(read.contacts()).isEmpty();
		assertThat(read.findings()).singleElement().satisfies(f -> {
			assertThat(f.file()).isEqualTo("support-contacts.yaml");
			assertThat(f.line()).isEqualTo(19);
			assertThat(f.message()).contains("2026-12-08 is in the future");
		});
	}

	@Test
	void aMalformedReviewDateIsRefusedWithFileAndLine() throws IOException {
		ContactsReader.Result read = read(record("a", "Call 0800 1111", "23/11/2026"));
		assertThat(read.findings()).singleElement().satisfies(f -> {
			assertThat(f.file() + ":" + f.line()).isEqualTo("support-contacts.yaml:10");
			assertThat(f.message()).contains("'last_reviewed' must be the date someone checked the record")
				.contains("'unchecked'");
		});
	}

	@Test
	void anUncheckedRecordHasNoDateAndSaysSo() throws IOException {
		ContactsReader.Result read = read(record("a", "Call 0800 1111", "unchecked") + record("b", "Call 116 123", "2026-12-07")
				+ record("c", "Call 111", "2025-12-06"));
		assertThat(read.findings()).isEmpty();
		assertThat(read.contacts()).extracting(SupportContact::lastReviewed)
			.containsExactly(null, TODAY, LocalDate.of(2025, 12, 6));
		assertThat(read.contacts()).extracting(SupportContact::status)
			.containsExactly(SupportContact.Status.UNCHECKED, SupportContact.Status.CHECKED, SupportContact.Status.OVERDUE);
		assertThat(read.contacts().get(0).isStale(TODAY)).isTrue();
	}

	@Test
	void aCheckRecordedInTheAppCountsOnlyWhenLaterThanTheFilesDate() {
		SupportContact unchecked = new SupportContact("a", "A", "Call 111", "any", List.of("wales"), "urgent", "all", "src",
				null, null, TODAY);
		assertThat(unchecked.withCheck(LocalDate.of(2026, 1, 1), TODAY).status()).isEqualTo(SupportContact.Status.CHECKED);
		assertThat(unchecked.withCheck(LocalDate.of(2025, 1, 1), TODAY).status()).isEqualTo(SupportContact.Status.OVERDUE);
		assertThat(unchecked.withCheck(null, TODAY).status()).isEqualTo(SupportContact.Status.UNCHECKED);
		SupportContact checked = unchecked.withCheck(LocalDate.of(2026, 6, 1), TODAY);
		assertThat(checked.withCheck(LocalDate.of(2026, 2, 1), TODAY).lastReviewed()).isEqualTo(LocalDate.of(2026, 6, 1));
	}

	@Test
	void aWelshReachMustGiveTheSameNumbers() throws IOException {
		Files.writeString(dir.resolve(SupportContacts.FILE), "contacts:\n" + record("a", "Text SHOUT to 85258", "unchecked"));
		Files.writeString(dir.resolve("support-contacts.cy.yaml"),
				"contacts:\n" + record("a", "Tecstiwch SHOUT i 85259", "unchecked"));
		ContactsReader.Result read = new ContactsReader(TODAY).readTranslation(dir, dir.resolve(SupportContacts.FILE), "cy");
		assertThat(read.findings()).singleElement().satisfies(f -> {
			assertThat(f.file() + ":" + f.line()).isEqualTo("support-contacts.cy.yaml:4");
			assertThat(f.message()).contains("sms:85259?&body=SHOUT").contains("sms:85258?&body=SHOUT");
		});
		Files.writeString(dir.resolve("support-contacts.cy.yaml"),
				"contacts:\n" + record("a", "Tecstiwch SHOUT i 85258", "unchecked"));
		assertThat(new ContactsReader(TODAY).readTranslation(dir, dir.resolve(SupportContacts.FILE), "cy").findings())
			.isEmpty();
	}

	@Test
	void theShippedFilesClaimNoCheckThatDidNotHappenAndCarryTheBriefsServices() {
		ContactsReader.Result english = new ContactsReader().read(COURSES, COURSES.resolve(SupportContacts.FILE));
		ContactsReader.Result welsh = new ContactsReader().readTranslation(COURSES, COURSES.resolve(SupportContacts.FILE), "cy");
		assertThat(english.findings()).isEmpty();
		assertThat(welsh.findings()).isEmpty();
		// a record still marked "verify" has not been checked with the service, so it carries no check date
		assertThat(english.contacts()).filteredOn(c -> c.note() != null)
			.isNotEmpty()
			.allSatisfy(c -> assertThat(c.lastReviewed()).as(c.id()).isNull());
		assertThat(english.contacts()).allSatisfy(c -> assertThat(c.source()).as(c.id()).isNotBlank());
		assertThat(english.contacts()).extracting(SupportContact::id)
			.contains("childline", "nspcc-helpline", "call-wales", "meic", "emergency-sms", "emergency-bsl", "samaritans-welsh");
		assertThat(english.contacts()).extracting(c -> String.join(" ", PhoneLinks.targets(c.reach())))
			.contains("tel:08001111", "tel:08088005000", "tel:0800132737 sms:81066?&body=HELP", "tel:08088023456",
					"tel:08000684141 sms:88247", "tel:08081640123", "sms:999?&body=REGISTER sms:999");
		assertThat(english.contacts()).filteredOn(c -> c.id().equals("call-wales") || c.id().equals("meic"))
			.allSatisfy(c -> assertThat(c.nations()).containsExactly("wales"));
		// the Welsh file's reach, hours and who-it-is-for are Welsh, not the English text
		for (int i = 0; i < english.contacts().size(); i++) {
			SupportContact en = english.contacts().get(i);
			SupportContact cy = welsh.contacts().get(i);
			assertThat(cy.reach()).as(en.id() + " reach").isNotEqualTo(en.reach());
			assertThat(cy.hours()).as(en.id() + " hours").isNotEqualTo(en.hours());
			assertThat(cy.forWhom()).as(en.id() + " for").isNotEqualTo(en.forWhom());
		}
	}

}
