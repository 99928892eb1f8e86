package org.opendoor.lms.certificate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.opendoor.lms.certificate.internal.CertificateRenderer;
import org.opendoor.lms.certificate.internal.CertificateTemplate;
import org.opendoor.lms.certificate.internal.IssuerKeys;
import org.opendoor.lms.certificate.internal.PdfSigner;
import org.opendoor.lms.support.TestKeystore;
import org.springframework.mock.env.MockEnvironment;

/**
 * On-demand benchmark (not a test): certificate rendering time once warm, median of single renders,
 * and a bulk run of 10,000. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.opendoor.lms.certificate.CertificateBenchmark}.
 * Appends its figures to {@code docs/benchmarks.md}.
 */
public final class CertificateBenchmark {

	private CertificateBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int singles = args.length > 0 && args[0].matches("\\d+") ? Integer.parseInt(args[0]) : 2000;
		int bulk = args.length > 1 && args[1].matches("\\d+") ? Integer.parseInt(args[1]) : 10_000;
		CertificateRenderer renderer = new CertificateRenderer(CertificateTemplate.read(Path.of("certificates/default.yaml")));
		PdfSigner signer = new PdfSigner(new IssuerKeys(null, new MockEnvironment(), TestKeystore.path(), TestKeystore.PASSWORD, ""));
		CertificateContent[] contents = new CertificateContent[Math.max(singles, bulk)];
		for (int i = 0; i < contents.length; i++) {
			contents[i] = content(i);
		}
		for (int i = 0; i < 500; i++) {
			renderer.render(contents[i]);
		}
		double renderMedian = median(singles, i -> renderer.render(contents[i]));
		for (int i = 0; i < 200; i++) {
			signer.sign(renderer.render(contents[i]), "Org", "r", Instant.now());
		}
		double signedMedian = median(singles / 4, i -> signer.sign(renderer.render(contents[i]), "Org", "r", Instant.now()));
		long start = System.nanoTime();
		for (int i = 0; i < bulk; i++) {
			renderer.render(contents[i]);
		}
		double bulkSeconds = (System.nanoTime() - start) / 1e9;
		String row = String.format(Locale.ROOT, "| %s | %s, %d cores, Java %s | %.2f ms | %.2f ms | %,d in %.1f s |%n",
				LocalDate.now(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), renderMedian, signedMedian, bulk, bulkSeconds);
		System.out.print(row);
		Path out = Path.of("docs/benchmarks.md");
		if (!Files.exists(out)) {
			Files.writeString(out, "# Benchmarks\n");
		}
		String text = Files.readString(out);
		String heading = "\n## Certificates\n\nRun with `./mvnw -q test-compile exec:java -Dexec.classpathScope=test "
				+ "-Dexec.mainClass=org.opendoor.lms.certificate.CertificateBenchmark` (JVM: "
				+ ManagementFactory.getRuntimeMXBean().getVmName() + "). Median of single renders after 500 warm-up "
				+ "renders; signing adds an RSA-2048 signature and an incremental save.\n\n"
				+ "| date | machine | render (median) | render + sign (median) | bulk, render only |\n|---|---|---:|---:|---:|\n";
		if (!text.contains("## Certificates")) {
			text = text + heading;
		}
		Files.writeString(out, text + row);
	}

	interface Job {

		void run(int i);

	}

	private static double median(int runs, Job job) {
		double[] ms = new double[runs];
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			job.run(i);
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(ms);
		return ms[runs / 2];
	}

	private static CertificateContent content(int i) {
		return new CertificateContent("ABCD-EFGH-JKMN-PQRS-" + String.format("%04d", i % 10000), "Volunteer Number " + i,
				"Mental health awareness for community hub leaders", "1.0.0",
				List.of("Why community matters", "Open-door conversations", "Signposting thresholds",
						"Looking after yourself and your team"),
				120, LocalDate.of(2026, 11, 23), LocalDate.of(2029, 11, 23), "Demo Community Hub",
				"http://localhost:8080/verify/ABCD-EFGH-JKMN-PQRS-TVWX", "en");
	}

}
