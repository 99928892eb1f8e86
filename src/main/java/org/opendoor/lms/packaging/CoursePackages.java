package org.opendoor.lms.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.PhoneLinks;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.opendoor.lms.course.CatalogueEntry;
import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a loaded course as a self-contained package: the manifest at the zip root, the course as
 * data ({@code course.js}) and a small player that talks to the importing LMS's SCORM runtime.
 */
@Service
public class CoursePackages {

	static final List<String> PLAYER = List.of("index.html", "player.js", "player.css");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The words of the package player's support box contacts (see contacts()), as PLAYER_TEXT. */
	static final List<String> CONTACT_TEXT = List.of("contact.for", "contact.tier.urgent", "contact.tier.support",
			"contact.tier.information", "contact.status.CHECKED", "contact.status.OVERDUE", "contact.status.UNCHECKED",
			"package.contacts.everywhere", "nation.ENGLAND", "nation.WALES", "nation.SCOTLAND", "nation.NORTHERN_IRELAND");

	/** The interface words the package player shows, taken from the site's messages in the package's language. */
	static final List<String> PLAYER_TEXT = List.of("layout.skip", "package.noApi.title", "package.noApi.text",
			"package.saveFailed.title", "package.saveFailed.text", "package.noscript", "package.title", "player.progress",
			"player.saveNext", "player.check", "player.feedback.right", "player.feedback.wrong", "support.contentNote.title",
			"support.contentNote.text", "support.title", "package.support", "player.scenario.critical",
			"player.scenario.best", "player.scenario.notBest", "package.scenario.end", "player.scenario.restart",
			"player.scenario.what", "player.scenario.choose", "package.plan.private", "package.assessment.intro",
			"player.assessment.question", "player.submit.title", "player.submit.button", "result.passed", "result.failed",
			"package.result.score", "package.result.critical", "package.result.critical.one", "result.revisit", "result.retake", "player.pager",
			"player.previous", "player.next", "package.finish", "package.saveExit", "package.tooOld", "package.cmi5.saving",
			"package.cmi5.left.title", "package.cmi5.left.text", "package.cmi5.left.pending", "package.cmi5.left.unsaved",
			"package.cmi5.return", "package.cmi5.error.title", "package.cmi5.error.again", "package.cmi5.error.token",
			"package.cmi5.error.launchData", "package.cmi5.error.network", "package.cmi5.recorded", "package.cmi5.sending",
			"package.cmi5.held", "package.cmi5.pending", "package.cmi5.pendingUnsaved", "package.cmi5.refused",
			"package.cmi5.browse");

	private final CourseCatalogue catalogue;

	private final MessageSource messages;

	private final SupportContacts contacts;

	public CoursePackages(CourseCatalogue catalogue, MessageSource messages, SupportContacts contacts) {
		this.catalogue = catalogue;
		this.messages = messages;
		this.contacts = contacts;
	}

	/** The package of the latest version of a course; a course that failed lint cannot be exported. */
	public byte[] export(String courseId, PackageStandard standard) {
		return export(courseId, standard, null);
	}

