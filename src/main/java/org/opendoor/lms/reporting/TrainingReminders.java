package org.opendoor.lms.reporting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.UnsubscribeLinks;
import org.opendoor.lms.learning.LearningProgress.State;
import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds volunteers of overdue training and of certificates expiring within
 * {@value Dashboard#EXPIRY_DAYS} days: at most one email per person per calendar month, listing
 * everything due across their organisations, with an unsubscribe link that stops all reminder emails.
 * A send is claimed first (a {@code training_reminder} row per person and month, whose primary key
 * allows one), so two instances or two runs never send twice; a failed send removes its claim and is
 * tried at the next run. People who unsubscribed get nothing.
 */
@Component
public class TrainingReminders {

	private static final Logger log = LoggerFactory.getLogger(TrainingReminders.class);

	private final Organisations organisations;

	private final TrainingRecords records;

	private final Accounts accounts;

	private final UnsubscribeLinks links;

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> mail;

	private final MessageSource messages;

	private final String from;

	private final org.opendoor.lms.startup.PublicAddress address;

	private final Clock clock;

	TrainingReminders(Organisations organisations, TrainingRecords records, Accounts accounts, UnsubscribeLinks links,
			JdbcClient jdbc, ObjectProvider<JavaMailSender> mail, MessageSource messages,
			@Value("${lms.mail.from:Open Door <no-reply@opendoor.invalid>}") String from,
			org.opendoor.lms.startup.PublicAddress address, Optional<Clock> clock) {
		this.organisations = organisations;
		this.records = records;
		this.accounts = accounts;
		this.links = links;
		this.jdbc = jdbc;
		this.mail = mail;
		this.messages = messages;
		this.from = from;
		this.address = address;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** The period a reminder belongs to: its calendar month, for example {@code 2026-11}. */
	static String period(LocalDate day) {
		return DateTimeFormatter.ofPattern("yyyy-MM").format(day);
	}

	/** Runs every morning; each person still gets at most one reminder a month. */
	@Scheduled(cron = "${lms.reminders.cron:0 30 8 * * *}")
	public void run() {
		remind(LocalDate.now(clock));
	}

	/**
	 * One line of a reminder.
	 *
	 * @param organisation whose training it is
	 * @param row the training record
	 */
	record Item(Organisation organisation, TrainingRecords.Row row) {
	}

	/** Sends the reminders due on a day; returns how many emails were sent. */
	public synchronized int remind(LocalDate today) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		Map<Long, List<Item>> due = new LinkedHashMap<>();
		LocalDate last = today.plusDays(Dashboard.EXPIRY_DAYS);
		for (Organisation org : organisations.all()) {
			for (TrainingRecords.Row row : records.of(org.id(), null, null, today)) {
				boolean expiring = row.certificate() != null && !row.certificate().expiresOn().isBefore(today)
						&& !row.certificate().expiresOn().isAfter(last);
				if (row.overdue() || (expiring && row.state() == State.COMPLETED)) {
					due.computeIfAbsent(row.member().accountId(), k -> new ArrayList<>()).add(new Item(org, row));
				}
			}
		}
		String period = period(today);
		int sent = 0;
		for (Map.Entry<Long, List<Item>> e : due.entrySet()) {
			long person = e.getKey();
			if (!accounts.acceptsReminders(person) || !claim(person, period)) {
				continue;
			}
			try {
				send(sender, accounts.get(person), e.getValue(), today);
				jdbc.sql("update training_reminder set status = 'SENT' where user_id = ? and period = ?")
					.params(person, period)
					.update();
				sent++;
			}
			catch (MessagingException | RuntimeException ex) {
				jdbc.sql("delete from training_reminder where user_id = ? and period = ? and status = 'SENDING'")
					.params(person, period)
					.update();
				log.warn("Training reminder not sent yet ({}); it will be tried again", ex.getClass().getSimpleName());
			}
		}
		return sent;
	}

	private boolean claim(long person, String period) {
		try {
			return jdbc.sql("insert into training_reminder (user_id, period, status, sent_at) values (?, ?, 'SENDING', ?)")
				.params(person, period, Timestamp.from(clock.instant()))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private void send(JavaMailSender sender, Account person, List<Item> items, LocalDate today) throws MessagingException {
		Locale locale = "cy".equals(person.language()) ? Locale.forLanguageTag("cy") : Locale.UK;
		StringBuilder lines = new StringBuilder();
		for (Item item : items) {
			TrainingRecords.Row r = item.row();
			String key = r.overdue() ? "mail.training.overdueLine" : "mail.training.expiringLine";
			Object date = r.overdue() ? r.dueOn() : r.certificate().expiresOn();
			lines.append("- ")
				.append(messages.getMessage(key, new Object[] { records.courseTitle(r.course(), person.language()), item.organisation().name(), date.toString() },
						locale))
				.append('\n');
		}
		String baseUrl = address.url();
		String unsubscribe = baseUrl + "/unsubscribe/" + links.tokenFor(person.id());
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
		helper.setFrom(from);
		helper.setTo(person.email());
		helper.setSubject(messages.getMessage("mail.training.subject", null, locale));
		helper.setText(messages.getMessage("mail.training.body",
				new Object[] { person.displayName(), lines.toString(), baseUrl + "/courses", unsubscribe }, locale));
		message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
		message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		message.setHeader("Content-Language", locale.getLanguage());
		sender.send(message);
	}

}
