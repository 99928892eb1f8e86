package org.opendoor.lms.learning;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.KnowledgeCheck;
import org.opendoor.lms.course.internal.CourseReader;
import org.opendoor.lms.support.BrowserLearner;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flagship course in a real browser: every page read, every check and scenario done well, and the
 * assessment passed with right answers; a second attempt with one critical item wrong fails although
 * the score is above the pass mark.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class FlagshipCourseBrowserTests {

	static final String FLAGSHIP = "hub-leaders-mental-health-awareness";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	private final Course course = new CourseReader().read(Path.of("courses"), Path.of("courses", FLAGSHIP)).course();

	@Test
	void aHubLeaderTakesTheFlagshipCourseAndPassesThenFailsOnACriticalItem() {
		String email = UUID.randomUUID() + "@example.org";
		accounts.register(new Registration("Morag", email, "porridge and patience", Nation.SCOTLAND, "en"));
		try (BrowserLearner learner = new BrowserLearner(port, course)) {
			learner.signIn(email, "porridge and patience");
			learner.clickToLoad(learner.browser()
				.findElement(By.xpath("//li[h2[text()='" + course.title() + "']]//button")));
			int pages = learner.walkToAssessment();
			// a page for every lesson, scenario and plan, and one for each question of a knowledge check
			int items = course.modules().stream().flatMap(m -> m.items().stream())
				.mapToInt(i -> i instanceof KnowledgeCheck check ? check.questions().size() : 1)
				.sum();
			assertThat(items).isGreaterThan(80);
			assertThat(pages).isEqualTo(items);
			learner.takeAssessment(false);
			assertThat(learner.heading()).isEqualTo("You passed");
			int draw = course.assessment().draw();
			assertThat(learner.main()).contains("You got " + draw + " of " + draw + " right (100%)");

			learner.open("/courses");
			learner.clickToLoad(learner.browser()
				.findElement(By.xpath("//li[h2[text()='" + course.title() + "']]//button[text()='Start again']")));
			learner.open(learner.path().replaceFirst("/steps/.*", "/steps/assessment"));
			learner.takeAssessment(true);
			assertThat(learner.heading()).isEqualTo("Not passed this time");
			int percent = (draw - 1) * 100 / draw;
			assertThat(percent).isGreaterThanOrEqualTo(course.passMark());
			assertThat(learner.main()).contains("You got " + (draw - 1) + " of " + draw + " right (" + percent + "%)")
				.contains("One safety-critical question was not right");
		}
	}

}
