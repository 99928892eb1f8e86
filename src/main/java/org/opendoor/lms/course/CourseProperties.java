package org.opendoor.lms.course;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where courses are read from.
 *
 * @param directory the courses folder, one sub-folder per course
 */
@ConfigurationProperties("lms.course")
public record CourseProperties(@DefaultValue("courses") Path directory) {
}
