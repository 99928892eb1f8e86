package org.opendoor.lms.directory;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Local directory settings.
 *
 * @param cardFont the TrueType font the signposting card is printed in (the certificates' font by default)
 */
@ConfigurationProperties("lms.directory")
public record DirectoryProperties(@DefaultValue("certificates/fonts/DejaVuSans.ttf") Path cardFont) {
}
