package org.opendoor.lms.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a loaded course as a self-contained package: the manifest at the zip root, the course as
 * data ({@code course.js}) and a small player that talks to the importing LMS's SCORM runtime.
 */
@Service
public class CoursePackages {

	static final List<String> PLAYER = List.of("index.html", "player.js", "player.css");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CourseCatalogue catalogue;

	public CoursePackages(CourseCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/** The package of the latest version of a course; a course that failed lint cannot be exported. */
	public byte[] export(String courseId, PackageStandard standard) {
		Course course = catalogue.latest(courseId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"error.packageCourseNotLoaded"))
			.course();
		return write(course, standard);
	}

	/** Writes a course as a package of the given standard. */
	public static byte[] write(Course course, PackageStandard standard) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (String name : PLAYER) {
			files.put(name, resource("packaging/player/" + name));
		}
		files.put("course.js", ("window.OPENDOOR_COURSE = " + JSON.writeValueAsString(course) + ";\n")
			.getBytes(StandardCharsets.UTF_8));
		String manifest = ManifestWriter.write(standard, course, List.copyOf(files.keySet()));
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
