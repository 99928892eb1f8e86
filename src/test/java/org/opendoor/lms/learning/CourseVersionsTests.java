package org.opendoor.lms.learning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Course versions and broken courses: an attempt stays on the version it started with while new attempts
 * get the new one; a course that fails lint is not loaded, others are, and the admin page says why.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class CourseVersionsTests {

	static Path courses;

	@DynamicPropertySource
	static void coursesFolder(DynamicPropertyRegistry registry) throws IOException {
		courses = Files.createTempDirectory("courses");
		FileSystemUtils.copyRecursively(Path.of("courses/first-steps"), courses.resolve("first-steps"));
		Files.createDirectories(courses.resolve("broken"));
		Files.writeString(courses.resolve("broken/course.yaml"), """
				id: broken
				version: 1.0.0
				title: Broken
				description: Has a typo
				languages: [en]
				estimated_minutes: 5
				pass_mark: 80
				modules:
				  - id: m1
				    title: One
				    items:
				      - lesson: missing.md
				""");
		registry.add("lms.course.directory", () -> courses.toString());
	}

	@Autowired
	CourseCatalogue catalogue;

	@Autowired
	Attempts attempts;

	@Autowired
	Accounts accounts;

	@Autowired
	MockMvc mvc;

	private Account learner() {
		return accounts.register(new Registration("L", UUID.randomUUID() + "@example.org", "long enough password",
				Nation.ENGLAND, "en"));
	}

	@Test
	void anAttemptStaysOnItsVersionAndNewAttemptsGetTheNewOne() throws IOException {
		Account early = learner();
		UUID oldAttempt = attempts.start(early.id(), "first-steps");
		Path manifest = courses.resolve("first-steps/course.yaml");
		Path lesson = courses.resolve("first-steps/lessons/01-welcome.md");
		Path welshManifest = courses.resolve("first-steps/course.cy.yaml");
		Path welshLesson = courses.resolve("first-steps/lessons/01-welcome.cy.md");
		String originalManifest = Files.readString(manifest);
		String originalLesson = Files.readString(lesson);
		String originalWelshManifest = Files.readString(welshManifest);
		String originalWelshLesson = Files.readString(welshLesson);
		try {
			Files.writeString(manifest, originalManifest.replace("version: 1.0.0", "version: 1.1.0"));
			Files.writeString(welshManifest, originalWelshManifest.replace("version: 1.0.0", "version: 1.1.0"));
			Files.writeString(lesson, originalLesson.replace("title: Welcome", "title: Welcome to version 1.1"));
			catalogue.reload();
			Account late = learner();
			UUID newAttempt = attempts.start(late.id(), "first-steps");
			assertThat(attempts.view(late.id(), newAttempt, "lesson-welcome").step().item().title())
				.isEqualTo("Welcome to version 1.1");
			StepView old = attempts.view(early.id(), oldAttempt, "lesson-welcome");
			assertThat(old.course().version()).isEqualTo("1.0.0");
			assertThat(old.step().item().title()).isEqualTo("Welcome");
			assertThat(attempts.catalogue(early.id())).singleElement().satisfies(item -> {
				assertThat(item.entry().course().version()).isEqualTo("1.1.0");
				assertThat(item.latest().version()).isEqualTo("1.0.0");
			});
			assertThat(catalogue.storedVersions()).extracting(CourseCatalogue.StoredVersion::version).contains("1.0.0", "1.1.0");

			// the fingerprint covers the Welsh files: a changed translation is changed content
			Files.writeString(welshLesson, originalWelshLesson.replace("title: Croeso", "title: Croeso i fersiwn 1.1"));
			catalogue.reload();
			assertThat(catalogue.reports()).filteredOn(r -> r.courseId().equals("first-steps")).singleElement()
				.satisfies(r -> assertThat(r.notes()).singleElement().asString().contains("changed since it was first loaded"));
			long version = catalogue.latest("first-steps").orElseThrow().versionId();
			assertThat(catalogue.version(version, "cy").modules().get(0).items().get(0).title()).isEqualTo("Croeso i fersiwn 1.1");
		}
		finally {
			Files.writeString(manifest, originalManifest);
			Files.writeString(lesson, originalLesson);
			Files.writeString(welshManifest, originalWelshManifest);
			Files.writeString(welshLesson, originalWelshLesson);
			catalogue.reload();
		}
	}

	@Test
	void aBrokenCourseIsNotLoadedOthersAreAndTheAdminPageSaysWhy() throws Exception {
		assertThat(catalogue.available()).extracting(e -> e.course().id()).containsExactly("first-steps");
		CourseReport broken = catalogue.reports().stream().filter(r -> r.courseId().equals("broken")).findFirst().orElseThrow();
		assertThat(broken.loaded()).isFalse();
		assertThat(broken.findings()).extracting(Object::toString).containsExactly("broken/course.yaml:12: file not found: missing.md");
		Account admin = accounts.create(new Registration("Admin", UUID.randomUUID() + "@example.org", "long enough password",
				Nation.WALES, "en"), EnumSet.of(Role.ADMIN));
		String html = mvc.perform(get("/admin/courses").with(user(new SignedInUser(admin.id(), admin.email(), "", admin.roles()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("Not loaded: fix these problems").contains("broken/course.yaml:12").contains("file not found: missing.md");
		// reading the files again says which folder was refused, not that all is well
		var signedIn = user(new SignedInUser(admin.id(), admin.email(), "", admin.roles()));
		String reloaded = mvc.perform(post("/admin/courses/reload").with(signedIn).with(csrf()))
			.andExpect(redirectedUrl("/admin/courses?reloaded")).andReturn().getResponse().getRedirectedUrl();
		String after = mvc.perform(get(reloaded).with(signedIn)).andReturn().getResponse().getContentAsString();
		assertThat(after).contains("Course files read again, but these were refused and learners do not see them: broken.")
			.doesNotContain("every course below is the one now in use");
		Account welshAdmin = accounts.create(new Registration("Gweinyddwr", UUID.randomUUID() + "@example.org",
				"long enough password", Nation.WALES, "cy"), EnumSet.of(Role.ADMIN));
		String afterInWelsh = mvc.perform(get(reloaded).with(user(new SignedInUser(welshAdmin.id(), welshAdmin.email(), "",
				welshAdmin.roles()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(afterInWelsh).contains("cafodd y rhain eu gwrthod ac nid yw dysgwyr yn eu gweld: broken.");
		try (Stream<Path> files = Files.list(courses)) {
			assertThat(files.count()).isEqualTo(2);
		}
	}

	@Test
	void itemWritingWarningsLeaveTheCourseLoadedAndTheAdminPageListsThem() throws Exception {
		Path cued = courses.resolve("best-always-first");
		FileSystemUtils.copyRecursively(Path.of("src/test/resources/item-writing/best-always-first"), cued);
		try {
			catalogue.reload();
			assertThat(catalogue.available()).extracting(e -> e.course().id()).contains("best-always-first");
			CourseReport report = catalogue.reports().stream().filter(r -> r.courseId().equals("best-always-first"))
				.findFirst().orElseThrow();
			assertThat(report.loaded()).isTrue();
			assertThat(report.findings()).isEmpty();
			assertThat(report.warnings()).extracting(Object::toString).containsExactly("best-always-first/scenario.yaml:5:"
					+ " item writing: the best choice is choice 1 at all 3 decision points: vary where you put it");
			Account admin = accounts.create(new Registration("Admin", UUID.randomUUID() + "@example.org",
					"long enough password", Nation.WALES, "en"), EnumSet.of(Role.ADMIN));
			String html = mvc.perform(get("/admin/courses").with(user(new SignedInUser(admin.id(), admin.email(), "",
					admin.roles())))).andReturn().getResponse().getContentAsString();
			assertThat(html).contains("Item-writing warnings (1)").contains("best-always-first/scenario.yaml:5")
				.contains("the best choice is choice 1 at all 3 decision points");
		}
		finally {
			FileSystemUtils.deleteRecursively(cued);
			catalogue.reload();
		}
	}

}
