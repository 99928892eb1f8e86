package org.opendoor.lms.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The official SCORM and cmi5 schemas in {@code ../shared/schemas/}. Tests that need them skip with a
 * message when the folder is absent, except in CI ({@code CI=true}) where its absence is a failure.
 */
public final class SharedSchemas {

	public static final Path DIR = Path.of("..", "shared", "schemas").toAbsolutePath().normalize();

	private SharedSchemas() {
	}

	public static void require() {
		if (!Files.isDirectory(DIR)) {
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true but " + DIR + " is missing: the schemas must sit beside the project");
			}
			Assumptions.abort("Skipped: " + DIR + " (the official SCORM and cmi5 schemas) is not beside the project");
		}
	}

	/** The SCORM 1.2 schema set (content packaging and adlcp; LOM left out, as the README there says). */
	public static Schema scorm12() {
		return schema(List.of("scorm12/imscp_rootv1p1p2.xsd", "scorm12/adlcp_rootv1p2.xsd"));
	}

	/** The SCORM 2004 4th Edition schema set, through its {@code _all.xsd} wrapper. */
	public static Schema scorm2004() {
		return schema(List.of("scorm2004-4th/_all.xsd"));
	}

	/** The cmi5 course structure schema. */
	public static Schema cmi5() {
		return schema(List.of("cmi5/CourseStructure.xsd"));
	}

	private static Schema schema(List<String> files) {
		require();
		try {
			SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
			factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
			factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "file");
			factory.setResourceResolver(new XmlNamespaceResolver());
			Source[] sources = files.stream().map(f -> new StreamSource(DIR.resolve(f).toFile())).toArray(Source[]::new);
			return factory.newSchema(sources);
		}
		catch (SAXException ex) {
			throw new IllegalStateException("Cannot read the schemas " + files + ": " + ex.getMessage(), ex);
		}
	}

	/** Resolves SCORM 1.2's ims_xml.xsd (which the JDK rejects) to the W3C xml.xsd shipped with SCORM 2004. */
	private static final class XmlNamespaceResolver implements LSResourceResolver {

		@Override
		public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
			if (systemId != null && systemId.endsWith("ims_xml.xsd")) {
				try {
					return new Input(Files.readAllBytes(DIR.resolve("scorm2004-4th/xml.xsd")),
							DIR.resolve("scorm2004-4th/xml.xsd").toUri().toString());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return null;
		}

	}

	private record Input(byte[] bytes, String systemId) implements LSInput {

		@Override
		public Reader getCharacterStream() {
			return null;
		}

		@Override
		public void setCharacterStream(Reader characterStream) {
		}

		@Override
		public InputStream getByteStream() {
			return new ByteArrayInputStream(bytes);
		}

		@Override
		public void setByteStream(InputStream byteStream) {
		}

		@Override
		public String getStringData() {
			return null;
		}

		@Override
		public void setStringData(String stringData) {
		}

		@Override
		public String getSystemId() {
			return systemId;
		}

		@Override
		public void setSystemId(String systemId) {
		}

		@Override
		public String getPublicId() {
			return null;
		}

		@Override
		public void setPublicId(String publicId) {
		}

		@Override
		public String getBaseURI() {
			return systemId;
		}

		@Override
		public void setBaseURI(String baseURI) {
		}

		@Override
		public String getEncoding() {
			return null;
		}

		@Override
		public void setEncoding(String encoding) {
		}

		@Override
		public boolean getCertifiedText() {
			return false;
		}

		@Override
		public void setCertifiedText(boolean certifiedText) {
		}

	}

}
