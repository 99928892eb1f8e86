package org.opendoor.lms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Open Door: a course engine for mental health awareness training of community hub leaders.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class OpenDoorApplication {

	public static void main(String[] args) {
		SpringApplication.run(OpenDoorApplication.class, args);
	}

}
