package org.opendoor.lms.course;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.course.internal.CourseVersionStore;
import org.opendoor.lms.startup.Prepared;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;

/**
 * The courses learners can take: read and linted from the courses folder at start-up, each version
 * kept in the database so an attempt can finish on the version it started with.
 */
@Service
public class CourseCatalogue implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(CourseCatalogue.class);

	private final CourseProperties properties;

	private final CourseVersionStore store;

	private final Map<Long, Course> versions = new ConcurrentHashMap<>();

	private final Map<Long, Map<String, Course>> translations = new ConcurrentHashMap<>();

	private volatile Map<String, CatalogueEntry> current = Map.of();

	private volatile List<CourseReport> reports = List.of();

	/**
	 * The first reading of the course files, started when the catalogue is made so that parsing and linting
	 * (pure file work, about a second for two bilingual courses) runs on another core while the rest of the
	 * application starts; {@link #reload()} stores what it read.
	 */
	private Prepared<List<CourseReader.Result>> firstRead;

	public CourseCatalogue(CourseProperties properties, CourseVersionStore store) {
		this.properties = properties;
		this.store = store;
		if (Files.isDirectory(properties.directory())) {
			this.firstRead = new Prepared<>("course-files", () -> CourseLint.readAll(properties.directory()));
		}
	}

	/** The course files as read at start-up the first time, afterwards read again. */
	private List<CourseReader.Result> readCourseFiles() {
		var reading = firstRead;
		firstRead = null;
		return reading == null ? CourseLint.readAll(properties.directory()) : reading.get();
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	/** Reads every course folder again; courses that fail lint are left out and reported. */
	public synchronized void reload() {
		if (!Files.isDirectory(properties.directory())) {
			log.warn("Courses folder {} not found: no courses loaded", properties.directory().toAbsolutePath());
			current = Map.of();
			reports = List.of();
			return;
		}
		Map<String, CatalogueEntry> loaded = new ConcurrentHashMap<>();
		List<CourseReport> newReports = new ArrayList<>();
		for (CourseReader.Result result : readCourseFiles()) {
			String folder = result.findings().isEmpty() ? result.courseId() : folderOf(result);
			if (result.course() == null) {
				log.warn("Course folder {} not loaded: {} lint finding(s)", folder, result.findings().size());
				result.findings().forEach(f -> log.warn("  {}", f));
				newReports.add(new CourseReport(folder, result.courseId(), result.version(), false, result.findings(),
						List.of()));
				continue;
			}
			Course course = result.course();
			if (loaded.containsKey(course.id())) {
				newReports.add(new CourseReport(folder, course.id(), course.version(), false, List.of(),
						List.of("another folder already holds course id '" + course.id() + "'")));
				continue;
			}
			CourseVersionStore.Stored stored = store.save(course, result.translations());
			versions.put(stored.id(), course);
			translations.put(stored.id(), result.translations());
			loaded.put(course.id(), new CatalogueEntry(stored.id(), course));
			List<String> notes = stored.contentChanged() ? List.of("the content of version " + course.version()
					+ " changed since it was first loaded; give structural changes a new version") : List.of();
			List<LintFinding> warnings = org.opendoor.lms.course.internal.ItemWriting.warnings(properties.directory(), course);
			if (!warnings.isEmpty()) {
				log.info("Course {} has {} item-writing warning(s): see /admin/courses", course.id(), warnings.size());
			}
			newReports.add(new CourseReport(folder, course.id(), course.version(), true, List.of(), notes, warnings));
			log.info("Loaded course {} version {}", course.id(), course.version());
		}
		newReports.sort(Comparator.comparing(CourseReport::folder));
		current = Map.copyOf(loaded);
		reports = List.copyOf(newReports);
	}

	private static String folderOf(CourseReader.Result result) {
		String file = result.findings().get(0).file();
		int slash = file.indexOf('/');
		return slash > 0 ? file.substring(0, slash) : result.courseId();
	}

	/** The courses learners can start now, by title. */
	public List<CatalogueEntry> available() {
		return current.values().stream().sorted(Comparator.comparing(e -> e.course().title())).toList();
	}

	/** The courses learners can start now in a language (each in its source language when not translated), by title. */
	public List<CatalogueEntry> available(String language) {
		return current.values().stream()
			.map(e -> new CatalogueEntry(e.versionId(), version(e.versionId(), language)))
			.sorted(Comparator.comparing(e -> e.course().title()))
			.toList();
	}

	/** The version of a course that new attempts start on. */
	public Optional<CatalogueEntry> latest(String courseId) {
		return Optional.ofNullable(current.get(courseId));
	}

	/** The version of a course that new attempts start on, in a language (the source language when not translated). */
	public Optional<CatalogueEntry> latest(String courseId, String language) {
		return latest(courseId).map(e -> new CatalogueEntry(e.versionId(), version(e.versionId(), language)));
	}

	/** A stored course version, whether or not it is still the latest. */
	public Course version(long versionId) {
		return versions.computeIfAbsent(versionId, id -> store.load(id)
			.orElseThrow(() -> new IllegalStateException("No stored course version " + id)));
	}

	/**
	 * A stored course version in a language: its translation when the version has one, otherwise the
	 * version in its source language. The ids and structure are the same in every language.
	 */
	public Course version(long versionId, String language) {
		Course source = version(versionId);
		if (language == null || source.languages().isEmpty() || source.languages().get(0).equals(language)) {
			return source;
		}
		Course translated = translations.computeIfAbsent(versionId, store::loadTranslations).get(language);
		return translated == null ? source : translated;
	}

	/** The language a version is shown in for a learner who prefers {@code language}. */
	public String languageOf(long versionId, String language) {
		Course source = version(versionId);
		String sourceLanguage = source.languages().isEmpty() ? "en" : source.languages().get(0);
		return version(versionId, language) == source ? sourceLanguage : language;
	}

	/** What happened to every course folder at the last load. */
	public List<CourseReport> reports() {
		return reports;
	}

	/** Every stored version of every course, newest first, for the admin page. */
	public List<StoredVersion> storedVersions() {
		return store.list();
	}

	/**
	 * A course version kept in the database.
	 *
	 * @param id stored version id
	 * @param courseId course id
	 * @param version version string
	 * @param title course title in that version
	 * @param firstLoadedAt when it was first loaded
	 */
	public record StoredVersion(long id, String courseId, String version, String title,
			java.time.Instant firstLoadedAt) {
	}

}
