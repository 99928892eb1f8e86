package org.opendoor.lms.booklet;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Booklet settings.
 *
 * @param font the TrueType font the booklet is printed in (the certificates' font by default)
 */
@ConfigurationProperties("lms.booklet")
public record BookletProperties(@DefaultValue("certificates/fonts/DejaVuSans.ttf") Path font) {
}
