package org.opendoor.lms.accessibility;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.BrowserlessSession;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Low bandwidth: every page of each course before its assessment, with the stylesheets, scripts and images it references
 * (fonts excluded, as they are cached), weighs under 100 KB as a signed-in learner fetches it; and the
 * lessons are in the HTML and a question is answered with a plain form, no script needed. The figures
 * are recorded in {@code docs/page-weight.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class PageWeightTests {

	static final int LIMIT_BYTES = 100 * 1024;

	private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

	private static final Pattern FONT = Pattern.compile("\\.(woff2?|ttf|otf|eot)(\\?.*)?$");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	/** The bytes of a page and of every non-font resource it references, by path. */
	private static Map<String, Integer> weigh(BrowserlessSession learner, String path, String html) {
		Map<String, Integer> sizes = new LinkedHashMap<>();
		sizes.put(path, html.getBytes(StandardCharsets.UTF_8).length);
		Document doc = Jsoup.parse(html, "http://localhost" + path);
		for (Element e : doc.select("link[rel=stylesheet][href], script[src], img[src], link[rel~=icon][href], source[src], video[src]")) {
			String ref = e.hasAttr("href") ? e.attr("href") : e.attr("src");
			if (ref.startsWith("data:")) {
				// inline, already counted in the page
				continue;
			}
			String resource = URI.create("http://localhost" + path).resolve(ref).getRawPath();
			if (sizes.containsKey(resource) || FONT.matcher(resource).find()) {
				continue;
			}
			byte[] body = learner.download(resource);
			sizes.put(resource, body.length);
			if (e.tagName().equals("link") && e.attr("rel").contains("stylesheet")) {
				Matcher m = CSS_URL.matcher(new String(body, StandardCharsets.UTF_8));
				while (m.find()) {
					String inner = URI.create("http://localhost" + resource).resolve(m.group(1)).getRawPath();
					if (!m.group(1).startsWith("data:") && !FONT.matcher(inner).find() && !sizes.containsKey(inner)) {
						sizes.put(inner, learner.download(inner).length);
					}
				}
			}
		}
		return sizes;
	}

	@ParameterizedTest
	@ValueSource(strings = { "first-steps", "hub-leaders-mental-health-awareness" })
	void everyPageOfTheCourseIsUnder100KbAndWorksWithoutScript(String courseId) {
		BrowserlessSession learner = new BrowserlessSession(port);
		Account account = Learners.register(accounts, "Learner", Nation.ENGLAND, "en");
		learner.signIn(account.email(), Learners.PASSWORD);
		Document catalogue = Jsoup.parse(learner.get("/courses").body());
		String start = catalogue.selectFirst("form[action$=/courses/" + courseId + "/attempts]").attr("action");
		BrowserlessSession.Page started = learner.post(start);
		assertThat(started.status()).isEqualTo(302);
		learner.follow(URI.create("http://localhost").resolve(started.location()).getRawPath());
		String path = learner.lastPath();
		assertThat(path).contains("/steps/");

		int pages = 0;
		int heaviest = 0;
		String heaviestPath = null;
		Map<String, Integer> heaviestLesson = null;
		boolean answered = false;
		while (!path.endsWith("/steps/assessment")) {
			String html = learner.get(path).body();
			Document doc = Jsoup.parse(html);
			assertThat(doc.selectFirst("main h1")).as("the page's heading is in its HTML: " + path).isNotNull();
			Map<String, Integer> sizes = weigh(learner, path, html);
			int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
			System.out.println("page-weight " + path + " " + sizes + " total " + total);
			assertThat(total).as("bytes of " + path + " with its assets: " + sizes).isLessThan(LIMIT_BYTES);
			boolean lesson = !path.contains("/steps/check-") && !path.contains("/steps/scenario-") && doc.select("form.plan").isEmpty();
			if (lesson && total > heaviest) {
				heaviest = total;
				heaviestPath = path;
				heaviestLesson = sizes;
				assertThat(doc.select("main").text().length()).as("the lesson text is in the HTML").isGreaterThan(200);
			}
			if (!answered && path.contains("/steps/check-")) {
				Element form = doc.selectFirst("form.question");
				String choice = form.selectFirst("input[name=choice]").attr("value");
				BrowserlessSession.Page after = learner.post(form.attr("action"), "choice", choice);
				assertThat(after.status()).as("a plain form post answers the question").isEqualTo(302);
				Document feedback = Jsoup.parse(learner.follow(URI.create("http://localhost").resolve(after.location()).getRawPath()).body());
				assertThat(feedback.select("#feedback").text()).as("feedback without script").isNotBlank();
				answered = true;
			}
			Element next = doc.selectFirst("[rel=next][href]");
			assertThat(next).as("a plain link to the next page on " + path).isNotNull();
			path = URI.create("http://localhost" + path).resolve(next.attr("href")).getRawPath();
			pages++;
			assertThat(pages).isLessThan(200);
		}
		assertThat(answered).isTrue();
		System.out.println("page-weight " + courseId + " heaviest lesson " + heaviestPath + " " + heaviestLesson + " total " + heaviest + " bytes; "
				+ pages + " pages before the assessment");
	}

}
