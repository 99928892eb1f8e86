package org.opendoor.lms.packaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.course.ContactCheck;
import org.opendoor.lms.course.SupportContacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A package carries the support contacts for its player's support box: every nation's, in the package's
 * language, with tap-to-call links, who each is for and the day of its latest check (none when unchecked), so a
 * check recorded by a site admin reaches packages downloaded after it.
 */
@SpringBootTest
@ActiveProfiles({ "demo", "test" })
class PackageContactsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	CoursePackages packages;

	@Autowired
	SupportContacts contacts;

	private List<Map<String, Object>> contactsIn(byte[] zip) throws java.io.IOException {
		String courseJs = new String(PackageManifestTests.unzip(zip).get("course.js"), StandardCharsets.UTF_8);
		String line = courseJs.lines().filter(l -> l.startsWith("window.OPENDOOR_CONTACTS = ")).findFirst().orElseThrow();
		return JSON.readValue(line.substring("window.OPENDOOR_CONTACTS = ".length(), line.length() - 1),
				new TypeReference<List<Map<String, Object>>>() {
				});
	}

	private static Map<String, Object> byId(List<Map<String, Object>> list, String id) {
		return list.stream().filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow();
	}

	@Test
	void aPackageCarriesEveryNationsContactsWithTheirLinksAndChecks() throws java.io.IOException {
		List<Map<String, Object>> english = contactsIn(packages.export("first-steps", PackageStandard.SCORM12));
		assertThat(english).extracting(c -> c.get("id")).contains("emergency", "childline", "meic", "lifeline", "samh");
		Map<String, Object> childline = byId(english, "childline");
		assertThat(childline.get("reachHtml")).isEqualTo("Call <a class=\"phone\" href=\"tel:08001111\">0800 1111</a>");
		assertThat(childline.get("forWhom")).isEqualTo("Children and young people who want to talk about anything");
		assertThat(childline.get("checkedOn")).isNull();
		assertThat(byId(english, "meic").get("nations")).isEqualTo(List.of("wales"));
		String courseJs = new String(PackageManifestTests.unzip(packages.export("first-steps", PackageStandard.CMI5))
			.get("course.js"), StandardCharsets.UTF_8);
		assertThat(courseJs).contains("call <a class=\\\"phone\\\" href=\\\"tel:999\\\">999</a> or go to A&amp;E")
			.contains("\"contact.status.UNCHECKED\":\"Not yet checked with the service\"");

		List<Map<String, Object>> welsh = contactsIn(packages.export("first-steps", PackageStandard.SCORM2004, "cy"));
		assertThat(byId(welsh, "childline").get("reachHtml"))
			.isEqualTo("Ffoniwch <a class=\"phone\" href=\"tel:08001111\">0800 1111</a>");

		LocalDate day = LocalDate.now().minusDays(3);
		contacts.recordCheck(new ContactCheck(0, "inspire", day, "Test checker", ContactCheck.Method.WEBSITE, true, null, 1,
				Instant.now()));
		Map<String, Object> inspire = byId(contactsIn(packages.export("first-steps", PackageStandard.SCORM12)), "inspire");
		assertThat(inspire.get("checkedOn")).isEqualTo(day.toString());
		assertThat((String) inspire.get("checkedOnText")).endsWith(String.valueOf(day.getYear()));
	}

}
