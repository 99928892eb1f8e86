package org.opendoor.lms.lti;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An LTI 1.3 platform on loopback, behaving as Moodle's {@code mod/lti} does: an OIDC authorisation endpoint
 * that answers with an auto-submitted {@code form_post}, its key set, a token endpoint (client credentials
 * with a signed JWT client assertion, checked against the tool's key set), AGS line items and scores, an
 * NRPS membership container, a deep-linking return endpoint, and the dynamic registration endpoints
 * ({@code openid-configuration} and {@code openid-registration}).
 */
final class PlatformEmulator implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

	static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

	final HttpServer server;

	final String issuer;

	final RSAKey key;

	final String clientId = "od-" + UUID.randomUUID().toString().substring(0, 8);

	final String deploymentId = "1";

	/** The tool's addresses, as its registration gave them. */
	String toolJwks;

	String toolRedirect;

	/** Scores the grade endpoint accepted, and how many score requests it answered at all. */
	final List<JsonNode> scores = new CopyOnWriteArrayList<>();

	final AtomicInteger scoreRequests = new AtomicInteger();

	volatile boolean gradesDown;

	/** Content items that came back through deep linking. */
	final List<JsonNode> deepLinked = new CopyOnWriteArrayList<>();

	/** The roster of the course (NRPS members). */
	final List<Map<String, Object>> members = new CopyOnWriteArrayList<>();

	/** The registration the tool posted (dynamic registration). */
	volatile JsonNode registration;

	final String registrationToken = "reg-" + UUID.randomUUID();

	/** Changes to the claims of the next id_token (for refusals). */
	volatile Consumer<JWTClaimsSet.Builder> tamper = b -> {
	};

	/** The nonce of the last authorisation request. */
	volatile String lastNonce;

	/** The key the next id_token is signed with (another key for a bad signature). */
	volatile RSAKey signWith;

	/** The id_token launch the login_hint stands for. */
	private final Map<String, JWTClaimsSet.Builder> pending = new ConcurrentHashMap<>();

	private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

	PlatformEmulator() throws Exception {
		this("localhost");
	}

	/** A platform whose addresses use this host name (another site than the tool's, for a browser). */
	PlatformEmulator(String host) throws Exception {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		issuer = "http://" + host + ":" + server.getAddress().getPort() + "/moodle";
		key = new RSAKeyGenerator(2048).keyID("platform-1").generate();
		signWith = key;
		server.createContext("/moodle/mod/lti/certs.php", ex -> send(ex, 200, "application/json",
				new JWKSet(key.toPublicJWK()).toString()));
		server.createContext("/moodle/mod/lti/auth.php", this::authorise);
		server.createContext("/moodle/mod/lti/token.php", this::token);
		server.createContext("/moodle/mod/lti/services.php", this::services);
		server.createContext("/moodle/mod/lti/contentitem_return.php", this::deepLinkReturn);
		server.createContext("/moodle/mod/lti/openid-configuration.php", this::openidConfiguration);
		server.createContext("/moodle/mod/lti/openid-registration.php", this::register);
		server.createContext("/moodle/course/view.php", this::coursePage);
		server.createContext("/moodle/mod/lti/launch.php", this::initiateLogin);
		server.createContext("/moodle/course/", ex -> send(ex, 200, "text/html", "<!DOCTYPE html><title>Course</title><p>Course page</p>"));
		server.start();
	}

	String url(String path) {
		return issuer + path;
	}

	String authEndpoint() {
		return url("/mod/lti/auth.php");
	}

	String tokenEndpoint() {
		return url("/mod/lti/token.php");
	}

	String jwksUri() {
		return url("/mod/lti/certs.php");
	}

	String lineitem(String courseId) {
		return url("/mod/lti/services.php/2/lineitems/" + courseId + "/lineitem?type_id=1");
	}

	String memberships() {
		return url("/mod/lti/services.php/CourseSection/2/bindings/1/memberships");
	}

	/**
	 * The login initiation Moodle sends for a resource link launch, with the launch it will make.
	 *
	 * @return the form fields to post to the tool's login initiation URL
	 */
	Map<String, String> resourceLink(String subject, String role, Map<String, Object> custom, String name) {
		String hint = UUID.randomUUID().toString();
		JWTClaimsSet.Builder claims = base(subject, Claims.RESOURCE_LINK_REQUEST, role)
			.claim(Claims.RESOURCE_LINK, Map.of("id", "cm-17", "title", "Mental health awareness", "description", ""))
			.claim(Claims.CUSTOM, custom)
			.claim(Claims.AGS_ENDPOINT, Map.of("scope", List.of(Claims.SCOPE_LINEITEM, Claims.SCOPE_RESULT, Claims.SCOPE_SCORE),
					"lineitems", url("/mod/lti/services.php/2/lineitems?type_id=1"),
					"lineitem", lineitem(String.valueOf(custom.getOrDefault("course", "none")))))
			.claim(Claims.NRPS, Map.of("context_memberships_url", memberships(), "service_versions", List.of("1.0", "2.0")));
		if (name != null) {
			claims.claim("name", name).claim("given_name", name.split(" ")[0]).claim("family_name", name.substring(name.indexOf(' ') + 1));
		}
		pending.put(hint, claims);
		return login(subject, hint);
	}

	/** The login initiation for a deep linking request from a teacher. */
	Map<String, String> deepLinking(String subject, String role) {
		String hint = UUID.randomUUID().toString();
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("deep_link_return_url", url("/mod/lti/contentitem_return.php?course=2&id=1&sesskey=abc"));
		settings.put("accept_types", List.of("ltiResourceLink"));
		settings.put("accept_presentation_document_targets", List.of("frame", "iframe", "window"));
		settings.put("accept_copy_advice", false);
		settings.put("accept_multiple", true);
		settings.put("accept_unsigned", false);
		settings.put("auto_create", false);
		settings.put("can_confirm", false);
		settings.put("data", "opaque-data-42");
		pending.put(hint, base(subject, Claims.DEEP_LINKING_REQUEST, role).claim(Claims.DEEP_LINKING_SETTINGS, settings));
		return login(subject, hint);
	}

	private Map<String, String> login(String subject, String hint) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("iss", issuer);
		form.put("target_link_uri", toolRedirect);
		form.put("login_hint", subject);
		form.put("lti_message_hint", "{\"cmid\":17,\"launchid\":\"" + hint + "\"}");
		form.put("client_id", clientId);
		form.put("lti_deployment_id", deploymentId);
		return form;
	}

	private JWTClaimsSet.Builder base(String subject, String type, String role) {
		return new JWTClaimsSet.Builder().subject(subject)
			.claim(Claims.DEPLOYMENT_ID, deploymentId)
			.claim(Claims.MESSAGE_TYPE, type)
			.claim(Claims.VERSION, "1.3.0")
			.claim(Claims.TARGET_LINK_URI, toolRedirect)
			.claim(Claims.ROLES, List.of(role))
			.claim(Claims.CONTEXT, Map.of("id", "2", "label", "VOL101", "title", "Volunteer induction",
					"type", List.of("CourseSection")))
			.claim(Claims.LTI + "tool_platform", Map.of("product_family_code", "moodle", "version", "2024100700",
					"guid", "localhost", "name", "Moodle", "description", "Moodle"))
			.claim(Claims.LAUNCH_PRESENTATION, Map.of("locale", "en", "document_target", "iframe",
					"return_url", url("/mod/lti/return.php?course=2")))
			.claim(Claims.LTI + "lis", Map.of("person_sourcedid", "", "course_section_sourcedid", ""));
	}

	/** The login initiations the course page's frames start, by id. */
	private final Map<String, Map<String, String>> frames = new ConcurrentHashMap<>();

	/** A course page with the activity in a frame (as Moodle's "embed" launch container). */
	String coursePage(Map<String, String> login) {
		String id = UUID.randomUUID().toString();
		frames.put(id, login);
		return url("/course/view.php?frame=" + id);
	}

	private void coursePage(HttpExchange ex) throws IOException {
		String id = query(ex.getRequestURI().getRawQuery()).get("frame");
		send(ex, 200, "text/html", "<!DOCTYPE html><html><body><h1>Volunteer induction</h1>"
				+ "<iframe id=\"tool\" width=\"400\" height=\"600\" src=\"" + url("/mod/lti/launch.php?frame=" + id)
				+ "\" allow=\"\"></iframe></body></html>");
	}

	/** Moodle's launch.php: an auto-submitted form that starts the tool's login (in the frame). */
	private void initiateLogin(HttpExchange ex) throws IOException {
		Map<String, String> login = frames.remove(query(ex.getRequestURI().getRawQuery()).get("frame"));
		if (login == null) {
			send(ex, 404, "text/plain", "");
			return;
		}
		String loginUrl = toolRedirect.replace("/lti/launch", "/lti/login");
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><form id=\"f\" method=\"post\" action=\"" + loginUrl + "\">");
		login.forEach((k, v) -> html.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"")
			.append(v.replace("&", "&amp;").replace("\"", "&quot;")).append("\">"));
		html.append("</form><script>document.getElementById('f').submit();</script></body></html>");
		send(ex, 200, "text/html", html.toString());
	}

	/** Moodle's auth.php: checks the request and posts the id_token back to the tool (form_post). */
	private void authorise(HttpExchange ex) throws IOException {
		Map<String, String> q = query(ex.getRequestURI().getRawQuery());
		if (!"openid".equals(q.get("scope")) || !"id_token".equals(q.get("response_type"))
				|| !"form_post".equals(q.get("response_mode")) || !clientId.equals(q.get("client_id"))
				|| !toolRedirect.equals(q.get("redirect_uri")) || q.get("nonce") == null || q.get("state") == null
				|| !"none".equals(q.get("prompt"))) {
			send(ex, 400, "text/plain", "invalid_request");
			return;
		}
		String hint = q.get("lti_message_hint");
		String launchId = hint == null ? null : JSON.readTree(hint).path("launchid").asString(null);
		JWTClaimsSet.Builder claims = launchId == null ? null : pending.remove(launchId);
		if (claims == null) {
			send(ex, 400, "text/plain", "invalid_request");
			return;
		}
		java.time.Instant now = java.time.Instant.now();
		claims.issuer(issuer).audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
			.claim("nonce", q.get("nonce"));
		lastNonce = q.get("nonce");
		tamper.accept(claims);
		String idToken = sign(claims.build(), signWith);
		String html = "<!DOCTYPE html><html><body><form id=\"f\" action=\"" + toolRedirect + "\" method=\"post\">"
				+ "<input type=\"hidden\" name=\"id_token\" value=\"" + idToken + "\">"
				+ "<input type=\"hidden\" name=\"state\" value=\"" + q.get("state") + "\">"
				+ "<noscript><button>Continue</button></noscript></form>"
				+ "<script>document.getElementById('f').submit();</script></body></html>";
		send(ex, 200, "text/html", html);
	}

	/** Moodle's token.php: client credentials, the client proved by a JWT signed with the tool's key. */
	private void token(HttpExchange ex) throws IOException {
		String type = ex.getRequestHeaders().getFirst("Content-Type");
		Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if (!"POST".equals(ex.getRequestMethod()) || type == null || !type.startsWith("application/x-www-form-urlencoded")
				|| !"client_credentials".equals(form.get("grant_type"))
				|| !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
				|| form.get("scope") == null) {
			send(ex, 400, "application/json", "{\"error\":\"invalid_request\"}");
			return;
		}
		try {
			SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
			RSAKey toolKey = JWKSet.load(URI.create(toolJwks).toURL()).getKeyByKeyId(assertion.getHeader().getKeyID()).toRSAKey();
			JWTClaimsSet claims = assertion.getJWTClaimsSet();
			if (!assertion.verify(new RSASSAVerifier(toolKey)) || !clientId.equals(claims.getSubject())
					|| !claims.getAudience().contains(tokenEndpoint()) || claims.getExpirationTime().before(new Date())) {
				send(ex, 400, "application/json", "{\"error\":\"invalid_client\"}");
				return;
			}
		}
		catch (Exception e) {
			send(ex, 400, "application/json", "{\"error\":\"invalid_client\"}");
			return;
		}
		String token = UUID.randomUUID().toString();
		accessTokens.put(token, form.get("scope"));
		send(ex, 200, "application/json", "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
				+ "\"scope\":\"" + form.get("scope") + "\"}");
	}

	/** Moodle's services.php: the score publish service and the membership container. */
	private void services(HttpExchange ex) throws IOException {
		String path = ex.getRequestURI().getPath();
		String auth = ex.getRequestHeaders().getFirst("Authorization");
		String scopes = auth == null || !auth.startsWith("Bearer ") ? null : accessTokens.get(auth.substring(7));
		if (path.endsWith("/lineitem/scores") && "POST".equals(ex.getRequestMethod())) {
			scoreRequests.incrementAndGet();
			byte[] body = ex.getRequestBody().readAllBytes();
			if (gradesDown) {
				send(ex, 503, "text/plain", "down for maintenance");
				return;
			}
			if (scopes == null || !scopes.contains(Claims.SCOPE_SCORE)) {
				send(ex, 401, "text/plain", "");
				return;
			}
			String type = ex.getRequestHeaders().getFirst("Content-Type");
			JsonNode score = JSON.readTree(body);
			if (!"application/vnd.ims.lis.v1.score+json".equals(type) || !score.hasNonNull("userId")
					|| !score.hasNonNull("timestamp") || !score.hasNonNull("activityProgress")
					|| !score.hasNonNull("gradingProgress") || score.has("scoreGiven") && !score.hasNonNull("scoreMaximum")
					|| !"1".equals(query(ex.getRequestURI().getRawQuery()).get("type_id"))) {
				send(ex, 400, "text/plain", "bad score");
				return;
			}
			scores.add(score);
			send(ex, 200, "application/json", "{}");
			return;
		}
		if (path.endsWith("/memberships") && "GET".equals(ex.getRequestMethod())) {
			if (scopes == null || !scopes.contains(Claims.SCOPE_NRPS)
					|| !"application/vnd.ims.lti-nrps.v2.membershipcontainer+json".equals(ex.getRequestHeaders().getFirst("Accept"))) {
				send(ex, 401, "text/plain", "");
				return;
			}
			Map<String, String> q = query(ex.getRequestURI().getRawQuery());
			int page = Integer.parseInt(q.getOrDefault("page", "1"));
			int per = 2;
			List<Map<String, Object>> slice = members.subList(Math.min(members.size(), (page - 1) * per),
					Math.min(members.size(), page * per));
			if (page * per < members.size()) {
				ex.getResponseHeaders().add("Link", "<" + memberships() + "?page=" + (page + 1) + ">; rel=\"next\"");
			}
			Map<String, Object> container = Map.of("id", memberships(), "context",
					Map.of("id", "2", "label", "VOL101", "title", "Volunteer induction"), "members", slice);
			send(ex, 200, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json", JSON.writeValueAsString(container));
			return;
		}
		send(ex, 404, "text/plain", "");
	}

	/** Moodle's contentitem_return.php: takes the tool's signed deep-linking response. */
	private void deepLinkReturn(HttpExchange ex) throws IOException {
		Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		try {
			SignedJWT jwt = SignedJWT.parse(form.get("JWT"));
			RSAKey toolKey = JWKSet.load(URI.create(toolJwks).toURL()).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!jwt.verify(new RSASSAVerifier(toolKey)) || !clientId.equals(claims.getIssuer())
					|| !claims.getAudience().contains(issuer) || !deploymentId.equals(claims.getClaim(Claims.DEPLOYMENT_ID))
					|| !Claims.DEEP_LINKING_RESPONSE.equals(claims.getClaim(Claims.MESSAGE_TYPE))
					|| !"opaque-data-42".equals(claims.getClaim(Claims.DL_DATA))) {
				send(ex, 400, "text/plain", "bad deep linking response");
				return;
			}
			JsonNode items = JSON.readTree(JSON.writeValueAsString(claims.getClaim(Claims.DL_CONTENT_ITEMS)));
			items.forEach(deepLinked::add);
			send(ex, 200, "text/html", "<!DOCTYPE html><title>Added</title><p>Added</p>");
		}
		catch (Exception e) {
			send(ex, 400, "text/plain", "bad deep linking response");
		}
	}

	private void openidConfiguration(HttpExchange ex) throws IOException {
		Map<String, Object> conf = new LinkedHashMap<>();
		conf.put("issuer", issuer);
		conf.put("token_endpoint", tokenEndpoint());
		conf.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
		conf.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
		conf.put("jwks_uri", jwksUri());
		conf.put("authorization_endpoint", authEndpoint());
		conf.put("registration_endpoint", url("/mod/lti/openid-registration.php"));
		conf.put("scopes_supported", List.of(Claims.SCOPE_LINEITEM, Claims.SCOPE_RESULT, Claims.SCOPE_SCORE, Claims.SCOPE_NRPS, "openid"));
		conf.put("response_types_supported", List.of("id_token"));
		conf.put("subject_types_supported", List.of("public", "pairwise"));
		conf.put("id_token_signing_alg_values_supported", List.of("RS256"));
		conf.put("claims_supported", List.of("sub", "iss", "name", "given_name", "family_name", "email"));
		conf.put(Claims.PLATFORM_CONFIGURATION, Map.of("product_family_code", "moodle", "version", "4.5",
				"messages_supported", List.of(Claims.RESOURCE_LINK_REQUEST, Claims.DEEP_LINKING_REQUEST),
				"placements", List.of("AddContentMenu"), "variables", List.of()));
		send(ex, 200, "application/json; charset=utf-8", JSON.writeValueAsString(conf));
	}

	/** Moodle's openid-registration.php: checks the registration as registration_helper does. */
	private void register(HttpExchange ex) throws IOException {
		String auth = ex.getRequestHeaders().getFirst("Authorization");
		if (!"POST".equals(ex.getRequestMethod()) || !("Bearer " + registrationToken).equals(auth)) {
			send(ex, 401, "application/json", "{\"error\":\"unauthorized\"}");
			return;
		}
		JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
		JsonNode tool = body.path(Claims.TOOL_CONFIGURATION);
		boolean ok = body.path("response_types").toString().contains("id_token") && body.path("redirect_uris").isArray()
				&& "private_key_jwt".equals(body.path("token_endpoint_auth_method").asString(""))
				&& "web".equals(body.path("application_type").asString("web")) && body.hasNonNull("initiate_login_uri")
				&& body.hasNonNull("client_name") && body.hasNonNull("jwks_uri") && tool.hasNonNull("domain")
				&& tool.hasNonNull("target_link_uri");
		if (!ok) {
			send(ex, 400, "application/json", "{\"error\":\"invalid registration\"}");
			return;
		}
		registration = body;
		toolJwks = body.path("jwks_uri").asString();
		toolRedirect = body.path("redirect_uris").get(0).asString();
		Map<String, Object> answer = new LinkedHashMap<>(JSON.convertValue(body, Map.class));
		answer.put("client_id", clientId);
		Map<String, Object> config = new LinkedHashMap<>(JSON.convertValue(tool, Map.class));
		config.put("deployment_id", deploymentId);
		answer.put(Claims.TOOL_CONFIGURATION, config);
		send(ex, 200, "application/json", JSON.writeValueAsString(answer));
	}

	static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> query(String raw) {
		Map<String, String> map = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return map;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			map.put(k, v);
		}
		return map;
	}

	private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().set("Content-Type", type);
		ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = ex.getResponseBody()) {
				out.write(bytes);
			}
		}
		ex.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
