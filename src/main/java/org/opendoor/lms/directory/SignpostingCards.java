package org.opendoor.lms.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.opendoor.lms.account.Nation;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.opendoor.lms.directory.internal.SignpostingCard;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * An organisation's printable signposting card: the national contacts for the organisation's nation and
 * its local services, grouped by tier, most urgent first.
 */
@Service
public class SignpostingCards {

	private final LocalServices services;

	private final SupportContacts contacts;

	private final MessageSource messages;

	private final SignpostingCard card;

	private final Clock clock;

	public SignpostingCards(LocalServices services, SupportContacts contacts, MessageSource messages,
			DirectoryProperties properties, Optional<Clock> clock) {
		this.services = services;
		this.contacts = contacts;
		this.messages = messages;
		this.card = new SignpostingCard(properties.cardFont());
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** The nation code the national contacts use for a nation. */
	static String nationCode(Nation nation) {
		return nation.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Draws the card of an organisation, in the reader's language; national contacts for the given nation. */
	public byte[] card(long actorId, long organisationId, Nation nation, Locale locale) {
		String name = services.organisationName(actorId, organisationId);
		List<LocalService> local = services.list(actorId, organisationId);
		String language = "cy".equals(locale.getLanguage()) ? "cy" : "en";
		List<SupportContact> national = contacts.forNation(nationCode(nation), language);
		DateTimeFormatter dates = DateTimeFormatter.ofPattern("d MMMM yyyy", "cy".equals(language)
				? Locale.forLanguageTag("cy") : Locale.UK);
		List<SignpostingCard.Section> sections = new ArrayList<>();
		for (Tier tier : Tier.values()) {
			List<SignpostingCard.Entry> entries = new ArrayList<>();
			for (LocalService s : local) {
				if (s.tier() == tier) {
					entries.add(new SignpostingCard.Entry(s.name(), s.reach(), text(locale, "card.localDetails", s.offer(),
							s.hours(), s.forWhom(), s.lastReviewed().format(dates))));
				}
			}
			for (SupportContact c : national) {
				if (Tier.ofNationalTier(c.tier()) == tier) {
					entries.add(new SignpostingCard.Entry(c.name(), c.reach(),
							text(locale, "card.nationalDetails", c.hours(), c.forWhom(), contacts.statusText(c, locale))));
				}
			}
			if (!entries.isEmpty()) {
				sections.add(new SignpostingCard.Section(text(locale, "directory.tier." + tier.name()),
						text(locale, "directory.tier." + tier.name() + ".hint"), tier == Tier.URGENT, entries));
			}
		}
		LocalDate today = LocalDate.now(clock);
		return card.render(new SignpostingCard.Content(language, text(locale, "card.title", name),
				text(locale, "card.lead"), sections,
				text(locale, "card.footer", text(locale, "nation." + nation.name()), today.format(dates)),
				text(locale, "card.overflow"), today));
	}

	private String text(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, locale);
	}

}
