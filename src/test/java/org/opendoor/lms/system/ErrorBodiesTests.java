package org.opendoor.lms.system;

import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.support.LrsClient;
import org.opendoor.lms.lrs.StatementStore;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.when;

/**
 * When the database refuses a request in a way the app did not expect, the error the client sees (JSON for
 * an API client, the error page for a browser) says something went wrong and nothing more: no SQL, no
 * table, no exception class, no stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class ErrorBodiesTests {

	private static final String SQL = "insert into xapi_statement (id, verb_id, registration, stored_at, voided, body) values (?, ?, ?, ?, false, ?)";

	@LocalServerPort
	int port;

	@MockitoBean
	StatementStore statements;

	@Test
	void aDatabaseFailureShowsNeitherSqlNorAStackTrace() {
		when(statements.find(any(), anyBoolean())).thenThrow(new DuplicateKeyException(
				"PreparedStatementCallback; SQL [" + SQL + "]; Unique index or primary key violation",
				new SQLException("Unique index or primary key violation: PUBLIC.XAPI_STATEMENT_ID_UNIQUE", "23505")));
		LrsClient lrs = new LrsClient(port, "demo-lrs-key", "demo-lrs-secret", "1.0.3");
		String path = "/xapi/statements?statementId=" + UUID.randomUUID();
		for (String accept : new String[] { "application/json", "text/html" }) {
			LrsClient.Reply reply = lrs.send("GET", path, null, null, "Accept", accept);
			assertThat(reply.status()).isEqualTo(500);
			assertThat(reply.header("Content-Type")).contains(accept.substring(accept.indexOf('/') + 1));
			assertThat(reply.text()).as(accept)
				.doesNotContainIgnoringCase("xapi_statement")
				.doesNotContainIgnoringCase("SQL")
				.doesNotContain("Exception")
				.doesNotContain("Unique index")
				.doesNotContain("\tat ")
				.doesNotContain("org.springframework");
		}
		assertThat(lrs.send("GET", path, null, null, "Accept", "application/json").json().get("error").asString())
			.isEqualTo("Internal Server Error");
	}

}
