package org.opendoor.lms.xapi.forward;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.xapi.XapiProperties;
import org.opendoor.lms.xapi.XapiProperties.Destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings that could never deliver stop the application at start, with a message that names the setting but not the secret. */
class ForwardingSettingsTests {

	private static XapiProperties with(Destination... destinations) {
		return new XapiProperties("https://opendoor.example.org", List.of(destinations), 100, Duration.ofSeconds(2),
				Duration.ofSeconds(10));
	}

	private static Destination lrs(String name, String endpoint, String version) {
		return new Destination(name, URI.create(endpoint), "key", "very-secret", version);
	}

	@Test
	void completeDestinationsAreAccepted() {
		assertThatCode(() -> Forwarder.check(with(lrs("a", "https://lrs.example.org/xapi/", "1.0.3"),
				lrs("b", "http://localhost:8081/xapi", "2.0.0")))).doesNotThrowAnyException();
		assertThat(LrsClient.statementsUri(URI.create("https://lrs.example.org/xapi/")))
			.hasToString("https://lrs.example.org/xapi/statements");
		assertThat(LrsClient.statementsUri(URI.create("https://lrs.example.org/data/xAPI")))
			.hasToString("https://lrs.example.org/data/xAPI/statements");
	}

	@Test
	void incompleteOrUnsafeDestinationsStopTheStart() {
		assertThatThrownBy(() -> Forwarder.check(with(lrs("a", "https://x.example/", "1.0.3"), lrs("a", "https://y.example/", "1.0.3"))))
			.hasMessageContaining("lms.xapi.forward[1].name 'a' is used twice");
		assertThatThrownBy(() -> Forwarder.check(with(lrs(" ", "https://x.example/", "1.0.3"))))
			.hasMessageContaining("lms.xapi.forward[0].name");
		assertThatThrownBy(() -> Forwarder.check(with(lrs("a", "https://user:very-secret@x.example/", "1.0.3"))))
			.hasMessageContaining("lms.xapi.forward[0].endpoint")
			.hasMessageNotContaining("very-secret");
		assertThatThrownBy(() -> Forwarder.check(with(lrs("a", "ftp://x.example/", "1.0.3"))))
			.hasMessageContaining("lms.xapi.forward[0].endpoint");
		assertThatThrownBy(() -> Forwarder.check(with(lrs("a", "https://x.example/", "1.0.0"))))
			.hasMessageContaining("lms.xapi.forward[0].version must be 1.0.3 or 2.0.0");
		assertThatThrownBy(() -> Forwarder.check(with(new Destination("a", URI.create("https://x.example/"), "key", null, "1.0.3"))))
			.hasMessageContaining("lms.xapi.forward[0].key and .secret must be set");
	}

	@Test
	void anLrsMessageIsTrimmedAndKeepsNoSecretOrStatement() {
		Destination d = lrs("a", "https://x.example/", "1.0.3");
		String statement = "{\"id\":\"1\",\"actor\":{}}";
		String cleaned = LrsClient.clean("Invalid\n\tstatement " + statement + " for key very-secret " + "x".repeat(400), d,
				List.of(statement));
		assertThat(cleaned).startsWith("Invalid statement [statement] for key [secret] x")
			.hasSize(LrsClient.MESSAGE_LIMIT)
			.endsWith("…");
	}

}
