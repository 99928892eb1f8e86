package org.opendoor.lms.lrs.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is read only up to its limit: a declared {@code Content-Length} over it is refused
 * at once, and a body sent without one (chunked) is refused as soon as reading passes it, so at most the
 * limit is ever held in memory.
 */
final class LimitedBody extends HttpServletRequestWrapper {

	private final LrsLimits.Body limit;

	private ServletInputStream counted;

	private LimitedBody(HttpServletRequest request, LrsLimits.Body limit) {
		super(request);
		this.limit = limit;
	}

	/** The request with its body limited, or the 413 if it declares a longer body. */
	static HttpServletRequest of(HttpServletRequest request, LrsLimits.Body limit) {
		if (request.getContentLengthLong() > limit.bytes()) {
			throw limit.refusal();
		}
		return new LimitedBody(request, limit);
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (counted == null) {
			counted = new Counted(super.getInputStream(), limit);
		}
		return counted;
	}

	@Override
	public BufferedReader getReader() throws IOException {
		String encoding = getCharacterEncoding();
		Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
		return new BufferedReader(new InputStreamReader(getInputStream(), charset));
	}

	/** Counts the bytes read and refuses the one past the limit. */
	private static final class Counted extends ServletInputStream {

		private final ServletInputStream in;

		private final LrsLimits.Body limit;

		private long read;

		Counted(ServletInputStream in, LrsLimits.Body limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit.bytes()) {
				throw limit.refusal();
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
