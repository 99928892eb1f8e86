package org.opendoor.lms.system;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.facilitation.GroupSessions;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Assignments;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.opendoor.lms.lrs.XapiClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * The authorisation matrix: every route of the application (every handler mapping, the actuator's included) and
 * what each kind of visitor gets from it: anonymous, a volunteer of organisation A (who owns an attempt and a
 * certificate), A's organisation admin, B's organisation admin, a learner in no organisation, a site admin, and for
 * the LRS no client, a revoked client, a READ client and a WRITE client.
 * <p>
 * A route that is not in {@link #MATRIX} fails {@link #everyRouteHasAnEntryInTheMatrix()} with its method and
 * pattern: add one line for it, saying who may use it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class RouteAccessMatrixTests {

	/** Who may use a route. */
	enum Access {

		/** Anyone, signed in or not. */
		PUBLIC,
		/** Anyone signed in; anonymous visitors are sent to sign in. Data is the person's own or public. */
		SIGNED_IN,
		/** Only the person whose attempt or certificate it is: everyone else signed in gets 404 (or 403). */
		OWNER,
		/** Members of the organisation (any role) and site admins; others signed in get 404. */
		ORG_MEMBER,
		/** The organisation's admins and site admins; other signed-in people get 404 or 403. */
		ORG_ADMIN,
		/** Site admins only; others signed in get 403. */
		SITE_ADMIN,
		/** Whoever may lead a group session: an admin of any organisation, or a site admin; others get 404. */
		FACILITATOR,
		/** The LRS's public "about" resource. */
		XAPI_PUBLIC,
		/** An LRS client with READ or WRITE scope (Basic auth); no session counts. */
		XAPI_READ,
		/** An LRS client with WRITE scope. */
		XAPI_WRITE

	}

	/**
	 * Every route ({@code METHOD pattern}, as mapped) and who may use it. Keep it sorted by path. Routes being added
	 * elsewhere (booklet, facilitation, OpenAPI, language switch) need a line here when they land.
	 */
	static final Map<String, Access> MATRIX = new LinkedHashMap<>();

	static {
		row("GET /", Access.SIGNED_IN);
		row("GET /account/data", Access.SIGNED_IN);
		row("GET /account/data/export", Access.SIGNED_IN);
		row("POST /account/delete", Access.SIGNED_IN);
		row("GET /actuator", Access.SITE_ADMIN);
		row("GET /admin/lti", Access.SITE_ADMIN);
		row("POST /admin/lti/invitations", Access.SITE_ADMIN);
		row("POST /admin/lti/keys", Access.SITE_ADMIN);
		row("POST /admin/lti/platforms", Access.SITE_ADMIN);
		row("POST /admin/lti/platforms/{id}/remove", Access.SITE_ADMIN);
		row("GET /actuator/health", Access.PUBLIC);
		row("GET /actuator/health/**", Access.PUBLIC);
		row("GET /actuator/prometheus", Access.SITE_ADMIN);
		row("GET /admin/certificates", Access.SITE_ADMIN);
		row("POST /admin/certificates/{id}/reissue", Access.SITE_ADMIN);
		row("POST /admin/certificates/{id}/revoke", Access.SITE_ADMIN);
		row("GET /admin/contacts", Access.SITE_ADMIN);
		row("POST /admin/contacts/checks", Access.SITE_ADMIN);
		row("GET /admin/courses", Access.SITE_ADMIN);
		row("POST /admin/courses/reload", Access.SITE_ADMIN);
		row("GET /admin/organisations", Access.SITE_ADMIN);
		row("POST /admin/organisations", Access.SITE_ADMIN);
		row("GET /admin/personal-data", Access.SITE_ADMIN);
		row("GET /admin/personal-data/lookup", Access.SITE_ADMIN);
		row("GET /admin/personal-data/people/{accountId}", Access.SITE_ADMIN);
		row("GET /admin/xapi/clients", Access.SITE_ADMIN);
		row("POST /admin/xapi/clients", Access.SITE_ADMIN);
		row("POST /admin/xapi/clients/{id}/revoke", Access.SITE_ADMIN);
		row("GET /admin/xapi/outbox", Access.SITE_ADMIN);
		row("POST /admin/xapi/outbox/retry-all", Access.SITE_ADMIN);
		row("POST /admin/xapi/outbox/{id}/retry", Access.SITE_ADMIN);
		row("GET /admin/xapi/statements", Access.SITE_ADMIN);
		row("GET /admin/xapi/statements.csv", Access.SITE_ADMIN);
		row("GET /admin/xapi/statements.json", Access.SITE_ADMIN);
		row("GET /api/courses/{courseId}/packages/{standard}", Access.SITE_ADMIN);
		row("GET /attempts/{attemptId}", Access.OWNER);
		row("POST /attempts/{attemptId}/retake", Access.OWNER);
		row("GET /attempts/{attemptId}/steps/{stepKey}", Access.OWNER);
		row("POST /attempts/{attemptId}/steps/{stepKey}", Access.OWNER);
		row("GET /attempts/{attemptId}/steps/{stepKey}/print", Access.OWNER);
		row("POST /attempts/{attemptId}/submit", Access.OWNER);
		row("GET /certificates", Access.SIGNED_IN);
		row("GET /certificates/{code}/badge", Access.OWNER);
		row("GET /certificates/{code}/pdf", Access.OWNER);
		row("GET /certificates/{code}/pdfa3", Access.OWNER);
		row("GET /courses", Access.SIGNED_IN);
		row("POST /courses/{courseId}/attempts", Access.SIGNED_IN);
		row("GET /directory", Access.SIGNED_IN);
		row("GET /error", Access.PUBLIC);
		// an invitation or a join code is for anyone signed in who has it
		row("GET /invitations/{token}", Access.SIGNED_IN);
		row("POST /invitations/{token}", Access.SIGNED_IN);
		row("GET /issuer", Access.PUBLIC);
		row("GET /issuer/jwks.json", Access.PUBLIC);
		row("GET /join", Access.SIGNED_IN);
		row("GET /join/{code}", Access.SIGNED_IN);
		row("POST /join/{code}", Access.SIGNED_IN);
		row("GET /login", Access.PUBLIC);
		row("GET /lti/continue/{token}", Access.PUBLIC);
		row("POST /lti/deep-link", Access.PUBLIC);
		row("GET /lti/jwks.json", Access.PUBLIC);
		row("POST /lti/launch", Access.PUBLIC);
		row("GET /lti/login", Access.PUBLIC);
		row("POST /lti/login", Access.PUBLIC);
		row("GET /lti/register/{code}", Access.PUBLIC);
		row("GET /org", Access.SIGNED_IN);
		row("GET /org/{orgId}", Access.ORG_ADMIN);
		row("POST /org/{orgId}/assignments", Access.ORG_ADMIN);
		row("GET /org/{orgId}/assignments", Access.ORG_ADMIN);
		row("POST /org/{orgId}/assignments/{assignmentId}/remove", Access.ORG_ADMIN);
		row("GET /org/{orgId}/dashboard", Access.ORG_ADMIN);
		row("GET /org/{orgId}/export.csv", Access.ORG_ADMIN);
		row("POST /org/{orgId}/groups", Access.ORG_ADMIN);
		row("POST /org/{orgId}/import", Access.ORG_ADMIN);
		row("POST /org/{orgId}/invitations", Access.ORG_ADMIN);
		row("GET /org/{orgId}/invite", Access.ORG_ADMIN);
		row("POST /org/{orgId}/join-code", Access.ORG_ADMIN);
		row("GET /org/{orgId}/members", Access.ORG_ADMIN);
		row("POST /org/{orgId}/members/{accountId}/group", Access.ORG_ADMIN);
		row("POST /org/{orgId}/members/{accountId}/remove", Access.ORG_ADMIN);
		row("POST /org/{orgId}/members/{accountId}/role", Access.ORG_ADMIN);
		row("GET /organisations/{organisationId}/directory", Access.ORG_MEMBER);
		row("POST /organisations/{organisationId}/directory", Access.ORG_ADMIN);
		row("GET /organisations/{organisationId}/directory/card.pdf", Access.ORG_MEMBER);
		row("GET /organisations/{organisationId}/directory/new", Access.ORG_ADMIN);
		row("POST /organisations/{organisationId}/directory/nation", Access.ORG_ADMIN);
		row("POST /organisations/{organisationId}/directory/{serviceId}", Access.ORG_ADMIN);
		row("POST /organisations/{organisationId}/directory/{serviceId}/delete", Access.ORG_ADMIN);
		row("GET /organisations/{organisationId}/directory/{serviceId}/edit", Access.ORG_ADMIN);
		// a forgotten password: anyone may ask for a link; the link's token is the authority to use it
		row("GET /password/forgotten", Access.PUBLIC);
		row("POST /password/forgotten", Access.PUBLIC);
		row("POST /password/reset", Access.PUBLIC);
		row("GET /password/reset/{token}", Access.PUBLIC);
		row("GET /profile", Access.SIGNED_IN);
		row("POST /profile", Access.SIGNED_IN);
		row("POST /profile/password", Access.SIGNED_IN);
		row("GET /register", Access.PUBLIC);
		row("POST /register", Access.PUBLIC);
		// the token in the link is the authority (signed, one person); mail clients post without a session
		row("GET /unsubscribe/{token}", Access.PUBLIC);
		row("POST /unsubscribe/{token}", Access.PUBLIC);
		row("GET /verify", Access.PUBLIC);
		row("GET /verify/{code}", Access.PUBLIC);
		row("GET /xapi/about", Access.XAPI_PUBLIC);
		row("GET /xapi/activities", Access.XAPI_READ);
		row("GET /xapi/activities/profile", Access.XAPI_READ);
		row("PUT /xapi/activities/profile", Access.XAPI_WRITE);
		row("POST /xapi/activities/profile", Access.XAPI_WRITE);
		row("DELETE /xapi/activities/profile", Access.XAPI_WRITE);
		row("GET /xapi/activities/state", Access.XAPI_READ);
		row("PUT /xapi/activities/state", Access.XAPI_WRITE);
		row("POST /xapi/activities/state", Access.XAPI_WRITE);
		row("DELETE /xapi/activities/state", Access.XAPI_WRITE);
		row("GET /xapi/agents", Access.XAPI_READ);
		row("GET /xapi/agents/profile", Access.XAPI_READ);
		row("PUT /xapi/agents/profile", Access.XAPI_WRITE);
		row("POST /xapi/agents/profile", Access.XAPI_WRITE);
		row("DELETE /xapi/agents/profile", Access.XAPI_WRITE);
		row("GET /xapi/statements", Access.XAPI_READ);
		row("PUT /xapi/statements", Access.XAPI_WRITE);
		row("POST /xapi/statements", Access.XAPI_WRITE);
		row("GET /api/courses", Access.PUBLIC);
		// the OpenAPI description of /api/** (springdoc): the JSON is public, the YAML copy needs sign-in
		row("GET /api/openapi.json", Access.PUBLIC);
		row("GET /api/openapi.json.yaml", Access.SIGNED_IN);
		row("GET /api/certificates/{code}", Access.PUBLIC);
		row("GET /booklet", Access.SIGNED_IN);
		row("GET /booklet/download", Access.SIGNED_IN);
		row("GET /courses/{courseId}/booklet.pdf", Access.SIGNED_IN);
		row("GET /facilitate", Access.FACILITATOR);
		row("GET /facilitate/{courseId}", Access.FACILITATOR);
		row("GET /facilitate/{courseId}/{n}", Access.FACILITATOR);
		row("GET /facilitate/{courseId}/overview", Access.FACILITATOR);
		row("POST /language", Access.PUBLIC);
		row("GET /org/{orgId}/lti", Access.ORG_ADMIN);
		row("POST /org/{orgId}/lti/import", Access.ORG_ADMIN);
		row("GET /org/{orgId}/sessions", Access.ORG_ADMIN);
		row("POST /org/{orgId}/sessions", Access.ORG_ADMIN);
		row("GET /org/{orgId}/sessions/new", Access.ORG_ADMIN);
		row("GET /org/{orgId}/sessions/sign-in-sheet", Access.ORG_ADMIN);
		row("GET /org/{orgId}/sessions/{sessionId}", Access.ORG_ADMIN);
	}

	private static void row(String route, Access access) {
		assertThat(MATRIX.put(route, access)).as("route listed twice: " + route).isNull();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Assignments assignments;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	LocalServices directory;

	@Autowired
	XapiClients xapiClients;

	@Autowired
	GroupSessions groupSessions;

	/** Every mapped route as "METHOD pattern" (a mapping for any method counts as GET, as a link would use it). */
	private Set<String> mappedRoutes() {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (String pattern : info.getPatternValues()) {
					for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
						routes.add(m.name() + " " + pattern);
					}
				}
			}
		}
		assertThat(routes).as("the routes were found, the actuator's too").contains("GET /courses", "GET /actuator/health");
		return routes;
	}

	@Test
	void everyRouteHasAnEntryInTheMatrix() {
		Set<String> mapped = mappedRoutes();
		List<String> missing = mapped.stream().filter(r -> !MATRIX.containsKey(r)).toList();
		assertThat(missing)
			.as("routes with no line in RouteAccessMatrixTests.MATRIX (add one saying who may use each): %s", missing)
			.isEmpty();
		List<String> gone = MATRIX.keySet().stream().filter(r -> !mapped.contains(r)).toList();
		assertThat(gone).as("lines in the matrix for routes that no longer exist (remove them): %s", gone).isEmpty();
	}

	/** The people and things the sample requests use. */
	private record Fixture(People people, long assignment, UUID attempt, String certificate, long service,
			String joinCode, XapiClients.Created read, XapiClients.Created write, XapiClients.Created revoked,
			UUID groupSession) {
	}

	private Fixture fixture() {
		People p = People.create(accounts, organisations);
		long assignment = assignments.assign(p.orgA(), "first-steps", null, LocalDate.now().plusDays(10), p.adminA().id());
		Learners.takeFirstStepsAssessment(attempts, p.volunteerA(), true);
		UUID attempt = attempts.start(p.volunteerA().id(), "first-steps");
		String certificate = certificates.of(p.volunteerA().id()).get(0).code();
		long service = directory.create(p.adminA().id(), p.orgA(), new LocalServiceForm("Food bank advice", "Advice",
				"Mondays", "01234 567890", "Anyone", Tier.SIGNPOST, LocalDate.now()));
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		XapiClients.Created revoked = xapiClients.create("revoked " + suffix, XapiClients.Scope.WRITE);
		xapiClients.revoke(revoked.client().id());
		UUID session = groupSessions.record(p.orgA(), p.adminA().id(), new GroupSessions.Form("first-steps",
				LocalDate.now().toString(), String.valueOf(p.adminA().id()), "", List.of(String.valueOf(p.volunteerA().id()))));
		return new Fixture(p, assignment, attempt, certificate, service, organisations.joinCode(p.orgA()),
				xapiClients.create("reader " + suffix, XapiClients.Scope.READ),
				xapiClients.create("writer " + suffix, XapiClients.Scope.WRITE), revoked, session);
	}

	/** A sample path for a pattern, with the fixture's ids (organisation A's, the volunteer's) filled in. */
	private static String path(String pattern, Fixture f) {
		String code = pattern.startsWith("/join") ? f.joinCode() : f.certificate();
		String path = pattern.replace("{orgId}", String.valueOf(f.people().orgA()))
			.replace("{organisationId}", String.valueOf(f.people().orgA()))
			.replace("{accountId}", String.valueOf(f.people().volunteerA().id()))
			.replace("{assignmentId}", String.valueOf(f.assignment()))
			.replace("{attemptId}", f.attempt().toString())
			.replace("{stepKey}", "plan-my-next-step")
			.replace("{courseId}", "first-steps")
			.replace("{sessionId}", f.groupSession().toString())
			.replace("{n}", "2")
			.replace("{standard}", "scorm12")
			.replace("{serviceId}", String.valueOf(f.service()))
			.replace("{code}", code)
			.replace("{token}", "not-a-real-token")
			.replace("{id}", "999999")
			.replace("/**", "/liveness");
		assertThat(path).as("a sample value for every path variable of " + pattern).doesNotContain("{");
		return path;
	}

	private static MockHttpServletRequestBuilder sample(String method, String path) {
		MockHttpServletRequestBuilder r = request(HttpMethod.valueOf(method), path);
		if (path.startsWith("/xapi/")) {
			return r.header("X-Experience-API-Version", "1.0.3").contentType(MediaType.APPLICATION_JSON).content("{}");
		}
		if (method.equals("GET")) {
			return r;
		}
		return r.with(csrf())
			.param("name", "Changed")
			.param("email", "someone@example.org")
			.param("role", "LEARNER")
			.param("courseId", "first-steps")
			.param("dueOn", "2030-01-01")
			.param("reason", "matrix test");
	}

	/** GETs first, then posts, and the ones that remove things last, so one fixture serves every route. */
	private static int order(String route) {
		if (route.startsWith("GET ")) {
			return 0;
		}
		return route.matches(".*/(remove|delete|revoke|retake|submit|join-code)$") || route.startsWith("POST /join/")
				|| route.startsWith("POST /account/delete") ? 2 : 1;
	}

	@Test
	void everyRouteAnswersEachKindOfVisitorAsTheMatrixSays() throws Exception {
		Fixture f = fixture();
		People p = f.people();
		Map<String, Account> signedIn = new LinkedHashMap<>();
		signedIn.put("volunteer of A", p.volunteerA());
		signedIn.put("admin of A", p.adminA());
		signedIn.put("admin of B", p.adminB());
		signedIn.put("learner in no organisation", p.outsider());
		signedIn.put("site admin", p.siteAdmin());
		List<String> problems = new ArrayList<>();
		List<String> routes = new ArrayList<>(MATRIX.keySet());
		routes.sort(Comparator.comparingInt(RouteAccessMatrixTests::order));
		int checks = 0;
		for (String route : routes) {
			Access access = MATRIX.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String path = path(route.substring(route.indexOf(' ') + 1), f);
			if (access.name().startsWith("XAPI")) {
				checks += xapi(method, path, access, f, problems);
				continue;
			}
			int anonymous = status(sample(method, path), null);
			String anonymousWhere = lastRedirect;
			if (access == Access.PUBLIC) {
				// (the error page itself, asked for directly, reports the unknown error it was given: 500)
				expect(problems, route, "anonymous", anonymous,
						allowed(anonymous, anonymousWhere) && (anonymous < 500 || path.equals("/error")));
			}
			else {
				expect(problems, route, "anonymous", anonymous,
						anonymous == 302 && anonymousWhere != null && anonymousWhere.endsWith("/login"));
			}
			checks++;
			// a route that removes something: once one allowed person has removed it, the next finds nothing (404)
			boolean removed = false;
			for (Map.Entry<String, Account> who : signedIn.entrySet()) {
				if (access == Access.PUBLIC) {
					continue;
				}
				int status = status(sample(method, path), user(Learners.as(who.getValue())));
				boolean ok = allowed(status, lastRedirect);
				boolean gone = removed && status == 404;
				boolean expected = switch (access) {
					case SIGNED_IN -> ok;
					case OWNER -> who.getKey().equals("volunteer of A") ? ok && status != 404 : status == 404 || status == 403;
					case ORG_MEMBER -> Set.of("volunteer of A", "admin of A", "site admin").contains(who.getKey())
							? ok && status != 404 : status == 404;
					case ORG_ADMIN -> Set.of("admin of A", "site admin").contains(who.getKey()) ? ok && (status != 404 || gone)
							: status == 404 || status == 403;
					case SITE_ADMIN -> who.getKey().equals("site admin") ? ok : status == 403;
					case FACILITATOR -> Set.of("admin of A", "admin of B", "site admin").contains(who.getKey())
							? ok && status != 404 : status == 404;
					default -> false;
				};
				expect(problems, route, who.getKey(), status, expected && status < 500);
				removed |= order(route) == 2 && ok && status != 404;
				checks++;
			}
		}
		assertThat(problems).as("routes answering against the matrix:\n" + String.join("\n", problems)).isEmpty();
		assertThat(checks).isGreaterThan(MATRIX.size() * 3);
	}

	/** Checks an LRS route for no client, a revoked one, a wrong secret, a READ and a WRITE client. */
	private int xapi(String method, String path, Access access, Fixture f, List<String> problems) throws Exception {
		String address = "10.99." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
		RequestPostProcessor from = req -> {
			req.setRemoteAddr(address);
			return req;
		};
		int none = status(sample(method, path).with(from), null);
		int revoked = status(sample(method, path).with(from),
				httpBasic(f.revoked().client().key(), f.revoked().secret()));
		int wrong = status(sample(method, path).with(from), httpBasic(f.write().client().key(), "not the secret"));
		int read = status(sample(method, path), httpBasic(f.read().client().key(), f.read().secret()));
		int write = status(sample(method, path), httpBasic(f.write().client().key(), f.write().secret()));
		String route = method + " " + path;
		boolean isPublic = access == Access.XAPI_PUBLIC;
		expect(problems, route, "no LRS client", none, isPublic ? none == 200 : none == 401);
		expect(problems, route, "a revoked client", revoked, isPublic ? revoked != 403 : revoked == 401);
		expect(problems, route, "a wrong secret", wrong, isPublic ? wrong != 403 : wrong == 401);
		expect(problems, route, "a READ client", read,
				access == Access.XAPI_WRITE ? read == 403 : read != 401 && read != 403);
		expect(problems, route, "a WRITE client", write, write != 401 && write != 403);
		return 5;
	}

	private String lastRedirect;

	private int status(MockHttpServletRequestBuilder request, RequestPostProcessor who) throws Exception {
		var response = mvc.perform(who == null ? request : request.with(who)).andReturn().getResponse();
		lastRedirect = response.getRedirectedUrl();
		return response.getStatus();
	}

	/** Reached the route: not refused, not sent to sign in (a 404 for a made-up id still counts as reached). */
	private static boolean allowed(int status, String redirect) {
		return status != 401 && status != 403
				&& !(status == 302 && redirect != null && redirect.endsWith("/login"));
	}

	private static void expect(List<String> problems, String route, String who, int status, boolean ok) {
		if (!ok) {
			problems.add(route + " as " + who + ": got " + status + " (matrix: " + MATRIX.getOrDefault(route, null) + ")");
		}
	}

}
