package org.opendoor.lms.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * While the database cannot be reached (restarting, network gone, pool exhausted), a visitor gets a
 * clear 503 page in their language with {@code Retry-After}, never a stack trace or a 500. It sits in
 * front of the session filter because sessions live in the database: loading or saving the session can
 * be the first thing to fail, before Spring MVC or its error page are involved. The page is built here
 * without the database (the language comes from the browser's {@code Accept-Language}, since the
 * signed-in learner's profile cannot be read); API clients ({@code /xapi/**}, {@code /api/**}) get JSON.
 */
class DatabaseUnreachableFilter extends OncePerRequestFilter {

	/** Registered before Spring Session's filter, which loads and saves the session in the database. */
	@org.springframework.context.annotation.Configuration
	static class Registration {

		@org.springframework.context.annotation.Bean
		FilterRegistrationBean<DatabaseUnreachableFilter> databaseUnreachableFilter(MessageSource messages) {
			FilterRegistrationBean<DatabaseUnreachableFilter> registration = new FilterRegistrationBean<>(
					new DatabaseUnreachableFilter(messages));
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
			// also the error dispatch: the error page loads the session from the database too
			registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR,
					jakarta.servlet.DispatcherType.ASYNC);
			return registration;
		}

	}

	static final String RETRY_AFTER_SECONDS = "30";

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnreachableFilter.class);

	private final MessageSource messages;

	DatabaseUnreachableFilter(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object failed = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION);
		if (failed instanceof Throwable t && unreachable(t) != null && !response.isCommitted()) {
			// the request failed because the database is out of reach: its error page would need it too
			log.warn("Database unreachable, answered 503 to {} {}: {}", request.getMethod(),
					request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI), unreachable(t).toString());
			unavailable(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			Throwable cause = unreachable(ex);
			if (cause == null) {
				throw ex;
			}
			if (response.isCommitted()) {
				// part of the page has gone already: nothing better can be sent than ending it here
				log.warn("Database unreachable after the response to {} {} had started: {}", request.getMethod(),
						request.getRequestURI(), cause.toString());
				throw ex;
			}
			// no personal data: the exception's class and message only (never the request's session or user)
			log.warn("Database unreachable, answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(),
					cause.toString());
			unavailable(request, response);
		}
	}

	/** The exception in the chain that says the database is out of reach, or {@code null}. */
	static Throwable unreachable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
					|| t instanceof TransientDataAccessResourceException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
				return t;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				// 08: connection exception; 57P01-57P03: the server is shutting down or starting up
				return t;
			}
		}
		return null;
	}

	private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Locale locale = WebConfiguration.browserLocale(request);
		String message = messages.getMessage("error.databaseUnreachable", null, locale);
		response.reset();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (api(request)) {
			response.setContentType("application/json");
			response.getWriter().write("{\"status\":503,\"error\":\"database_unreachable\",\"message\":\""
					+ message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
			return;
		}
		String title = messages.getMessage("error.databaseUnreachable.title", null, locale);
		String home = messages.getMessage("app.name", null, locale);
		response.setContentType("text/html");
		response.getWriter().write("<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\">\n<head>\n"
				+ "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
				+ "<title>" + HtmlUtils.htmlEscape(title + " – " + home, "UTF-8") + "</title>\n"
				+ "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/site.css\">\n</head>\n<body>\n"
				+ "<main id=\"main\" class=\"narrow\">\n<h1>" + HtmlUtils.htmlEscape(title, "UTF-8") + "</h1>\n<p>"
				+ HtmlUtils.htmlEscape(message, "UTF-8") + "</p>\n</main>\n</body>\n</html>\n");
	}

	private static boolean api(HttpServletRequest request) {
		Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
		String uri = original instanceof String o ? o : request.getRequestURI();
		String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
		return path.startsWith("/xapi/") || path.startsWith("/api/") || path.equals("/xapi") || path.equals("/api");
	}

}
