package org.opendoor.lms.certificate;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Certificate settings.
 *
 * @param template the template file
 * @param issuer the issuing organisation's name when the learner belongs to none
 * @param verifyRequestsPerMinute how many verify-page requests one address may make a minute
 */
@ConfigurationProperties("lms.certificate")
public record CertificateProperties(@DefaultValue("certificates/default.yaml") Path template,
		@DefaultValue("Open Door") String issuer,
		@DefaultValue("30") int verifyRequestsPerMinute) {
}
