package org.opendoor.lms.packaging;

import java.util.List;
import java.util.Locale;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;

/**
 * Writes the manifest of each package standard: the literal prefixes real LMS parsers expect
 * ({@code adlcp:}, {@code imsss:}, {@code adlnav:}), the exact schema versions, the mastery score and
 * every file of the package.
 */
final class ManifestWriter {

	private ManifestWriter() {
	}

	static String write(PackageStandard standard, Course course, List<String> files) {
		return write(standard, course, files, course.languages().isEmpty() ? "en" : course.languages().get(0));
	}

	/**
	 * The manifest of a package whose course text is in {@code language}. A translated package has its own
	 * SCORM identifier and its own cmi5 course and AU ids, so an LMS imports both languages side by side
	 * instead of merging them or refusing the second.
	 */
	static String write(PackageStandard standard, Course course, List<String> files, String language) {
		boolean source = course.languages().isEmpty() || course.languages().get(0).equals(language);
		String identifier = identifier(course) + (source ? "" : "-" + language);
		return switch (standard) {
			case SCORM12 -> scorm12(course, files).replaceFirst("identifier=\"" + identifier(course) + "\"",
					"identifier=\"" + identifier + "\"");
			case SCORM2004 -> scorm2004(course, files).replaceFirst("identifier=\"" + identifier(course) + "\"",
					"identifier=\"" + identifier + "\"");
			case CMI5 -> cmi5(course, languageTag(language), source ? "" : "/" + language);
		};
	}

	/** The BCP 47 tag of a package language: en-GB or cy-GB. */
	static String languageTag(String language) {
		return language == null || "en".equals(language) ? "en-GB" : language + "-GB";
	}

	private static String identifier(Course course) {
		return "opendoor-" + course.id() + "-" + course.version().replaceAll("[^A-Za-z0-9]", "-");
	}

	private static String files(List<String> files) {
		StringBuilder xml = new StringBuilder();
		for (String f : files) {
			xml.append("      <file href=\"").append(xml(f)).append("\"/>\n");
		}
		return xml.toString();
	}

	static String scorm12(Course course, List<String> files) {
		String title = xml(course.title());
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<manifest identifier="%s" version="1.0"
				    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
				    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
				    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
				    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
				  <metadata>
				    <schema>ADL SCORM</schema>
				    <schemaversion>1.2</schemaversion>
				  </metadata>
				  <organizations default="org">
				    <organization identifier="org">
				      <title>%s</title>
				      <item identifier="item" identifierref="sco" isvisible="true">
				        <title>%s</title>
				%s      </item>
				    </organization>
				  </organizations>
				  <resources>
				    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
				%s    </resource>
				  </resources>
				</manifest>
				""".formatted(identifier(course), title, title,
				course.assessment() == null ? "" : "        <adlcp:masteryscore>" + course.passMark() + "</adlcp:masteryscore>\n",
				files(files));
	}

	static String scorm2004(Course course, List<String> files) {
		String title = xml(course.title());
		StringBuilder objectives = new StringBuilder();
		for (CourseModule m : course.modules()) {
			objectives.append("            <imsss:objective objectiveID=\"module-")
				.append(xml(m.id()))
				.append("\" satisfiedByMeasure=\"false\">\n              <imsss:minNormalizedMeasure>")
				.append(scaled(course.passMark()))
				.append("</imsss:minNormalizedMeasure>\n            </imsss:objective>\n");
		}
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<manifest identifier="%s" version="1"
				    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
				    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
				    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
				    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
				    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
				    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
				    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
				  <metadata>
				    <schema>ADL SCORM</schema>
				    <schemaversion>2004 4th Edition</schemaversion>
				  </metadata>
				  <organizations default="org">
				    <organization identifier="org">
				      <title>%s</title>
				      <item identifier="item" identifierref="sco" isvisible="true">
				        <title>%s</title>
				        <adlnav:presentation>
				          <adlnav:navigationInterface>
				            <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
				            <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
				          </adlnav:navigationInterface>
				        </adlnav:presentation>
				        <imsss:sequencing>
				          <imsss:objectives>
				            <imsss:primaryObjective objectiveID="course-mastery" satisfiedByMeasure="false">
				              <imsss:minNormalizedMeasure>%s</imsss:minNormalizedMeasure>
				            </imsss:primaryObjective>
				%s          </imsss:objectives>
				          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
				        </imsss:sequencing>
				      </item>
				    </organization>
				  </organizations>
				  <resources>
				    <resource identifier="sco" type="webcontent" adlcp:scormType="sco" href="index.html">
				%s    </resource>
				  </resources>
				</manifest>
				""".formatted(identifier(course), title, title, scaled(course.passMark()), objectives, files(files));
	}

	static String cmi5(Course course) {
		return cmi5(course, languageTag(course.languages().isEmpty() ? "en" : course.languages().get(0)), "");
	}

	/** The cmi5 course structure; {@code idSuffix} tells a translation's course and AU ids from the source's. */
	static String cmi5(Course course, String lang, String idSuffix) {
		String base = "https://opendoor.invalid/courses/" + course.id() + "/" + course.version() + idSuffix;
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
				  <course id="%s">
				    <title><langstring lang="%s">%s</langstring></title>
				    <description><langstring lang="%s">%s</langstring></description>
				  </course>
				  <au id="%s/au" moveOn="CompletedAndPassed" masteryScore="%s" launchMethod="AnyWindow">
				    <title><langstring lang="%s">%s</langstring></title>
				    <description><langstring lang="%s">%s</langstring></description>
				    <url>index.html</url>
				  </au>
				</courseStructure>
				""".formatted(xml(base), lang, xml(course.title()), lang, xml(course.description()), xml(base),
				scaled(course.passMark()), lang, xml(course.title()), lang, xml(course.description()));
	}

	private static String scaled(int percent) {
		return String.format(Locale.ROOT, "%.2f", percent / 100.0);
	}

	static String xml(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
