package org.opendoor.lms.system;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.learning.Attempts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What anonymous visitors, learners and admins can and cannot do. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class SecurityTests {

	static final Set<String> PUBLIC = Set.of("/login", "/register", "/error", "/verify", "/verify/x", "/issuer",
			"/issuer/jwks.json", "/unsubscribe/x", "/language", "/api/openapi.json", "/api/courses", "/api/certificates/x",
			"/password/forgotten", "/password/reset", "/password/reset/x",
			// LTI 1.3: the platform's cross-site requests, each proved by its own token (docs/lti.md)
			"/lti/login", "/lti/launch", "/lti/jwks.json", "/lti/continue/x", "/lti/deep-link", "/lti/register/x");

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Attempts attempts;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private SignedInUser learner(String email) {
		Account a = accounts.findByEmail(email)
			.orElseGet(() -> accounts.register(new Registration("Learner", email, "long enough password", Nation.ENGLAND, "en")));
		return new SignedInUser(a.id(), a.email(), "", a.roles());
	}

	private SignedInUser admin() {
		Account a = accounts.findByEmail("site-admin@example.org")
			.orElseGet(() -> accounts.create(new Registration("Admin", "site-admin@example.org", "long enough password",
					Nation.SCOTLAND, "en"), EnumSet.of(Role.LEARNER, Role.ADMIN)));
		return new SignedInUser(a.id(), a.email(), "", a.roles());
	}

	/** Every route of the application, with sample values for its path variables. */
	private List<String[]> routes() {
		List<String[]> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replace("{attemptId}", UUID.randomUUID().toString())
					.replace("{courseId}", "first-steps")
					.replace("{stepKey}", "lesson-welcome")
					.replaceAll("\\{[^}]+}", "x");
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					routes.add(new String[] { m.name(), path });
				}
			}
		}
		assertThat(routes).as("the app's routes were found").hasSizeGreaterThan(8);
		return routes;
	}

	@Test
	void anonymousRequestsToEveryPageRedirectToSignIn() throws Exception {
		int checked = 0;
		for (String[] route : routes()) {
			if (PUBLIC.contains(route[1])) {
				continue;
			}
			if (route[1].startsWith("/xapi/")) {
				// the LRS: Basic auth, no sign-in page, no session
				if (!route[1].equals("/xapi/about")) {
					MvcResult refused = mvc
						.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
							.request(org.springframework.http.HttpMethod.valueOf(route[0]), route[1])
							.header("X-Experience-API-Version", "1.0.3"))
						.andReturn();
					assertThat(refused.getResponse().getStatus()).as(route[0] + " " + route[1]).isEqualTo(401);
					assertThat(refused.getResponse().getHeader("WWW-Authenticate")).startsWith("Basic");
					checked++;
				}
				continue;
			}
			MvcResult result = mvc
				.perform(route[0].equals("GET") ? get(route[1]) : post(route[1]).with(csrf()))
				.andReturn();
			assertThat(result.getResponse().getStatus()).as(route[0] + " " + route[1]).isEqualTo(302);
			assertThat(result.getResponse().getRedirectedUrl()).as(route[0] + " " + route[1]).endsWith("/login");
			checked++;
		}
		assertThat(checked).isGreaterThan(8);
	}

	@Test
	void theLanguageSwitchNeedsItsFormTokenAndOnlyReturnsToThisSite() throws Exception {
		assertThat(mvc.perform(post("/language").param("lang", "cy").param("return", "/login")).andReturn().getResponse()
			.getStatus()).as("no CSRF token").isEqualTo(403);
		assertThat(mvc.perform(post("/language").param("lang", "fr").with(csrf())).andReturn().getResponse().getStatus())
			.as("unknown language").isEqualTo(400);
		for (String elsewhere : List.of("https://evil.example/", "//evil.example/", "/\\evil.example/", "evil")) {
			MvcResult r = mvc.perform(post("/language").param("lang", "cy").param("return", elsewhere).with(csrf())).andReturn();
			assertThat(r.getResponse().getRedirectedUrl()).as(elsewhere).isEqualTo("/");
		}
		MvcResult ok = mvc.perform(post("/language").param("lang", "cy").param("return", "/register").with(csrf())).andReturn();
		assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/register");
		assertThat(ok.getResponse().getHeader("Set-Cookie")).startsWith("lms-lang=cy").contains("HttpOnly").contains("SameSite=Lax");
	}

	@Test
	void publicPagesAnswerWithoutSignIn() throws Exception {
		assertThat(mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
			.as("999 can be tapped on a phone, on every page").contains("<a class=\"phone\" href=\"tel:999\">999</a>")
			.contains("If someone&#39;s life is at risk right now, call");
		mvc.perform(get("/register")).andExpect(status().isOk());
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/api/openapi.json")).andExpect(status().isOk());
		mvc.perform(get("/api/courses")).andExpect(status().isOk());
		mvc.perform(get("/css/site.css")).andExpect(status().isOk());
	}

	@Test
	void stylesheetHasAVersionedAddressThatBrowsersKeepForAYear() throws Exception {
		String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
		java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/css/site-[0-9a-f]{32}\\.css)\"").matcher(page);
		assertThat(link.find()).as("the page links the stylesheet by an address with its content hash").isTrue();
		MvcResult css = mvc.perform(get(link.group(1))).andExpect(status().isOk()).andReturn();
		assertThat(css.getResponse().getHeader("Cache-Control")).contains("max-age=31536000").doesNotContain("no-store");
		assertThat(css.getResponse().getContentAsString())
			.isEqualTo(mvc.perform(get("/css/site.css")).andReturn().getResponse().getContentAsString());
		// pages themselves are never kept: they show personal progress
		assertThat(mvc.perform(get("/login")).andReturn().getResponse().getHeader("Cache-Control")).contains("no-store");
	}

	@Test
	void formPostWithoutCsrfTokenIsRefusedAndNothingIsStored() throws Exception {
		SignedInUser learner = learner("no-csrf@example.org");
		mvc.perform(post("/courses/first-steps/attempts").with(user(learner))).andExpect(status().isForbidden());
		assertThat(attempts.history(learner.accountId())).isEmpty();
		mvc.perform(post("/courses/first-steps/attempts").with(user(learner)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(attempts.history(learner.accountId())).hasSize(1);
	}

	@Test
	void aLearnerCannotReadOrChangeAnotherLearnersAttempt() throws Exception {
		SignedInUser owner = learner("owner@example.org");
		SignedInUser other = learner("other@example.org");
		UUID attempt = attempts.start(owner.accountId(), "first-steps");
		String page = "/attempts/" + attempt + "/steps/check-open-question";
		mvc.perform(get(page).with(user(owner))).andExpect(status().isOk());
		mvc.perform(get(page).with(user(other))).andExpect(status().isNotFound());
		mvc.perform(get("/attempts/" + attempt).with(user(other))).andExpect(status().isNotFound());
		mvc.perform(post(page).param("choice", "b").with(user(other)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/attempts/" + attempt + "/submit").with(user(other)).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(attempts.currentStep(owner.accountId(), attempt)).isEqualTo("check-open-question");
	}

	@Test
	void adminPagesNeedTheAdminRole() throws Exception {
		mvc.perform(get("/admin/courses").with(user(learner("plain@example.org")))).andExpect(status().isForbidden());
		String html = mvc.perform(get("/admin/courses").with(user(admin())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("first-steps").contains("1.0.0").contains("Loaded");
	}

	@Test
	void pagesCarryAContentSecurityPolicyWithNoInlineScriptAndCannotBeFramed() throws Exception {
		MvcResult result = mvc.perform(get("/login")).andReturn();
		String csp = result.getResponse().getHeader("Content-Security-Policy");
		assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
		assertThat(result.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("<script");
	}

	@Test
	void repeatedFailedSignInsAreThrottled() throws Exception {
		learner("target@example.org");
		for (int i = 0; i < SignInThrottle.PAIR.bands().get(0).count(); i++) {
			mvc.perform(post("/login").param("username", "target@example.org").param("password", "wrong guess " + i).with(csrf()))
				.andExpect(redirectedUrl("/login?error"));
		}
		MvcResult locked = mvc
			.perform(post("/login").param("username", "target@example.org").param("password", "long enough password").with(csrf()))
			.andExpect(status().isTooManyRequests())
			.andReturn();
		// five failures in fifteen minutes, refilled evenly: one more try after at most three minutes
		assertThat(Long.parseLong(locked.getResponse().getHeader("Retry-After"))).isBetween(1L, 180L);
		assertThat(locked.getResponse().getErrorMessage()).isEqualTo("login.locked");
	}

	@Test
	void registrationExplainsEveryProblemAndRefusesDuplicates() throws Exception {
		String html = mvc.perform(post("/register").with(csrf())
			.param("displayName", "")
			.param("email", "not-an-email")
			.param("password", "short")
			.param("language", "en")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("There is a problem")
			.contains("Enter your name")
			.contains("Enter an email address like name@example.org")
			.contains("at least 15 characters")
			.contains("Choose where you volunteer");
		learner("taken@example.org");
		String dup = mvc.perform(post("/register").with(csrf())
			.param("displayName", "Someone")
			.param("email", "Taken@Example.org")
			.param("password", "another long password")
			.param("nation", "WALES")
			.param("language", "cy")).andExpect(redirectedUrl("/login?registered=")).andReturn().getResponse().getContentAsString();
		assertThat(dup).as("the same answer as for a new address: nothing says the address has an account").isEmpty();
		assertThat(accounts.findByEmail("taken@example.org").orElseThrow().displayName()).isEqualTo("Learner");
		String common = mvc.perform(post("/register").with(csrf())
			.param("displayName", "Someone")
			.param("email", "fresh@example.org")
			.param("password", "password12345678")
			.param("nation", "WALES")
			.param("language", "en")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(common).contains("list of common or leaked passwords");
		assertThat(accounts.findByEmail("fresh@example.org")).isEmpty();
	}

	@Test
	void aChoiceThatIsNotOfferedIsAFormErrorNotAServerError() throws Exception {
		String html = mvc.perform(post("/register").with(csrf())
			.param("displayName", "Rhian")
			.param("email", "rhian@example.org")
			.param("password", "a long enough password")
			.param("nation", "narnia")
			.param("language", "en")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("There is a problem").contains("Choose where you volunteer").contains("rhian@example.org");
		assertThat(accounts.findByEmail("rhian@example.org")).isEmpty();
		SignedInUser learner = learner("profile-narnia@example.org");
		String profile = mvc.perform(post("/profile").with(user(learner)).with(csrf())
			.param("displayName", "Someone")
			.param("nation", "narnia")
			.param("language", "en")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(profile).contains("There is a problem").contains("Choose where you volunteer");
	}

	@Test
	void answersThatDoNotFitTheQuestionGetAClearError() throws Exception {
		SignedInUser learner = learner("bad-input@example.org");
		UUID attempt = attempts.start(learner.accountId(), "first-steps");
		String page = "/attempts/" + attempt + "/steps/check-open-question";
		mvc.perform(post(page).param("choice", "z").with(user(learner)).with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post(page).param("choice", "a").param("choice", "b").with(user(learner)).with(csrf()))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/attempts/" + attempt + "/steps/no-such-page").with(user(learner))).andExpect(status().isNotFound());
		mvc.perform(post("/attempts/" + attempt + "/retake").with(user(learner)).with(csrf()))
			.andExpect(status().isConflict());
		mvc.perform(get("/attempts/not-a-uuid").with(user(learner))).andExpect(status().is4xxClientError());
	}

	@Test
	void theDemoLearnerSignsInWithTheDocumentedDemoPassword() throws Exception {
		mvc.perform(post("/login").param("username", "learner" + DemoData.DOMAIN).param("password", "demo-learner-pass").with(csrf()))
			.andExpect(redirectedUrl("/courses"));
	}

	@Test
	void aPrivatePlanIsSeenOnlyByItsAuthor() throws Exception {
		SignedInUser author = learner("plan-author@example.org");
		SignedInUser other = learner("plan-other@example.org");
		UUID attempt = attempts.start(author.accountId(), "first-steps");
		String page = "/attempts/" + attempt + "/steps/plan-my-next-step";
		mvc.perform(post(page).param("prompt-support", "My sister <script>alert(1)</script>").with(user(author)).with(csrf()))
			.andExpect(redirectedUrl(page));
		String html = mvc.perform(get(page + "/print").with(user(author))).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("My sister &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
		mvc.perform(get(page + "/print").with(user(other))).andExpect(status().isNotFound());
		mvc.perform(post(page).param("prompt-support", "overwritten").with(user(other)).with(csrf()))
			.andExpect(status().isNotFound());
		UUID othersAttempt = attempts.start(other.accountId(), "first-steps");
		String othersPage = mvc.perform(get("/attempts/" + othersAttempt + "/steps/plan-my-next-step").with(user(other)))
			.andReturn().getResponse().getContentAsString();
		assertThat(othersPage).doesNotContain("My sister");
	}

}
