package org.opendoor.lms.account;

import java.time.Instant;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.opendoor.lms.startup.PublicAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Emails about passwords, in the account's language: the reset link, and a notice that the password was changed.
 * Both are sent off the visitor's request, so the answer to "reset my password" takes as long whether or not the
 * address has an account. Links start with the one configured public address ({@link PublicAddress}), never with
 * anything a request says about the host. Without a configured SMTP server nothing is sent. Nothing personal
 * (address, token) is logged.
 */
@Component
class PasswordMailer {

	private static final Logger log = LoggerFactory.getLogger(PasswordMailer.class);

	private final PasswordResets resets;

	private final Accounts accounts;

	private final ObjectProvider<JavaMailSender> mail;

	private final MessageSource messages;

	private final PublicAddress address;

	private final ReadableTimes times;

	private final String from;

	PasswordMailer(PasswordResets resets, Accounts accounts, ObjectProvider<JavaMailSender> mail, MessageSource messages,
			PublicAddress address, ReadableTimes times,
			@Value("${lms.mail.from:Open Door <no-reply@opendoor.invalid>}") String from) {
		this.resets = resets;
		this.accounts = accounts;
		this.mail = mail;
		this.messages = messages;
		this.address = address;
		this.times = times;
		this.from = from;
	}

	/** Emails a reset link to the address if it has an account that signs in with a password; otherwise nothing. */
	@Async
	public void sendResetLink(String email) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			log.info("A password reset was asked for, but no mail server is configured (spring.mail.host)");
			return;
		}
		resets.issue(email).ifPresent(issued -> {
			Account account = issued.account();
			String link = address.url() + "/password/reset/" + issued.token();
			send(sender, account, "mail.passwordReset",
					new Object[] { account.displayName(), resets.validFor().toMinutes(), link });
		});
	}

	/** Tells the account's owner that their password was changed, with a way back in if it was not them. */
	@Async
	public void sendChanged(long accountId, Instant when) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return;
		}
		Account account = accounts.get(accountId);
		Locale locale = locale(account);
		send(sender, account, "mail.passwordChanged", new Object[] { account.displayName(),
				times.dateTime(when, locale), address.url() + "/password/forgotten" });
	}

	private void send(JavaMailSender sender, Account account, String key, Object[] args) {
		Locale locale = locale(account);
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(from);
			helper.setTo(account.email());
			helper.setSubject(messages.getMessage(key + ".subject", args, locale));
			helper.setText(messages.getMessage(key + ".body", args, locale));
			sender.send(message);
		}
		catch (MessagingException | RuntimeException ex) {
			log.warn("Password email ({}) to account {} not sent: {}", key, account.id(), ex.getClass().getSimpleName());
		}
	}

	private static Locale locale(Account account) {
		return "cy".equals(account.language()) ? Locale.forLanguageTag("cy") : Locale.UK;
	}

}