	/**
	 * The package of the latest version of a course in a language ({@code cy}, or {@code null} for the
	 * course's source language); a course with no such translation is a 404.
	 */
	public byte[] export(String courseId, PackageStandard standard, String language) {
		CatalogueEntry entry = catalogue.latest(courseId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "error.packageCourseNotLoaded"));
		String source = entry.course().languages().isEmpty() ? "en" : entry.course().languages().get(0);
		String lang = language == null || language.isBlank() ? source : language;
		if (!entry.course().languages().contains(lang) || !catalogue.languageOf(entry.versionId(), lang).equals(lang)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "error.packageLanguage");
		}
		Course course = catalogue.version(entry.versionId(), lang);
		Locale locale = "cy".equals(lang) ? Locale.forLanguageTag("cy") : Locale.UK;
		Map<String, String> text = new LinkedHashMap<>();
		for (String key : java.util.stream.Stream.concat(PLAYER_TEXT.stream(), CONTACT_TEXT.stream()).toList()) {
			text.put(key, messages.getMessage(key, null, key, locale));
		}
		// (an HTML message: its numbers become tap-to-call links too)
		text.computeIfPresent("package.support", (k, v) -> PhoneLinks.html(HtmlUtils.htmlUnescape(v)));
		return write(course, standard, lang, text, contacts(lang, locale));
	}

	/**
	 * The support contacts for the package's player, every nation's (the player shows the UK-wide ones and each
	 * nation's own under its name): how to reach each as HTML with {@code tel:}/{@code sms:} links, who it is for,
	 * hours, nations, and the day it was last checked with the service ({@code checkedOn}, ISO, or {@code null}
	 * when never) with that day in words, so the player can say "checked on …", or "due for a new check" once the
	 * package is over 12 months past it.
	 */
	private List<Map<String, Object>> contacts(String language, Locale locale) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (SupportContact c : contacts.all(language)) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", c.id());
			m.put("name", c.name());
			m.put("reachHtml", c.reachHtml());
			m.put("hours", c.hours());
			m.put("forWhom", c.forWhom());
			m.put("nations", c.nations());
			m.put("tier", c.tier());
			m.put("checkedOn", c.lastReviewed() == null ? null : c.lastReviewed().toString());
			m.put("checkedOnText", c.lastReviewed() == null ? null
					: c.lastReviewed().format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale)));
			list.add(m);
		}
		return list;
	}

	/** Writes a course as a package of the given standard, with the player in English. */
	public static byte[] write(Course course, PackageStandard standard) {
		return write(course, standard, "en", Map.of());
	}

	/**
	 * Writes a course (already in {@code language}) as a package of the given standard; {@code text} holds
	 * the player's interface words in that language by message key (the player falls back to English).
	 */
	static byte[] write(Course course, PackageStandard standard, String language, Map<String, String> text) {
		return write(course, standard, language, text, List.of());
	}

	/** As {@link #write(Course, PackageStandard, String, Map)}, with the support box's contacts (see contacts()). */
	static byte[] write(Course course, PackageStandard standard, String language, Map<String, String> text,
			List<Map<String, Object>> contacts) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (String name : PLAYER) {
			files.put(name, resource("packaging/player/" + name));
		}
		files.put("index.html", page(new String(files.get("index.html"), StandardCharsets.UTF_8), course, language, text)
			.getBytes(StandardCharsets.UTF_8));
		files.put("course.js", ("window.OPENDOOR_COURSE = " + JSON.writeValueAsString(course) + ";\n"
				+ "window.OPENDOOR_TEXT = " + JSON.writeValueAsString(text) + ";\n"
				+ "window.OPENDOOR_PACKAGE = " + JSON.writeValueAsString(Map.of("standard", standard.pathName())) + ";\n")
			.getBytes(StandardCharsets.UTF_8));
		// the support box's contacts (see contacts()), for the player's supportBox()
		files.merge("course.js", ("window.OPENDOOR_CONTACTS = " + JSON.writeValueAsString(contacts) + ";\n")
			.getBytes(StandardCharsets.UTF_8), (a, b) -> (new String(a, StandardCharsets.UTF_8) + new String(b, StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8));
		String manifest = ManifestWriter.write(standard, course, List.copyOf(files.keySet()), language);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
			put(zip, standard.manifest(), manifest.getBytes(StandardCharsets.UTF_8));
			for (Map.Entry<String, byte[]> f : files.entrySet()) {
				put(zip, f.getKey(), f.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** The player page in the package's language: its {@code lang}, title and fixed words. */
	private static String page(String html, Course course, String language, Map<String, String> text) {
		return html.replace("<html lang=\"en-GB\">", "<html lang=\"" + ManifestWriter.languageTag(language) + "\">")
			.replace("<title>Course</title>", "<title>" + ManifestWriter.xml(course.title()) + "</title>")
			.replace(">Skip to main content<", ">" + ManifestWriter.xml(text.getOrDefault("layout.skip", "Skip to main content")) + "<")
			.replace(">This course needs JavaScript inside your learning platform.<",
					">" + ManifestWriter.xml(text.getOrDefault("package.noscript",
							"This course needs JavaScript inside your learning platform.")) + "<");
	}

	private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(0L);
		zip.putNextEntry(entry);
		zip.write(bytes);
		zip.closeEntry();
	}

	private static byte[] resource(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing player file " + path, ex);
		}
	}

}
