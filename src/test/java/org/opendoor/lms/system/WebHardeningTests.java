package org.opendoor.lms.system;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Invitations;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * CSRF on every state-changing route, open redirects, security headers on every kind of response, and the rate
 * limits on registration, join codes and invitations. (Same context as the other MockMvc security tests.)
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class WebHardeningTests {

	/**
	 * State-changing routes that take no CSRF token, and why. Everything else that is not GET must refuse a request
	 * without one.
	 */
	static final Map<String, String> CSRF_EXCEPTIONS = Map.of("/xapi/",
			"the LRS: Basic auth on every request, no cookie, no session (stateless), so there is nothing to forge",
			"/unsubscribe/", "RFC 8058 one-click unsubscribe: mail clients post without a session; the signed token is "
					+ "the authority and the only effect is to stop reminder emails",
			"/lti/", "LTI 1.3: the learning platform posts across sites (login initiation, the id_token form_post, the "
					+ "deep-linking choice); each is proved by its own signed or one-time token (docs/lti.md)");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	Invitations invitations;

	private static boolean exempt(String path) {
		return CSRF_EXCEPTIONS.keySet().stream().anyMatch(path::startsWith);
	}

	/** Every POST, PUT, PATCH and DELETE mapping, plus the sign-in and sign-out filters' own POSTs. */
	private Set<String[]> stateChangingRoutes() {
		Set<String> seen = new TreeSet<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				for (RequestMethod m : info.getMethodsCondition().getMethods()) {
					if (m != RequestMethod.GET && m != RequestMethod.HEAD && m != RequestMethod.OPTIONS) {
						info.getPatternValues().forEach(p -> seen.add(m.name() + " " + p));
					}
				}
			}
		}
		seen.add("POST /login");
		seen.add("POST /logout");
		Set<String[]> routes = new java.util.LinkedHashSet<>();
		for (String r : seen) {
			routes.add(r.split(" ", 2));
		}
		return routes;
	}

	@Test
	void everyStateChangingRouteRefusesARequestWithoutItsCsrfToken() throws Exception {
		People p = People.create(accounts, organisations);
		UUID attempt = attempts.start(p.volunteerA().id(), "first-steps");
		List<String> problems = new ArrayList<>();
		int refused = 0;
		for (String[] route : stateChangingRoutes()) {
			String path = route[1].replace("{orgId}", String.valueOf(p.orgA()))
				.replace("{organisationId}", String.valueOf(p.orgA()))
				.replace("{attemptId}", attempt.toString())
				.replace("{courseId}", "first-steps")
				.replace("{stepKey}", "plan-my-next-step")
				.replaceAll("\\{[^}]+}", "1");
			if (exempt(path)) {
				continue;
			}
			// as someone allowed to do it (a site admin, or the attempt's owner), and with a forged token
			Account actor = path.startsWith("/attempts/") ? p.volunteerA() : p.siteAdmin();
			for (RequestPostProcessor token : List.<RequestPostProcessor>of(r -> r, csrf().useInvalidToken())) {
				MockHttpServletResponse response = mvc
					.perform(request(HttpMethod.valueOf(route[0]), path).param("name", "Forged")
						.param("email", "forged@example.org")
						.param("username", p.siteAdmin().email())
						.param("password", Learners.PASSWORD)
						.with(user(Learners.as(actor)))
						.with(token))
					.andReturn()
					.getResponse();
				if (response.getStatus() != 403) {
					problems.add(route[0] + " " + route[1] + " answered " + response.getStatus() + " without a valid token");
				}
				refused++;
			}
		}
		assertThat(problems).as(String.join("\n", problems)).isEmpty();
		assertThat(refused).isGreaterThan(40);
		assertThat(organisations.members(p.orgA(), null)).as("nothing changed").hasSize(2);
		assertThat(attempts.currentStep(p.volunteerA().id(), attempt)).isNotEqualTo("plan-my-next-step");
	}

	@Test
	void theDocumentedExceptionsAreTheOnlyOnesAndStillRefuseStrangers() throws Exception {
		// the LRS without a token: refused for want of credentials (401), never by a missing CSRF token
		assertThat(mvc.perform(post("/xapi/statements").header("X-Experience-API-Version", "1.0.3")).andReturn()
			.getResponse().getStatus()).isEqualTo(401);
		// unsubscribe without a token: only a valid signed link does anything
		assertThat(mvc.perform(post("/unsubscribe/not-a-signed-token")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		// an LTI launch without a state and id_token issued here: refused, nothing done
		assertThat(mvc.perform(post("/lti/launch").param("state", "made-up").param("id_token", "x.y.z")).andReturn()
			.getResponse().getStatus()).isEqualTo(400);
	}

	// ---------------------------------------------------------------- open redirects

	static final List<String> EVIL = List.of("https://evil.example", "//evil.example", "/\\evil.example",
			"\\\\evil.example", "javascript:alert(1)", "https:evil.example", "/%2F%2Fevil.example");

	/**
	 * Every place that could redirect to something a request names, with the parameter it would use.
	 * (The language switch, a POST, is checked beside them with its {@code return} parameter.)
	 */
	static final List<String[]> PARAMETER_REDIRECTS = List.of(new String[] { "GET", "/join", "code" },
			new String[] { "GET", "/verify", "code" }, new String[] { "GET", "/login", "continue" },
			new String[] { "GET", "/", "continue" });

	/** A redirect that stays on this site: a path (not "//" or "/\"), or an absolute URL to this host. */
	private static void assertStaysOnSite(String what, String location) {
		if (location == null) {
			return;
		}
		assertThat(location).as(what + " → " + location).doesNotContain("evil").doesNotStartWith("//")
			.doesNotStartWith("/\\").doesNotStartWithIgnoringCase("javascript:");
		if (location.contains("://")) {
			assertThat(URI.create(location).getHost()).as(what).isEqualTo("localhost");
		}
		else {
			assertThat(location).as(what).startsWith("/");
		}
	}

	@Test
	void noRedirectGoesWhereARequestParameterOrHeaderSays() throws Exception {
		Account learner = Learners.register(accounts, "Redirect Tester", Nation.WALES, "en");
		for (String evil : EVIL) {
			for (String[] r : PARAMETER_REDIRECTS) {
				MvcResult result = mvc.perform(request(HttpMethod.valueOf(r[0]), r[1]).param(r[2], evil)
					.header("Referer", evil)
					.with(user(Learners.as(learner)))).andReturn();
				assertStaysOnSite(r[1] + "?" + r[2] + "=" + evil, result.getResponse().getRedirectedUrl());
			}
			for (var who : java.util.Arrays.asList(user(Learners.as(learner)), null)) {
				MockHttpServletRequestBuilder language = post("/language").with(csrf()).param("lang", "cy")
					.param("return", evil)
					.header("Referer", evil);
				MvcResult switched = mvc.perform(who == null ? language : language.with(who)).andReturn();
				assertThat(switched.getResponse().getStatus()).isEqualTo(302);
				assertStaysOnSite("/language?return=" + evil, switched.getResponse().getRedirectedUrl());
			}
			// sign-in: the usual "where next" parameters and the Referer are ignored
			MockHttpServletRequestBuilder signIn = post("/login").with(csrf())
				.param("username", learner.email())
				.param("password", Learners.PASSWORD)
				.header("Referer", evil);
			for (String name : List.of("continue", "redirect", "redirect_uri", "returnTo", "return", "targetUrl",
					"spring-security-redirect", "next", "url")) {
				signIn.param(name, evil);
			}
			MvcResult signedIn = mvc.perform(signIn).andReturn();
			assertThat(signedIn.getResponse().getRedirectedUrl()).as("sign-in with " + evil).isEqualTo("/courses");
			// sign-out likewise
			MvcResult signedOut = mvc.perform(post("/logout").with(csrf())
				.with(user(Learners.as(learner)))
				.param("continue", evil)
				.param("redirect", evil)
				.param("targetUrl", evil)
				.header("Referer", evil)).andReturn();
			assertThat(signedOut.getResponse().getRedirectedUrl()).as("sign-out with " + evil).isEqualTo("/login?signedOut");
		}
	}

	@Test
	void afterSignInThePageAskedForIsOnThisSiteWhateverTheLinkCarried() throws Exception {
		Account learner = Learners.register(accounts, "Saved Request", Nation.WALES, "en");
		for (String evil : EVIL) {
			MockHttpSession session = new MockHttpSession();
			mvc.perform(get("/courses").param("continue", evil).param("next", evil).session(session));
			MvcResult signedIn = mvc.perform(post("/login").with(csrf())
				.session(session)
				.param("username", learner.email())
				.param("password", Learners.PASSWORD)).andReturn();
			assertStaysOnSite("saved request with " + evil, signedIn.getResponse().getRedirectedUrl());
			assertThat(URI.create(signedIn.getResponse().getRedirectedUrl()).getPath()).isEqualTo("/courses");
		}
	}

	// ---------------------------------------------------------------- headers

	/** Checks the headers every response of the site carries. */
	private static void assertHardened(String what, MockHttpServletResponse r, boolean signedIn) {
		String csp = r.getHeader("Content-Security-Policy");
		assertThat(csp).as(what + ": CSP").isNotNull().contains("frame-ancestors 'none'").doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(r.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
		assertThat(r.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
		assertThat(r.getHeader("Referrer-Policy")).as(what).isIn("same-origin", "no-referrer");
		assertThat(r.getHeader("Permissions-Policy")).as(what).contains("camera=()").contains("geolocation=()");
		if (signedIn) {
			assertThat(r.getHeader("Cache-Control")).as(what + ": cache").contains("no-store");
		}
	}

	@Test
	void everyKindOfResponseCarriesTheSecurityHeaders() throws Exception {
		People p = People.create(accounts, organisations);
		Learners.takeFirstStepsAssessment(attempts, p.volunteerA(), true);
		String code = certificates.of(p.volunteerA().id()).get(0).code();
		var volunteer = user(Learners.as(p.volunteerA()));
		var admin = user(Learners.as(p.siteAdmin()));
		Map<String, MockHttpServletRequestBuilder> signedIn = new java.util.LinkedHashMap<>();
		signedIn.put("HTML page", get("/courses").with(volunteer));
		signedIn.put("certificate PDF", get("/certificates/" + code + "/pdf").with(volunteer));
		signedIn.put("certificate PDF/A-3 with badge", get("/certificates/" + code + "/pdfa3").with(volunteer));
		signedIn.put("signposting card PDF", get("/organisations/" + p.orgA() + "/directory/card.pdf").with(volunteer));
		signedIn.put("booklet PDF", get("/courses/first-steps/booklet.pdf").with(volunteer));
		signedIn.put("personal data JSON", get("/account/data/export").with(volunteer));
		signedIn.put("statements JSON", get("/admin/xapi/statements.json").with(admin));
		signedIn.put("completions CSV", get("/org/" + p.orgA() + "/export.csv").with(user(Learners.as(p.adminA()))));
		signedIn.put("not found", get("/attempts/" + UUID.randomUUID()).with(volunteer));
		signedIn.put("forbidden", get("/admin/courses").with(volunteer));
		signedIn.put("bad request", get("/attempts/not-a-uuid").with(volunteer));
		for (Map.Entry<String, MockHttpServletRequestBuilder> e : signedIn.entrySet()) {
			MockHttpServletResponse r = mvc.perform(e.getValue()).andReturn().getResponse();
			assertThat(r.getStatus()).as(e.getKey()).isIn(200, 400, 403, 404);
			assertHardened(e.getKey(), r, true);
		}
		assertHardened("sign-in page", mvc.perform(get("/login")).andReturn().getResponse(), false);
		assertHardened("public JSON", mvc.perform(get("/issuer/jwks.json")).andReturn().getResponse(), false);
		assertHardened("anonymous redirect", mvc.perform(get("/courses")).andReturn().getResponse(), false);
		MockHttpServletResponse lrs = mvc.perform(get("/xapi/about")).andReturn().getResponse();
		assertHardened("LRS JSON", lrs, false);
	}

	@Test
	void strictTransportSecurityIsSentOverHttpsOnly() throws Exception {
		MockHttpServletResponse https = mvc.perform(get("/login").secure(true)).andReturn().getResponse();
		assertThat(https.getHeader("Strict-Transport-Security")).contains("max-age=31536000").contains("includeSubDomains");
		MockHttpServletResponse http = mvc.perform(get("/login")).andReturn().getResponse();
		assertThat(http.getHeader("Strict-Transport-Security")).as("not on plain HTTP (RFC 6797 section 7.2)").isNull();
	}

	// ---------------------------------------------------------------- rate limits

	private static RequestPostProcessor from(String address) {
		return r -> {
			r.setRemoteAddr(address);
			return r;
		};
	}

	@Test
	void registrationsFromOneAddressAreLimited() throws Exception {
		String address = "10.77." + (int) (Math.random() * 250) + ".1";
		int allowed = 20;
		for (int i = 0; i < allowed; i++) {
			mvc.perform(post("/register").with(csrf()).with(from(address))
				.param("displayName", "Bulk " + i)
				.param("email", UUID.randomUUID() + "@example.org")
				.param("password", Learners.PASSWORD)
				.param("nation", "WALES")
				.param("language", "en")).andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(302));
		}
		String email = UUID.randomUUID() + "@example.org";
		MockHttpServletResponse refused = mvc.perform(post("/register").with(csrf()).with(from(address))
			.param("displayName", "One too many")
			.param("email", email)
			.param("password", Learners.PASSWORD)
			.param("nation", "WALES")
			.param("language", "en")).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 3600L);
		assertThat(refused.getErrorMessage()).isEqualTo("error.tooManyRequests");
		assertThat(accounts.findByEmail(email)).as("nothing stored").isEmpty();
		// another address is not affected
		assertThat(mvc.perform(post("/register").with(csrf()).with(from("10.78.0.1"))
			.param("displayName", "Elsewhere")
			.param("email", UUID.randomUUID() + "@example.org")
			.param("password", Learners.PASSWORD)
			.param("nation", "WALES")
			.param("language", "en")).andReturn().getResponse().getStatus()).isEqualTo(302);
	}

	@Test
	void guessingJoinCodesIsStoppedAfterTenWrongOnes() throws Exception {
		People p = People.create(accounts, organisations);
		var guesser = user(Learners.as(p.outsider()));
		for (int i = 0; i < 10; i++) {
			assertThat(mvc.perform(get("/join/ZZZZ-ZZZ" + (char) ('A' + i)).with(guesser)).andReturn().getResponse()
				.getStatus()).isEqualTo(404);
		}
		MockHttpServletResponse blocked = mvc.perform(get("/join/" + organisations.joinCode(p.orgA())).with(guesser))
			.andReturn().getResponse();
		assertThat(blocked.getStatus()).isEqualTo(429);
		assertThat(blocked.getHeader("Retry-After")).isNotBlank();
		assertThat(mvc.perform(post("/join/" + organisations.joinCode(p.orgA())).with(csrf()).with(guesser)).andReturn()
			.getResponse().getStatus()).isEqualTo(429);
		assertThat(organisations.membershipsOf(p.outsider().id())).as("not joined").isEmpty();
		// someone else with the right code joins as usual
		assertThat(mvc.perform(get("/join/" + organisations.joinCode(p.orgA())).with(user(Learners.as(p.adminB()))))
			.andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void guessingThePasswordOnTheDeleteAccountFormIsStoppedAfterFiveWrongOnes() throws Exception {
		Account learner = Learners.register(accounts, "Open Session", Nation.WALES, "en");
		var session = user(Learners.as(learner));
		for (int i = 0; i < 5; i++) {
			assertThat(mvc.perform(post("/account/delete").with(csrf()).with(session).param("password", "guess number " + i))
				.andReturn().getResponse().getStatus()).isEqualTo(400);
		}
		MockHttpServletResponse blocked = mvc.perform(post("/account/delete").with(csrf()).with(session)
			.param("password", Learners.PASSWORD)).andReturn().getResponse();
		assertThat(blocked.getStatus()).isEqualTo(429);
		assertThat(blocked.getHeader("Retry-After")).isNotBlank();
		assertThat(accounts.isActive(learner.id())).as("even the right password does nothing while blocked").isTrue();
	}

	@Test
	void invitationsFromOneAccountAreLimited() throws Exception {
		People p = People.create(accounts, organisations);
		var admin = user(Learners.as(p.adminA()));
		for (int i = 0; i < 50; i++) {
			assertThat(mvc.perform(post("/org/" + p.orgA() + "/invitations").with(csrf()).with(admin)
				.param("email", UUID.randomUUID() + "@example.org")).andReturn().getResponse().getStatus()).isEqualTo(302);
		}
		MockHttpServletResponse refused = mvc.perform(post("/org/" + p.orgA() + "/invitations").with(csrf()).with(admin)
			.param("email", "one-more@example.org")).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isNotBlank();
		assertThat(invitations.open(p.orgA())).hasSize(50);
	}

}
