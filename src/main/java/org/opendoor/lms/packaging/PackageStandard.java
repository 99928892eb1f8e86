package org.opendoor.lms.packaging;

import java.util.Arrays;
import java.util.Optional;

/** The package standards a course can be exported as, by their path name. */
public enum PackageStandard {

	SCORM12("scorm12", "imsmanifest.xml"), SCORM2004("scorm2004", "imsmanifest.xml"), CMI5("cmi5", "cmi5.xml");

	private final String pathName;

	private final String manifest;

	PackageStandard(String pathName, String manifest) {
		this.pathName = pathName;
		this.manifest = manifest;
	}

	/** The name used in URLs and file names. */
	public String pathName() {
		return pathName;
	}

	/** The manifest file at the package root. */
	public String manifest() {
		return manifest;
	}

	/** The standard for a path name, if any. */
	public static Optional<PackageStandard> of(String pathName) {
		return Arrays.stream(values()).filter(s -> s.pathName.equals(pathName)).findFirst();
	}

}
