package org.opendoor.lms.lti;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.learning.StepPlan;
import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;
import org.opendoor.lms.startup.PublicAddress;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The tool's LTI endpoints: its key set, the OIDC third-party-initiated login, the launch the platform
 * posts back, and the one-time link that opens the course (in a new window when the platform's frame
 * cannot keep a session).
 */
@Controller
@RequestMapping("/lti")
class LtiController {

	static final String BROWSER_COOKIE = "lti_browser";

	static final Limit LOGINS = Limit.of("lti:login", 300, Duration.ofMinutes(1)).and(5000, Duration.ofHours(1));

	private final LtiPlatforms platforms;

	private final LaunchVerifier verifier;

	private final Launches launches;

	private final DeepLinking deepLinking;

	private final ToolKeys keys;

	private final DynamicRegistration registration;

	private final PublicAddress address;

	private final RateLimits limits;

	private final Accounts accounts;

	private final Attempts attempts;

	private final CourseCatalogue catalogue;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final org.springframework.context.ApplicationEventPublisher events;

	LtiController(LtiPlatforms platforms, LaunchVerifier verifier, Launches launches, DeepLinking deepLinking,
			ToolKeys keys, DynamicRegistration registration, PublicAddress address, RateLimits limits, Accounts accounts, Attempts attempts,
			CourseCatalogue catalogue, org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.platforms = platforms;
		this.verifier = verifier;
		this.launches = launches;
		this.deepLinking = deepLinking;
		this.keys = keys;
		this.registration = registration;
		this.address = address;
		this.limits = limits;
		this.accounts = accounts;
		this.attempts = attempts;
		this.catalogue = catalogue;
	}

