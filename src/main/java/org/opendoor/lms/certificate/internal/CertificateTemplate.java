package org.opendoor.lms.certificate.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A certificate template read from {@code certificates/}: fonts, colours, texts per language and an
 * optional logo.
 *
 * @param id template id
 * @param regularFont bytes of the regular font
 * @param boldFont bytes of the bold font, or {@code null} to draw bold text as outlined regular text
 * @param accent accent colour
 * @param text text colour
 * @param muted colour for small print
 * @param ornament colour of the border's ornaments (the accent colour when the template names none)
 * @param logo PNG bytes of the logo, or {@code null}
 * @param texts texts by language, then by key
 */
public record CertificateTemplate(String id, byte[] regularFont, byte[] boldFont, Color accent, Color text, Color muted,
		Color ornament, byte[] logo, Map<String, Map<String, String>> texts) {

	/** Reads a template file; fails with the file name and what is wrong. */
	@SuppressWarnings("unchecked")
	public static CertificateTemplate read(Path file) {
		Path dir = file.toAbsolutePath().getParent();
		try (InputStream in = Files.newInputStream(file)) {
			Map<String, Object> map = new Yaml(new LoaderOptions()).load(in);
			Map<String, String> fonts = (Map<String, String>) require(map, "fonts", file);
			Map<String, String> colours = (Map<String, String>) require(map, "colours", file);
			Map<String, Map<String, String>> texts = (Map<String, Map<String, String>>) require(map, "texts", file);
			Object logo = map.get("logo");
			return new CertificateTemplate((String) require(map, "id", file),
					Files.readAllBytes(dir.resolve((String) require(fonts, "regular", file))),
					fonts.get("bold") == null ? null : Files.readAllBytes(dir.resolve(fonts.get("bold"))),
					Color.decode((String) require(colours, "accent", file)), Color.decode((String) require(colours, "text", file)),
					Color.decode((String) require(colours, "muted", file)),
					Color.decode(colours.getOrDefault("ornament", colours.get("accent"))),
					logo == null ? null : Files.readAllBytes(dir.resolve((String) logo)), texts);
		}
		catch (IOException | ClassCastException | IllegalArgumentException ex) {
			throw new IllegalStateException("Certificate template " + file + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static Object require(Map<String, ?> map, String key, Path file) {
		Object value = map == null ? null : map.get(key);
		if (value == null) {
			throw new IllegalArgumentException("missing '" + key + "' in " + file);
		}
		return value;
	}

	/** A text in a language (falling back to English), with its placeholders filled. */
	public String text(String language, String key, Object... args) {
		Map<String, String> forLanguage = texts.getOrDefault(language, texts.get("en"));
		String pattern = forLanguage.getOrDefault(key, texts.get("en").get(key));
		if (pattern == null) {
			throw new IllegalStateException("Certificate template " + id + " has no text '" + key + "'");
		}
		for (int i = 0; i < args.length; i++) {
			pattern = pattern.replace("{" + i + "}", String.valueOf(args[i]));
		}
		return pattern;
	}

}
