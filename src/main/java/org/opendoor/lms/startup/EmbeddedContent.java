package org.opendoor.lms.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The course files and the certificate template the app runs on. A setting names them; without one, the
 * {@code courses/} and {@code certificates/} folders in the working folder are used (running from the
 * repository, where authors edit them); without those, the copies built into the jar (the demo organisation's
 * courses and the default certificate), unpacked to a temporary folder for this run. A folder or file that is
 * configured but missing stops the start with one line naming the setting.
 */
public class EmbeddedContent implements EnvironmentPostProcessor, Ordered {

	/** Where the jar carries its default files (pom.xml, {@code <resources>}). */
	static final String CLASSPATH_ROOT = "opendoor-defaults/";

	/** Each setting, with its default relative to the working folder (and to the embedded copy). */
	static final Map<String, String> SETTINGS = Map.of("lms.course.directory", "courses", "lms.certificate.template",
			"certificates/default.yaml", "lms.booklet.font", "certificates/fonts/DejaVuSans.ttf",
			"lms.directory.card-font", "certificates/fonts/DejaVuSans.ttf");

	@Override
	public int getOrder() {
		// after the configuration files and command-line arguments are in the environment
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> fromJar = new LinkedHashMap<>();
		Path unpacked = null;
		for (var setting : new java.util.TreeMap<>(SETTINGS).entrySet()) {
			String configured = environment.getProperty(setting.getKey());
			if (configured != null && !configured.isBlank()) {
				Path path = Path.of(configured);
				if (!Files.isReadable(path) || setting.getKey().equals("lms.course.directory") != Files.isDirectory(path)) {
					throw new ContentMissing(setting.getKey(), path);
				}
				continue;
			}
			if (Files.exists(Path.of(setting.getValue()))) {
				continue;
			}
			if (unpacked == null) {
				unpacked = unpack();
			}
			fromJar.put(setting.getKey(), unpacked.resolve(setting.getValue()).toString());
		}
		if (!fromJar.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("opendoor-embedded-content", fromJar));
		}
	}

	/** Copies the files the jar carries to a new temporary folder, removed when the app stops. */
	static Path unpack() {
		try {
			Path target = Files.createTempDirectory("opendoor-content");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target), "opendoor-content-cleanup"));
			Resource[] resources = new PathMatchingResourcePatternResolver(EmbeddedContent.class.getClassLoader())
				.getResources("classpath*:" + CLASSPATH_ROOT + "**");
			for (Resource resource : resources) {
				String url = resource.getURL().toString();
				int at = url.lastIndexOf(CLASSPATH_ROOT);
				if (url.endsWith("/") || at < 0) {
					continue;
				}
				Path file = target.resolve(url.substring(at + CLASSPATH_ROOT.length())).normalize();
				if (!file.startsWith(target)) {
					continue;
				}
				Files.createDirectories(file.getParent());
				try (InputStream in = resource.getInputStream()) {
					Files.copy(in, file);
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot unpack the course files built into the application", ex);
		}
	}

	private static void delete(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder left behind is harmless
		}
	}

	/** A configured course folder or certificate file that is missing or unreadable. */
	static final class ContentMissing extends IllegalStateException {

		final String setting;

		final Path path;

		ContentMissing(String setting, Path path) {
			super(setting + " names " + path.toAbsolutePath() + ", which is missing or cannot be read");
			this.setting = setting;
			this.path = path;
		}

	}

	/** Reports {@link ContentMissing} as one line, without a stack trace. */
	public static final class Analyzer extends AbstractFailureAnalyzer<ContentMissing> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, ContentMissing cause) {
			return new FailureAnalysis(cause.getMessage() + ".",
					"Correct " + cause.setting + " or remove it to use the courses and certificate built into the application.",
					cause);
		}

	}

}
