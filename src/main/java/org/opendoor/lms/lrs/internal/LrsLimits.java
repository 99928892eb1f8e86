package org.opendoor.lms.lrs.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much the built-in LRS accepts in one request, so no client (signed in or not) can fill the server's
 * memory or the database: larger requests are answered 413 before their body is read, or as soon as
 * reading passes the limit. docs/xapi.md lists the defaults.
 *
 * @param statement one statement's JSON (the body of a statement PUT, or each statement of a batch)
 * @param batch the JSON of a statements POST
 * @param batchStatements how many statements one POST may carry
 * @param document a state, activity profile or agent profile document
 * @param attachment the attachments a statements request may carry besides its JSON, and so each one
 */
@ConfigurationProperties("lms.xapi.limits")
public record LrsLimits(@DefaultValue("256KB") DataSize statement, @DefaultValue("2MB") DataSize batch,
		@DefaultValue("1000") int batchStatements, @DefaultValue("1MB") DataSize document,
		@DefaultValue("8MB") DataSize attachment) {

	/** The defaults, for code that checks a body outside a request (tests and the fuzzer). */
	static final LrsLimits DEFAULTS = new LrsLimits(DataSize.ofKilobytes(256), DataSize.ofMegabytes(2), 1000,
			DataSize.ofMegabytes(1), DataSize.ofMegabytes(8));

	/** Room for the alternate request syntax's form fields besides its content. */
	private static final long FORM_FIELDS = 16 * 1024;

	public LrsLimits {
		for (DataSize size : new DataSize[] { statement, batch, document, attachment }) {
			if (size.toBytes() <= 0) {
				throw new IllegalArgumentException("lms.xapi.limits sizes must be positive");
			}
		}
		if (batchStatements <= 0) {
			throw new IllegalArgumentException("lms.xapi.limits.batch-statements must be positive");
		}
	}

	/**
	 * The most a request's body may hold.
	 *
	 * @param path the path under the context ({@code /xapi/statements})
	 * @param method the method the request stands for
	 * @param contentType its content type (attachments add their own allowance), or {@code null}
	 */
	Body body(String path, String method, String contentType) {
		boolean multipart = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
		long extra = multipart ? attachment.toBytes() : 0;
		if (path.equals("/xapi/statements") && "POST".equals(method)) {
			return new Body(batch.toBytes() + extra, multipart ? "a batch of statements with attachments"
					: "a batch of statements");
		}
		if (path.equals("/xapi/statements") && "PUT".equals(method)) {
			return new Body(statement.toBytes() + extra, multipart ? "a statement with attachments" : "a statement");
		}
		if (path.equals("/xapi/activities/state") || path.equals("/xapi/activities/profile")
				|| path.equals("/xapi/agents/profile")) {
			return new Body(document.toBytes(), "a document");
		}
		return new Body(statement.toBytes(), "this request");
	}

	/**
	 * The most the form of an alternate-syntax request may hold: its content percent-encoded (up to three
	 * bytes a byte) with room for the other fields. Attachments cannot be sent this way.
	 */
	Body form(String path, String method) {
		Body content = body(path, method, null);
		return new Body(content.bytes() * 3 + FORM_FIELDS, content.what() + " (alternate request syntax)");
	}

	/**
	 * A limit on a body.
	 *
	 * @param bytes how many bytes at most
	 * @param what what the body is, for the message
	 */
	record Body(long bytes, String what) {

		XapiTooLarge refusal() {
			return new XapiTooLarge(what, bytes);
		}

	}

	/** A 413: the body is larger than its limit. */
	static final class XapiTooLarge extends org.opendoor.lms.lrs.XapiException {

		private final long limit;

		XapiTooLarge(String what, long limit) {
			super(413, what + " may be at most " + size(limit));
			this.limit = limit;
		}

		XapiTooLarge(String what, long limit, String unit) {
			super(413, what + " may hold at most " + limit + " " + unit);
			this.limit = limit;
		}

		long limit() {
			return limit;
		}

		private static String size(long bytes) {
			if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
				return bytes / (1024 * 1024) + " MB";
			}
			if (bytes >= 1024 && bytes % 1024 == 0) {
				return bytes / 1024 + " KB";
			}
			return bytes + " bytes";
		}

	}

}
