package org.opendoor.lms.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.support.SharedSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package of every course validates against the official schemas and passes the checks real
 * LMS parsers need: manifest at the root, literal prefixes, exact schema version, mastery in range,
 * every referenced file present, forward slashes.
 */
class PackageManifestTests {

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				files.put(e.getName(), in.readAllBytes());
			}
		}
		return files;
	}

	static Course course(String id) {
		return new CourseReader().read(Path.of("courses"), Path.of("courses", id)).course();
	}

	@ParameterizedTest
	@CsvSource({ "first-steps, scorm12", "first-steps, scorm2004", "first-steps, cmi5",
			"hub-leaders-mental-health-awareness, scorm12", "hub-leaders-mental-health-awareness, scorm2004",
			"hub-leaders-mental-health-awareness, cmi5" })
	void packagesAreValidAndComplete(String courseId, String standardName) throws Exception {
		PackageStandard standard = PackageStandard.of(standardName).orElseThrow();
		Course course = course(courseId);
		Map<String, byte[]> files = unzip(CoursePackages.write(course, standard));
		assertThat(files).containsKey(standard.manifest());
		assertThat(files.keySet()).allSatisfy(name -> assertThat(name).doesNotContain("\\").doesNotStartWith("/"));
		String manifest = new String(files.get(standard.manifest()), StandardCharsets.UTF_8);
		Schema schema = switch (standard) {
			case SCORM12 -> SharedSchemas.scorm12();
			case SCORM2004 -> SharedSchemas.scorm2004();
			case CMI5 -> SharedSchemas.cmi5();
		};
		schema.newValidator().validate(new StreamSource(new java.io.StringReader(manifest)));

		Matcher hrefs = Pattern.compile("(?:href|<url>)=?\"?([^\"<]+)").matcher(manifest);
		int referenced = 0;
		while (hrefs.find()) {
			assertThat(files).as("referenced file " + hrefs.group(1)).containsKey(hrefs.group(1));
			referenced++;
		}
		assertThat(files).containsKeys("index.html", "player.js", "player.css", "course.js");
		String courseJs = new String(files.get("course.js"), StandardCharsets.UTF_8);
		assertThat(courseJs).startsWith("window.OPENDOOR_COURSE = ").contains(course.title());
		assertThat(courseJs).as("the shared course-model contract the player follows")
			.contains("\"topic\":", "\"fixedOrder\":", "\"supportBox\":", "\"contentNote\":", "\"blueprint\":")
			.contains("window.OPENDOOR_PACKAGE = {\"standard\":\"" + standard.pathName() + "\"}");
		switch (standard) {
			case SCORM12 -> {
				assertThat(referenced).isGreaterThanOrEqualTo(5);
				assertThat(manifest).contains("<schemaversion>1.2</schemaversion>")
					.contains("xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\"")
					.contains("adlcp:scormtype=\"sco\"")
					.contains("<adlcp:masteryscore>" + course.passMark() + "</adlcp:masteryscore>");
				assertThat(course.passMark()).isBetween(0, 100);
			}
			case SCORM2004 -> {
				assertThat(manifest).contains("<schemaversion>2004 4th Edition</schemaversion>")
					.contains("xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"")
					.contains("xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\"")
					.contains("adlcp:scormType=\"sco\"")
					.contains("<imsss:minNormalizedMeasure>0.80</imsss:minNormalizedMeasure>");
				course.modules().forEach(m -> assertThat(manifest).contains("objectiveID=\"module-" + m.id() + "\""));
				// Moodle copies an objective's minNormalizedMeasure (1.0 when it has none) into
				// cmi.scaled_passing_score: every objective carries the pass mark, so whichever is copied, the
				// LMS's passing score is the course's.
				Matcher objectives = Pattern.compile("<imsss:(?:primaryObjective|objective) [^>]*?(/?)>").matcher(manifest);
				int count = 0;
				while (objectives.find()) {
					assertThat(objectives.group(1)).as("objective without minNormalizedMeasure").isEmpty();
					count++;
				}
				assertThat(count).isEqualTo(course.modules().size() + 1);
				assertThat(manifest.split("<imsss:minNormalizedMeasure>", -1)).hasSize(count + 1);
				assertThat(Pattern.compile("<imsss:minNormalizedMeasure>([^<]*)<").matcher(manifest).results()
					.map(r -> r.group(1)).distinct()).containsExactly("0.80");
				assertThat(ScormRuntimeTests.FromManifest.of(manifest).scaledPassingScore()).isEqualTo("0.80");
			}
			case CMI5 -> assertThat(manifest).contains("moveOn=\"CompletedAndPassed\"").contains("masteryScore=\"0.80\"")
				.contains("<url>index.html</url>");
		}
	}

	@ParameterizedTest
	@CsvSource({ "scorm12", "scorm2004" })
	void theEnglishAndWelshPackagesHaveTheirOwnIdentifiers(String standardName) throws Exception {
		PackageStandard standard = PackageStandard.of(standardName).orElseThrow();
		Course course = course("first-steps");
		Pattern id = Pattern.compile("<manifest identifier=\"([^\"]+)\"");
		String en = ManifestWriter.write(standard, course, CoursePackages.PLAYER, "en");
		String cy = ManifestWriter.write(standard, course, CoursePackages.PLAYER, "cy");
		Matcher a = id.matcher(en);
		Matcher b = id.matcher(cy);
		assertThat(a.find()).isTrue();
		assertThat(b.find()).isTrue();
		assertThat(a.group(1)).isNotEqualTo(b.group(1));
		(standard == PackageStandard.SCORM12 ? SharedSchemas.scorm12() : SharedSchemas.scorm2004()).newValidator()
			.validate(new StreamSource(new java.io.StringReader(cy)));
	}

	@org.junit.jupiter.api.Test
	void theSchemaCheckRejectsABrokenManifest() throws Exception {
		String manifest = new String(unzip(CoursePackages.write(course("first-steps"), PackageStandard.SCORM12))
			.get("imsmanifest.xml"), StandardCharsets.UTF_8);
		String broken = manifest.replace("<organizations default=\"org\">", "<organisations default=\"org\">")
			.replace("</organizations>", "</organisations>");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> SharedSchemas.scorm12().newValidator()
			.validate(new StreamSource(new java.io.StringReader(broken))))
			.isInstanceOf(org.xml.sax.SAXParseException.class);
	}

}
