package org.opendoor.lms.organisation;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails invitations, once each: a sender claims an invitation (PENDING to SENDING, making the link's
 * token), sends, then marks it SENT; a failed send goes back to PENDING and is tried again later with a
 * new link. The email is in English and Welsh, since the invitee's language is not known yet. Without a
 * configured SMTP server, invitations wait as PENDING.
 */
@Component
public class InvitationMailer {

	private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

	private static final Locale WELSH = Locale.forLanguageTag("cy");

	private final Invitations invitations;

	private final ObjectProvider<JavaMailSender> mail;

	private final MessageSource messages;

	private final String from;

	private final org.opendoor.lms.startup.PublicAddress address;

	private final SecureRandom random = new SecureRandom();

	InvitationMailer(Invitations invitations, ObjectProvider<JavaMailSender> mail, MessageSource messages,
			@Value("${lms.mail.from:Open Door <no-reply@opendoor.invalid>}") String from,
			org.opendoor.lms.startup.PublicAddress address) {
		this.invitations = invitations;
		this.mail = mail;
		this.messages = messages;
		this.from = from;
		this.address = address;
	}

	/** Sends new invitations as soon as they are committed, off the admin's request. */
	@Async
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	public void afterInvite(Invitations.InvitationsCreated event) {
		sendPending();
	}

	/** Sends every pending invitation; returns how many were sent. */
	@Scheduled(fixedDelayString = "${lms.organisation.invite-mail-every:PT1M}", initialDelayString = "PT15S")
	public synchronized int sendPending() {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		int sent = 0;
		for (long id : invitations.pendingEmails()) {
			byte[] bytes = new byte[24];
			random.nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			Invitations.Claimed claimed = invitations.claim(id, token).orElse(null);
			if (claimed == null) {
				continue;
			}
			try {
				send(sender, claimed);
				invitations.markSent(id);
				sent++;
			}
			catch (MessagingException | RuntimeException ex) {
				invitations.release(id);
				log.warn("Invitation email {} not sent yet ({}); it will be tried again", id, ex.getClass().getSimpleName());
			}
		}
		return sent;
	}

	private void send(JavaMailSender sender, Invitations.Claimed c) throws MessagingException {
		String link = address.url() + "/invitations/" + c.token();
		String name = c.displayName() == null ? "" : " " + c.displayName();
		String until = DateTimeFormatter.ISO_LOCAL_DATE.format(c.expiresAt().atZone(ZoneId.of("Europe/London")));
		Object[] args = { name, c.organisationName(), link, until };
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
		helper.setFrom(from);
		helper.setTo(c.email());
		helper.setSubject(messages.getMessage("mail.invite.subject", args, Locale.UK) + " / "
				+ messages.getMessage("mail.invite.subject", args, WELSH));
		helper.setText(messages.getMessage("mail.invite.body", args, Locale.UK) + "\n\n----\n\n"
				+ messages.getMessage("mail.invite.body", args, WELSH));
		sender.send(message);
	}

}
