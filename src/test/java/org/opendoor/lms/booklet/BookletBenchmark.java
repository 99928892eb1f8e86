package org.opendoor.lms.booklet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On-demand benchmark (not a test): printing the flagship booklet on A4 and A5 with a nation's contacts. Run
 * with {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.opendoor.lms.booklet.BookletBenchmark}.
 * Appends its figures to {@code docs/benchmarks.md}.
 */
public final class BookletBenchmark {

	private BookletBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		SpringApplication app = new SpringApplication(org.opendoor.lms.OpenDoorApplication.class);
		app.setAdditionalProfiles("demo", "test");
		try (ConfigurableApplicationContext context = app.run("--server.port=0")) {
			Booklets booklets = context.getBean(Booklets.class);
			long learner = context.getBean(org.opendoor.lms.account.Accounts.class)
				.findByEmail("learner@demo.opendoor.invalid")
				.orElseThrow()
				.id();
			String course = "hub-leaders-mental-health-awareness";
			Booklets.Request a4 = new Booklets.Request(course, "en", org.opendoor.lms.account.Nation.WALES, Booklets.Size.A4, null);
			Booklets.Request a5 = new Booklets.Request(course, "en", org.opendoor.lms.account.Nation.WALES, Booklets.Size.A5, null);
			for (int i = 0; i < 10; i++) {
				booklets.print(learner, a4);
			}
			double[] four = time(booklets, learner, a4);
			double[] five = time(booklets, learner, a5);
			String row = String.format(Locale.ROOT, "| %s | %s, %d cores, Java %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
					LocalDate.now(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version"), four[four.length / 2], four[four.length * 9 / 10], five[five.length / 2],
					five[five.length * 9 / 10]);
			System.out.print(row);
			Path out = Path.of("docs/benchmarks.md");
			String text = Files.exists(out) ? Files.readString(out) : "# Benchmarks\n";
			if (!text.contains("## Booklets")) {
				text += "\n## Booklets\n\nPrinting the flagship course as a booklet (PDF/UA-1, PDF/A-2b) with the Welsh contacts, "
						+ "after 10 warm-up prints. Run with `./mvnw -q test-compile exec:java -Dexec.classpathScope=test "
						+ "-Dexec.mainClass=org.opendoor.lms.booklet.BookletBenchmark`. Target: well under 2 seconds.\n\n"
						+ "| date | machine | A4 (median) | A4 (90th percentile) | A5 (median) | A5 (90th percentile) |\n"
						+ "|---|---|---:|---:|---:|---:|\n";
			}
			Files.writeString(out, text + row);
		}
	}

	private static double[] time(Booklets booklets, long learner, Booklets.Request request) {
		double[] ms = new double[20];
		for (int i = 0; i < ms.length; i++) {
			long t = System.nanoTime();
			booklets.print(learner, request);
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(ms);
		return ms;
	}

}
