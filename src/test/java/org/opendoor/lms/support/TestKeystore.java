package org.opendoor.lms.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opendoor.lms.certificate.internal.IssuerKeys;

/** A PKCS#12 signing keystore for tests that run outside the demo profile, as production configures one. */
public final class TestKeystore {

	public static final String PASSWORD = "a-test-keystore-secret";

	private static Path path;

	private TestKeystore() {
	}

	public static synchronized String path() {
		if (path == null) {
			try {
				path = Files.createTempFile("issuer", ".p12");
				Files.write(path, IssuerKeys.generate(PASSWORD.toCharArray(), "CN=Test issuer, O=Open Door tests"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return path.toString();
	}

}
