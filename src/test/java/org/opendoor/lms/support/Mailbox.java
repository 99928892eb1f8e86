package org.opendoor.lms.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a free port, so test classes that run at the same time on one machine do not
 * share one; register it as a static {@code @RegisterExtension} field and its port with {@link #register}.
 */
public final class Mailbox {

	private final int port;

	private final GreenMailExtension smtp;

	public Mailbox() {
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.smtp = new GreenMailExtension(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
			.withPerMethodLifecycle(false);
	}

	/** The JUnit extension that starts and stops the server. */
	public GreenMailExtension extension() {
		return smtp;
	}

	/** Points the app's mail settings at this server. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> port);
	}

	/** Every email received for an address so far. */
	public List<MimeMessage> to(String email) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients()[0].toString().equals(email);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** Waits up to ten seconds for the {@code n}th email to an address (counting from 1). */
	public MimeMessage await(String email, int n) {
		long end = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < end) {
			List<MimeMessage> found = to(email);
			if (found.size() >= n) {
				return found.get(n - 1);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("no email number " + n + " to " + email);
	}

	/** The first email to an address, waited for. */
	public MimeMessage await(String email) {
		return await(email, 1);
	}

	/** An email's text as its reader sees it (decoded). */
	public static String text(MimeMessage message) {
		try {
			return message.getContent().toString();
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An email's subject. */
	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The first link in an email's text matching a pattern (for example {@code https?://\S+/password/reset/\S+}). */
	public static String link(MimeMessage message, String pattern) {
		Matcher m = Pattern.compile(pattern).matcher(text(message));
		if (!m.find()) {
			throw new AssertionError("no link like " + pattern + " in:\n" + text(message));
		}
		return m.group();
	}

}
