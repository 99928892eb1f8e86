package org.opendoor.lms.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.opendoor.lms.course.internal.FacilitatorReader;
import org.springframework.stereotype.Service;

/**
 * The facilitator notes of the loaded courses, read from each course folder's optional
 * {@code facilitator.yaml} (or {@code facilitator.cy.yaml} in Welsh, when it exists). The course lint
 * checks them; a file changed since then that no longer reads gives no notes rather than an error.
 */
@Service
public class FacilitatorGuides {

	private record Cached(FileTime modified, FacilitatorGuide guide) {
	}

	private final CourseProperties properties;

	private final CourseCatalogue catalogue;

	private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

	public FacilitatorGuides(CourseProperties properties, CourseCatalogue catalogue) {
		this.properties = properties;
		this.catalogue = catalogue;
	}

	/** The notes for a course (as loaded) in a language ({@code en} or {@code cy}); none when it has no file. */
	public FacilitatorGuide of(Course course, String language) {
		String folder = catalogue.reports().stream()
			.filter(r -> r.loaded() && course.id().equals(r.courseId()))
			.map(CourseReport::folder)
			.findFirst()
			.orElse(course.id());
		Path dir = properties.directory().resolve(folder);
		Path file = dir.resolve("cy".equals(language) && Files.exists(dir.resolve(FacilitatorReader.WELSH_FILE))
				? FacilitatorReader.WELSH_FILE : FacilitatorReader.FILE);
		if (!Files.exists(file)) {
			return FacilitatorGuide.NONE;
		}
		try {
			FileTime modified = Files.getLastModifiedTime(file);
			Cached cached = cache.get(file);
			if (cached == null || !cached.modified().equals(modified)) {
				FacilitatorGuide guide = new FacilitatorReader().read(properties.directory(), file, course).guide();
				cached = new Cached(modified, guide == null ? FacilitatorGuide.NONE : guide);
				cache.put(file, cached);
			}
			return cached.guide();
		}
		catch (IOException ex) {
			return FacilitatorGuide.NONE;
		}
	}

}
