package org.opendoor.lms.lrs.internal;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.XapiException;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs before security on {@code /xapi/*}: refuses bodies larger than {@link LrsLimits} allow (413, from
 * {@code Content-Length} or while the body is read), turns the 1.0.3 alternate request syntax (a form POST
 * carrying the method, headers and content) into the request it stands for, requires a supported
 * {@code X-Experience-API-Version} header, and answers with the version in use.
 */
class XapiRequestFilter extends OncePerRequestFilter {

	static final String VERSION_ATTRIBUTE = XapiRequestFilter.class.getName() + ".version";

	private static final Set<String> HEADER_PARAMS = Set.of("authorization", "x-experience-api-version",
			"content-type", "content-length", "if-match", "if-none-match");

	private final LrsLimits limits;

	XapiRequestFilter(LrsLimits limits) {
		this.limits = limits;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(request.getContextPath() + "/xapi/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			HttpServletRequest effective;
			String path = request.getRequestURI().substring(request.getContextPath().length());
			String query = request.getQueryString();
			boolean alternate = "POST".equals(request.getMethod()) && query != null && query.contains("method=");
			if (alternate) {
				effective = alternate(request, path, limits);
			}
			else {
				effective = LimitedBody.of(request, limits.body(path, request.getMethod(), request.getContentType()));
			}
			String version = effective.getHeader("X-Experience-API-Version");
			if ("OPTIONS".equals(effective.getMethod())) {
				chain.doFilter(effective, response);
				return;
			}
			if (version == null && !path.equals("/xapi/about")) {
				// A request without the header comes from a pre-1.0 (0.95) client: answer as the specification
				// allows for those, with the 0.95 version header and 400.
				response.setHeader("X-Experience-API-Version", "0.95");
				response.setStatus(400);
				response.setContentType("text/plain;charset=UTF-8");
				if (path.equals("/xapi/statements")) {
					response.setHeader("X-Experience-API-Consistent-Through", StatementJson.timestamp(java.time.Instant.now()));
				}
				response.getWriter().write("the X-Experience-API-Version header is required (1.0.x or 2.0.x)");
				return;
			}
			String used = version == null ? "2.0.0" : "1.0.3";
			if (version != null) {
				if (version.matches("^2\\.0(\\.\\d+)?$")) {
					used = "2.0.0";
				}
				else if (!version.matches("^1\\.0(\\.\\d+)?$")) {
					throw XapiException.badRequest("X-Experience-API-Version " + version + " is not supported");
				}
			}
			if ("2.0.0".equals(used) && alternate) {
				throw XapiException.badRequest("the alternate request syntax is not part of xAPI 2.0");
			}
			effective.setAttribute(VERSION_ATTRIBUTE, used);
			if (path.equals("/xapi/statements")
					&& ("GET".equals(effective.getMethod()) || "HEAD".equals(effective.getMethod()))) {
				// every answer to a statement query says how far it is consistent, errors included
				response.setHeader("X-Experience-API-Consistent-Through", StatementJson.timestamp(java.time.Instant.now()));
			}
			response.setHeader("X-Experience-API-Version", used);
			chain.doFilter(effective, response);
		}
		catch (LrsLimits.XapiTooLarge ex) {
			response.setHeader("X-Experience-API-Version", "2.0.0");
			tooLarge(ex, response);
		}
		catch (XapiException ex) {
			response.setHeader("X-Experience-API-Version", "2.0.0");
			if (request.getRequestURI().endsWith("/xapi/statements")) {
				response.setHeader("X-Experience-API-Consistent-Through", StatementJson.timestamp(java.time.Instant.now()));
			}
			response.setStatus(ex.status());
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write(ex.getMessage());
		}
	}

	/**
	 * Answers 413 with a JSON error and closes the connection, so the rest of an oversized body is never
	 * read.
	 */
	static void tooLarge(LrsLimits.XapiTooLarge ex, HttpServletResponse response) throws IOException {
		response.setStatus(413);
		response.setHeader("Connection", "close");
		response.setContentType("application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(errorJson(ex));
	}

	/** An LRS error as JSON: status, a short code and the message. */
	static String errorJson(LrsLimits.XapiTooLarge ex) {
		tools.jackson.databind.node.ObjectNode error = StatementJson.JSON.createObjectNode();
		error.put("status", ex.status());
		error.put("error", "request_too_large");
		error.put("message", ex.getMessage());
		error.put("limit", ex.limit());
		return StatementJson.JSON.writeValueAsString(error);
	}

	private static HttpServletRequest alternate(HttpServletRequest request, String path, LrsLimits limits)
			throws IOException {
		Map<String, String[]> query = parse(request.getQueryString());
		if (query.size() != 1 || !query.containsKey("method")) {
			throw XapiException.badRequest("with the alternate request syntax, method is the only query parameter");
		}
		String method = query.get("method")[0].toUpperCase(Locale.ROOT);
		if (!List.of("GET", "HEAD", "PUT", "POST", "DELETE").contains(method)) {
			throw XapiException.badRequest("method must be GET, HEAD, PUT, POST or DELETE");
		}
		String type = request.getContentType();
		if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
			throw XapiException.badRequest("the alternate request syntax needs application/x-www-form-urlencoded");
		}
		byte[] raw = LimitedBody.of(request, limits.form(path, method)).getInputStream().readAllBytes();
		Map<String, String[]> form = parse(new String(raw, StandardCharsets.UTF_8));
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, String[]> params = new LinkedHashMap<>();
		String content = null;
		for (Map.Entry<String, String[]> e : form.entrySet()) {
			String name = e.getKey();
			if (HEADER_PARAMS.contains(name.toLowerCase(Locale.ROOT))) {
				headers.put(name, e.getValue()[0]);
			}
			else if ("content".equals(name)) {
				content = e.getValue()[0];
			}
			else {
				params.put(name, e.getValue());
			}
		}
		StringBuilder newQuery = new StringBuilder();
		params.forEach((k, vs) -> {
			for (String v : vs) {
				if (newQuery.length() > 0) {
					newQuery.append('&');
				}
				newQuery.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
					.append('=')
					.append(URLEncoder.encode(v, StandardCharsets.UTF_8));
			}
		});
		byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
		LrsLimits.Body limit = limits.body(path, method, null);
		if (body.length > limit.bytes()) {
			throw limit.refusal();
		}
		if (content != null && !headers.containsKey("content-type")) {
			headers.put("Content-Type", "application/json");
		}
		return new Rewritten(request, method, headers, params, newQuery.toString(), body);
	}

	static Map<String, String[]> parse(String encoded) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (encoded != null && !encoded.isEmpty()) {
			for (String pair : encoded.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int eq = pair.indexOf('=');
				String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				values.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
			}
		}
		Map<String, String[]> out = new LinkedHashMap<>();
		values.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
		return out;
	}

	/** The request the alternate syntax stands for. */
	private static final class Rewritten extends HttpServletRequestWrapper {

		private final String method;

		private final Map<String, String> headers;

		private final Map<String, String[]> params;

		private final String query;

		private final byte[] body;

		Rewritten(HttpServletRequest request, String method, Map<String, String> headers, Map<String, String[]> params,
				String query, byte[] body) {
			super(request);
			this.method = method;
			this.headers = headers;
			this.params = params;
			this.query = query;
			this.body = body;
		}

		@Override
		public String getMethod() {
			return method;
		}

		@Override
		public String getHeader(String name) {
			if ("content-length".equalsIgnoreCase(name)) {
				return Integer.toString(body.length);
			}
			if (headers.containsKey(name)) {
				return headers.get(name);
			}
			if ("content-type".equalsIgnoreCase(name)) {
				return null;
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			String v = getHeader(name);
			return v == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(v));
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			java.util.Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			names.addAll(Collections.list(super.getHeaderNames()));
			names.remove("content-type");
			names.remove("content-length");
			names.addAll(headers.keySet());
			return Collections.enumeration(names);
		}

		@Override
		public String getContentType() {
			return headers.get("content-type");
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public String getQueryString() {
			return query.isEmpty() ? null : query;
		}

		@Override
		public String getParameter(String name) {
			String[] v = params.get(name);
			return v == null ? null : v[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Collections.unmodifiableMap(params);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(params.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return params.get(name);
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
				}

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}
