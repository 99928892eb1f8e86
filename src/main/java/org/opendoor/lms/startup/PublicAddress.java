package org.opendoor.lms.startup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The site's public address, the one base of every absolute link the app hands out: the certificate's
 * verify link and QR code, invitation and reminder links, links in emails. It comes from
 * {@code lms.public-url}; when that is not set (the demo), from the port the app actually listens on, as
 * {@code http://localhost:<port>}. Never from a request's {@code Host} or forwarded headers: a link built
 * from those would send a volunteer wherever the sender of a request chose.
 */
@Component
public class PublicAddress {

	/** The setting. */
	public static final String SETTING = "lms.public-url";

	/** Older settings for the same address, read when {@link #SETTING} is not set (deprecated). */
	static final List<String> ALIASES = List.of("lms.base-url", "lms.certificate.base-url", "lms.xapi.site-url");

	private final String configured;

	private volatile String fromPort;

	private final boolean production;

	public PublicAddress(Environment environment) {
		this.configured = withoutSlash(environment.getProperty(SETTING));
		this.fromPort = "http://localhost:" + environment.getProperty("server.port", "8080");
		this.production = environment.matchesProfiles("postgres", "prod");
	}

	/** Follows the port the web server was started on (the main server, not a separate management one). */
	@EventListener
	public void onWebServer(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			fromPort = "http://localhost:" + event.getWebServer().getPort();
			if (production && configured == null) {
				org.slf4j.LoggerFactory.getLogger(PublicAddress.class).warn("{} is not set: certificates and emails will link "
						+ "to {}, which only this machine can open. Set it to the site's public address.", SETTING, fromPort);
			}
		}
	}

	/** The address, without a trailing slash, for example {@code https://learn.example.org}. */
	public String url() {
		return configured != null ? configured : fromPort;
	}

	private static String withoutSlash(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		String trimmed = url.strip();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/**
	 * Maps the older settings onto {@link #SETTING}, and gives the base of xAPI activity ids its value: a
	 * configured address, otherwise the fixed {@code http://localhost:8080}, so the ids of the demo's learning
	 * records stay the same whichever port it runs on.
	 */
	public static class Aliases implements EnvironmentPostProcessor {

		@Override
		public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
			Map<String, Object> values = new LinkedHashMap<>();
			String address = environment.getProperty(SETTING);
			if (address == null) {
				address = ALIASES.stream().map(environment::getProperty).filter(v -> v != null && !v.isBlank())
					.findFirst().orElse(null);
				if (address != null) {
					values.put(SETTING, address);
				}
			}
			if (environment.getProperty("lms.xapi.site-url") == null) {
				values.put("lms.xapi.site-url", address == null ? "http://localhost:8080" : address);
			}
			if (!values.isEmpty()) {
				environment.getPropertySources().addLast(new MapPropertySource("opendoor-public-address", values));
			}
		}

	}

}
