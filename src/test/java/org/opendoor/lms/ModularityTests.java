package org.opendoor.lms;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules keep to their declared dependencies; their diagrams are written to target/spring-modulith-docs. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(OpenDoorApplication.class);

	@Test
	void modulesKeepToTheirAllowedDependencies() {
		modules.verify();
		assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.contains("account", "course", "learning", "organisation", "system", "lrs", "xapi");
	}

	@Test
	void theLearningRecordStoreDependsOnNoOtherModule() {
		ApplicationModule lrs = modules.getModuleByName("lrs").orElseThrow();
		assertThat(lrs.getDirectDependencies(modules).stream().map(d -> d.getTargetModule().getIdentifier().toString()))
			.isEmpty();
		assertThat(modules.getModuleByName("xapi").orElseThrow().getDirectDependencies(modules).stream()
			.map(d -> d.getTargetModule().getIdentifier().toString())).contains("lrs");
	}

	@Test
	void writesModuleDiagrams() {
		new Documenter(modules).writeDocumentation();
		assertThat(new java.io.File("target/spring-modulith-docs/components.puml")).exists();
	}

}