	@GetMapping("/jwks.json")
	@ResponseBody
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "public, max-age=300")
			.body(keys.jwks());
	}

	/** Step one: the platform sends the browser here (GET or POST) to start the OIDC login. */
	@RequestMapping(path = "/login", method = { RequestMethod.GET, RequestMethod.POST })
	RedirectView login(@RequestParam(name = "iss", required = false) String issuer,
			@RequestParam(name = "login_hint", required = false) String loginHint,
			@RequestParam(name = "target_link_uri", required = false) String targetLinkUri,
			@RequestParam(name = "lti_message_hint", required = false) String messageHint,
			@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "lti_deployment_id", required = false) String deploymentId,
			HttpServletRequest request, HttpServletResponse response) {
		throttle(request);
		if (issuer == null || issuer.isBlank() || loginHint == null || loginHint.isBlank()) {
			throw new LtiRefusal("lti.refused.missing");
		}
		Platform platform = platform(issuer, clientId);
		if (deploymentId != null && !platform.deployments().contains(deploymentId)) {
			throw new LtiRefusal("lti.refused.deployment");
		}
		String browser = browserCookie(request).orElseGet(() -> {
			String made = Tokens.random();
			Cookie cookie = new Cookie(BROWSER_COOKIE, made);
			cookie.setPath("/lti/");
			cookie.setHttpOnly(true);
			cookie.setMaxAge((int) LaunchVerifier.STATE_LIFETIME.toSeconds());
			// it must come back with the platform's cross-site form_post: SameSite=None, which needs Secure
			// (browsers keep Secure cookies on https and on http://localhost)
			cookie.setSecure(true);
			cookie.setAttribute("SameSite", "None");
			response.addCookie(cookie);
			return made;
		});
		LaunchVerifier.Started started = verifier.start(platform, Tokens.hash(browser));
		Map<String, String> query = new java.util.LinkedHashMap<>();
		query.put("scope", "openid");
		query.put("response_type", "id_token");
		query.put("response_mode", "form_post");
		query.put("prompt", "none");
		query.put("client_id", platform.clientId());
		query.put("redirect_uri", address.url() + "/lti/launch");
		query.put("login_hint", loginHint);
		query.put("state", started.state());
		query.put("nonce", started.nonce());
		if (messageHint != null) {
			query.put("lti_message_hint", messageHint);
		}
		StringBuilder redirect = new StringBuilder(platform.authorizationEndpoint());
		query.forEach((k, v) -> redirect.append(redirect.indexOf("?") < 0 ? '?' : '&').append(k).append('=')
			.append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
		RedirectView view = new RedirectView(redirect.toString());
		view.setExpandUriTemplateVariables(false);
		view.setExposeModelAttributes(false);
		return view;
	}

	/** Step two: the platform posts the signed id_token and the state back (form_post). */
	@PostMapping("/launch")
	String launch(@RequestParam(name = "id_token", required = false) String idToken,
			@RequestParam(name = "state", required = false) String state, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		throttle(request);
		if (request.getParameter("error") != null && idToken == null) {
			throw new LtiRefusal("lti.refused.platformError");
		}
		Launch launch = verifier.verify(idToken, state, browserCookie(request).map(Tokens::hash).orElse(null));
		if (Claims.DEEP_LINKING_REQUEST.equals(launch.messageType())) {
			return deepLinking.picker(launch, model);
		}
		Launches.Outcome outcome = launches.resourceLink(launch);
		signIn(outcome.accountId(), request, response);
		model.addAttribute("continueUrl", "/lti/continue/" + outcome.continuation());
		model.addAttribute("platformName", launch.platform().name());
		return "lti/launched";
	}

	/** Opens the course a launch asked for, signing the learner in (once; the link then expires). */
	@GetMapping("/continue/{token}")
	String proceed(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
		Launches.Continuation continuation = launches.use(token).orElseThrow(() -> new LtiRefusal("lti.refused.continue"));
		signIn(continuation.accountId(), request, response);
		if (continuation.courseId() == null) {
			return "redirect:/courses";
		}
		UUID attempt = attempts.start(continuation.accountId(), continuation.courseId());
		// the learning records name the LMS course this attempt was opened from
		Optional.ofNullable(continuation.platformId()).flatMap(platforms::find).ifPresent(platform ->
			events.publishEvent(new LtiEvents.CourseOpened(continuation.accountId(), attempt, platform.issuer(), platform.name(),
					continuation.contextId(), continuation.contextTitle(), continuation.resourceLinkId(),
					continuation.resourceLinkTitle(), java.time.Instant.now())));
		if (continuation.moduleId() != null) {
			Optional<String> first = catalogue.latest(continuation.courseId())
				.flatMap(e -> e.course().modules().stream().filter(m -> m.id().equals(continuation.moduleId())).findFirst())
				.map(StepPlan::firstKeyOf);
			if (first.isPresent()) {
				return "redirect:/attempts/" + attempt + "/steps/" + first.get();
			}
		}
		return "redirect:/attempts/" + attempt;
	}

	/** Deep linking: the chosen course goes back to the platform, signed. */
	@PostMapping("/deep-link")
	String deepLink(@RequestParam(name = "token", required = false) String token,
			@RequestParam(name = "choice", required = false) String choice, HttpServletRequest request, Model model) {
		throttle(request);
		return deepLinking.respond(token, choice, model, request);
	}

	/** Dynamic registration: the LMS opens the one-time link with its configuration and a registration token. */
	@GetMapping("/register/{code}")
	String register(@PathVariable String code,
			@RequestParam(name = "openid_configuration", required = false) String configuration,
			@RequestParam(name = "registration_token", required = false) String registrationToken,
			HttpServletRequest request, Model model) {
		throttle(request);
		Platform platform = registration.register(code, configuration, registrationToken);
		model.addAttribute("platformName", platform.name());
		return "lti/registered";
	}

	@ExceptionHandler(LtiRefusal.class)
	String refused(LtiRefusal refusal, HttpServletResponse response, Model model) {
		response.setStatus(refusal.status());
		model.addAttribute("messageKey", refusal.getMessage());
		return "lti/error";
	}

	@ExceptionHandler(LtiInputException.class)
	String badInput(LtiInputException ex, HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("messageKey", ex.getMessage());
		return "lti/error";
	}

	private Platform platform(String issuer, String clientId) {
		if (clientId != null && !clientId.isBlank()) {
			return platforms.find(issuer, clientId).orElseThrow(() -> new LtiRefusal("lti.refused.platform"));
		}
		var registered = platforms.byIssuer(issuer);
		if (registered.size() != 1) {
			throw new LtiRefusal("lti.refused.platform");
		}
		return registered.get(0);
	}

	private void throttle(HttpServletRequest request) {
		if (!limits.take(LOGINS, request.getRemoteAddr()).allowed()) {
			throw new LtiRefusal("lti.refused.tooMany", 429);
		}
	}

	private static Optional<String> browserCookie(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return Optional.empty();
		}
		for (Cookie cookie : request.getCookies()) {
			if (BROWSER_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 100) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	private void signIn(long accountId, HttpServletRequest request, HttpServletResponse response) {
		Account account = accounts.get(accountId);
		SignedInUser principal = new SignedInUser(account.id(), account.email(), "", account.roles());
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
	}

}
