package org.opendoor.lms.learning;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendoor.lms.OpenDoorApplication;
import org.opendoor.lms.support.BrowserlessSession;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner who leaves mid-course resumes on the same page with their answer kept, even after the
 * server restarts on its file database.
 */
class ResumeAfterRestartTests {

	@TempDir
	Path data;

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OpenDoorApplication.class).profiles("demo")
			.run("--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath(),
					"--logging.level.root=WARN");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	@Test
	void resumesOnTheSamePageWithAnswersAfterARestart() {
		String attemptPath;
		try (ConfigurableApplicationContext first = start()) {
			BrowserlessSession learner = new BrowserlessSession(port(first));
			learner.get("/register");
			BrowserlessSession.Page registered = learner.post("/register", "displayName", "Siân Ŵyn", "email",
					"sian@example.org", "password", "a long enough passphrase", "nation", "WALES", "language", "en");
			assertThat(registered.location()).endsWith("/login?registered=");
			learner.get("/login");
			String sessionBeforeSignIn = learner.cookie("SESSION");
			assertThat(sessionBeforeSignIn).as("the sign-in page starts a session for its CSRF token").isNotNull();
			assertThat(learner.signIn("sian@example.org", "a long enough passphrase").location()).endsWith("/courses");
			assertThat(learner.cookie("SESSION")).as("session fixation protection: a new session id after sign-in")
				.isNotEqualTo(sessionBeforeSignIn);
			learner.get("/courses");
			BrowserlessSession.Page started = learner.post("/courses/first-steps/attempts");
			attemptPath = started.location().replaceFirst("^https?://[^/]+", "");
			assertThat(learner.follow(attemptPath).body()).contains("Welcome");
			assertThat(learner.lastPath()).isEqualTo(attemptPath + "/steps/lesson-welcome");
			learner.get(attemptPath + "/steps/lesson-listening");
			learner.get(attemptPath + "/steps/check-open-question");
			BrowserlessSession.Page refused = learner.post(attemptPath + "/steps/check-open-question", "choice", "z");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.body()).contains("Choose an answer from the options shown.").contains("Your progress so far is saved.");
			BrowserlessSession.Page answered = learner.post(attemptPath + "/steps/check-open-question", "choice", "a");
			assertThat(learner.follow(answered.location().replaceFirst("#.*", "").replaceFirst("^https?://[^/]+", "")).body())
				.contains("Not quite");
		}
		try (ConfigurableApplicationContext second = start()) {
			BrowserlessSession sameLearner = new BrowserlessSession(port(second));
			sameLearner.signIn("sian@example.org", "a long enough passphrase");
			String catalogue = sameLearner.get("/courses").body();
			assertThat(catalogue).contains("Continue where you left off").contains("href=\"" + attemptPath + "\"");
			BrowserlessSession.Page resumed = sameLearner.follow(attemptPath);
			assertThat(sameLearner.lastPath()).isEqualTo(attemptPath + "/steps/check-open-question");
			assertThat(checkedOptions(resumed.body())).isEqualTo("a");
			assertThat(resumed.body()).contains("Not quite");
		}
	}

	/** The value of the checked option input on a question page. */
	static String checkedOptions(String html) {
		Matcher m = Pattern.compile("<input[^>]*name=\"choice\"[^>]*>").matcher(html);
		StringBuilder checked = new StringBuilder();
		while (m.find()) {
			String input = m.group();
			if (input.contains("checked")) {
				Matcher v = Pattern.compile("value=\"([^\"]+)\"").matcher(input);
				if (v.find()) {
					checked.append(v.group(1));
				}
			}
		}
		return checked.toString();
	}

}
