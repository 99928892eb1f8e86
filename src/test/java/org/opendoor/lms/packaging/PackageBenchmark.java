package org.opendoor.lms.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import org.opendoor.lms.course.Course;

/**
 * On-demand benchmark (not a test): exporting the flagship course in all three standards. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.opendoor.lms.packaging.PackageBenchmark}.
 * Appends its figures to {@code docs/benchmarks.md}.
 */
public final class PackageBenchmark {

	private PackageBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Course course = PackageManifestTests.course("hub-leaders-mental-health-awareness");
		for (int i = 0; i < 50; i++) {
			exportAll(course);
		}
		double[] ms = new double[200];
		for (int i = 0; i < ms.length; i++) {
			long t = System.nanoTime();
			exportAll(course);
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(ms);
		long cold = System.nanoTime();
		exportAll(PackageManifestTests.course("hub-leaders-mental-health-awareness"));
		double readAndExport = (System.nanoTime() - cold) / 1e6;
		String row = String.format(Locale.ROOT, "| %s | %s, %d cores, Java %s | %.1f ms | %.1f ms | %.1f ms |%n", LocalDate.now(),
				System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				ms[ms.length / 2], ms[ms.length * 9 / 10], readAndExport);
		System.out.print(row);
		Path out = Path.of("docs/benchmarks.md");
		String text = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
		if (!text.contains("## Packages")) {
			text += "\n## Packages\n\nExporting the flagship course as SCORM 1.2, SCORM 2004 and cmi5 (all three zips), after 50 "
					+ "warm-up exports; the last column also reads and lints the course from its files first. Run with "
					+ "`./mvnw -q test-compile exec:java -Dexec.classpathScope=test "
					+ "-Dexec.mainClass=org.opendoor.lms.packaging.PackageBenchmark`. Target: under 500 ms.\n\n"
					+ "| date | machine | all three (median) | all three (90th percentile) | read + lint + all three |\n"
					+ "|---|---|---:|---:|---:|\n";
		}
		Files.writeString(out, text + row);
	}

	private static void exportAll(Course course) {
		for (PackageStandard s : PackageStandard.values()) {
			CoursePackages.write(course, s);
		}
	}

}
