package org.opendoor.lms.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.UnsubscribeLinks;
import org.opendoor.lms.certificate.internal.CertificateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.opendoor.lms.learning.LearningEvents;

/**
 * Emails each learner their certificate once. A sender first claims the certificate (PENDING to
 * SENDING), sends, then marks it SENT; a failed send goes back to PENDING and is tried again later.
 * If the process dies between sending and marking, the email is not sent twice (at most once).
 * Without a configured SMTP server, emails wait as PENDING.
 */
@Component
public class CertificateMailer {

	private static final Logger log = LoggerFactory.getLogger(CertificateMailer.class);

	private final CertificateStore store;

	private final Certificates certificates;

	private final Accounts accounts;

	private final ObjectProvider<JavaMailSender> mail;

	private final MessageSource messages;

	private final String from;

	private final int reminderDays;

	private final org.opendoor.lms.startup.PublicAddress address;

	private final Clock clock;

	private final UnsubscribeLinks unsubscribeLinks;

	CertificateMailer(CertificateStore store, Certificates certificates, Accounts accounts, UnsubscribeLinks unsubscribeLinks,
			ObjectProvider<JavaMailSender> mail, MessageSource messages,
			@Value("${lms.mail.from:Open Door <no-reply@opendoor.invalid>}") String from,
			@Value("${lms.certificate.remind-days-before:60}") int reminderDays, org.opendoor.lms.startup.PublicAddress address,
			Optional<Clock> clock) {
		this.store = store;
		this.certificates = certificates;
		this.accounts = accounts;
		this.unsubscribeLinks = unsubscribeLinks;
		this.mail = mail;
		this.messages = messages;
		this.from = from;
		this.reminderDays = reminderDays;
		this.address = address;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** Emails the certificate of a pass as soon as it is committed, off the learner's request. */
	@org.springframework.scheduling.annotation.Async
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	public void afterPass(LearningEvents.AssessmentSubmitted event) {
		if (event.mark().passed()) {
			sendPending();
		}
	}

	/** Sends every pending certificate email; returns how many were sent. */
	@Scheduled(fixedDelayString = "${lms.certificate.mail-every:PT1M}", initialDelayString = "PT10S")
	public int sendPending() {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		int sent = 0;
		for (long id : store.pendingEmails()) {
			if (!store.claimEmail(id)) {
				continue;
			}
			try {
				send(sender, id);
				store.markEmailed(id);
				sent++;
			}
			catch (MessagingException | RuntimeException ex) {
				store.releaseEmail(id);
				log.warn("Certificate email {} not sent yet ({}); it will be tried again", id, ex.getClass().getSimpleName());
			}
		}
		return sent;
	}

	/** Reminds learners whose certificates expire within the reminder window; once per certificate, never after they unsubscribe. */
	@Scheduled(cron = "${lms.certificate.remind-cron:0 0 9 * * *}")
	public void remindExpiring() {
		remindExpiring(LocalDate.now(clock));
	}

	/** Sends the expiry reminders due on a given day; returns how many were sent. */
	public int remindExpiring(LocalDate today) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		int sent = 0;
		for (long id : store.expiringUnreminded(today, today.plusDays(reminderDays))) {
			if (!store.claimReminder(id)) {
				continue;
			}
			try {
				String baseUrl = address.url();
				Certificate c = store.byId(id, baseUrl).orElseThrow();
				if (!accounts.acceptsReminders(c.learnerId())) {
					continue; // unsubscribed: the claim stands, so this reminder is never sent
				}
				Account learner = accounts.get(c.learnerId());
				Locale locale = "cy".equals(learner.language()) ? Locale.forLanguageTag("cy") : Locale.UK;
				MimeMessage message = sender.createMimeMessage();
				MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
				helper.setFrom(from);
				helper.setTo(learner.email());
				helper.setSubject(messages.getMessage("mail.reminder.subject", new Object[] { c.content().courseTitle() }, locale));
				String unsubscribe = baseUrl + "/unsubscribe/" + unsubscribeLinks.tokenFor(learner.id());
				helper.setText(messages.getMessage("mail.reminder.body", new Object[] { learner.displayName(),
						c.content().courseTitle(), c.content().expiresOn().toString(), baseUrl + "/courses", unsubscribe },
						locale));
				message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
				message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
				message.setHeader("Content-Language", locale.getLanguage());
				sender.send(message);
				sent++;
			}
			catch (MessagingException | RuntimeException ex) {
				store.releaseReminder(id);
				log.warn("Expiry reminder {} not sent yet ({}); it will be tried again", id, ex.getClass().getSimpleName());
			}
		}
		return sent;
	}

	private void send(JavaMailSender sender, long id) throws MessagingException {
		Certificate c = store.byId(id, "").orElseThrow();
		Account learner = accounts.get(c.learnerId());
		Locale locale = "cy".equals(learner.language()) ? Locale.forLanguageTag("cy") : Locale.UK;
		Optional<Certificate> full = certificates.verify(c.code());
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(from);
		helper.setTo(learner.email());
		helper.setSubject(messages.getMessage("mail.certificate.subject", new Object[] { c.content().courseTitle() }, locale));
		helper.setText(messages.getMessage("mail.certificate.body",
				new Object[] { learner.displayName(), c.content().courseTitle(), full.orElse(c).content().verifyUrl(), c.code() },
				locale));
		helper.addAttachment("certificate-" + c.code() + ".pdf", new ByteArrayResource(certificates.pdf(id)), "application/pdf");
		message.setHeader("Content-Language", locale.getLanguage());
		sender.send(message);
	}

	/** Ids waiting, for tests and operations. */
	public List<Long> pending() {
		return store.pendingEmails();
	}

}
