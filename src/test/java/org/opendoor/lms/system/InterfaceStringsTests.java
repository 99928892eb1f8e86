package org.opendoor.lms.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every interface string exists in English and Welsh: {@code messages.properties} and
 * {@code messages_cy.properties} have the same keys, each with the same {n} placeholders, and the Welsh
 * uses the curly apostrophe (a straight one is eaten by MessageFormat).
 */
class InterfaceStringsTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

	static Map<String, String> load(String name) throws IOException {
		Properties p = new Properties();
		try (InputStream in = InterfaceStringsTests.class.getResourceAsStream("/" + name)) {
			p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		Map<String, String> map = new TreeMap<>();
		p.forEach((k, v) -> map.put((String) k, (String) v));
		return map;
	}

	private static TreeSet<String> placeholders(String text) {
		TreeSet<String> found = new TreeSet<>();
		Matcher m = PLACEHOLDER.matcher(text);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	@Test
	void englishAndWelshHaveTheSameKeysAndPlaceholders() throws IOException {
		Map<String, String> english = load("messages.properties");
		Map<String, String> welsh = load("messages_cy.properties");
		assertThat(welsh.keySet()).as("keys in English but not in Welsh, or the other way round")
			.containsExactlyInAnyOrderElementsOf(english.keySet());
		Map<String, String> mismatched = new TreeMap<>();
		english.forEach((key, text) -> {
			if (welsh.containsKey(key) && !placeholders(text).equals(placeholders(welsh.get(key)))) {
				mismatched.put(key, placeholders(text) + " / " + placeholders(welsh.get(key)));
			}
		});
		assertThat(mismatched).as("placeholders differ (English / Welsh)").isEmpty();
		assertThat(welsh).as("Welsh with a straight apostrophe").allSatisfy((key, text) -> assertThat(text).doesNotContain("'"));
	}

}
