package org.opendoor.lms.xapi;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Learning-record settings.
 *
 * @param siteUrl the site's public address: the learner account's home page and the base of activity ids
 * @param forward the external LRSs every statement is forwarded to (none by default)
 * @param forwardBatchSize how many statements one request to an external LRS carries
 * @param forwardInterval how often the forwarder looks for statements to send
 * @param forwardTimeout how long the forwarder waits for an external LRS to answer
 */
@ConfigurationProperties("lms.xapi")
public record XapiProperties(@DefaultValue("http://localhost:8080") String siteUrl, List<Destination> forward,
		@DefaultValue("100") int forwardBatchSize, @DefaultValue("2s") Duration forwardInterval,
		@DefaultValue("10s") Duration forwardTimeout) {

	public XapiProperties {
		forward = forward == null ? List.of() : List.copyOf(forward);
		siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
	}

	/**
	 * An external LRS.
	 *
	 * @param name a short name, unique among destinations, shown to admins and kept with each queued statement
	 * @param endpoint the LRS's xAPI endpoint, for example {@code https://lrs.example.org/xapi/}
	 * @param key the Basic-auth key (user name)
	 * @param secret the Basic-auth secret (password)
	 * @param version the xAPI version to send: {@code 1.0.3} or {@code 2.0.0}
	 */
	public record Destination(String name, URI endpoint, String key, String secret,
			@DefaultValue("1.0.3") String version) {

		@Override
		public String toString() {
			return "Destination[" + name + " " + endpoint + "]";
		}
	}

}
