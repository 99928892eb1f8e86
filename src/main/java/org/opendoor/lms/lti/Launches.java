package org.opendoor.lms.lti;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.course.CourseCatalogue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a verified resource-link launch does: links the person's account, remembers where their grades go
 * (the AGS line item) and the platform's course (for roster imports), and hands out a one-time link that
 * opens the course, in this window or a new one.
 */
@Component
class Launches {

	static final Duration CONTINUATION_LIFETIME = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final LtiPeople people;

	private final CourseCatalogue catalogue;

	private final Accounts accounts;

	private final Clock clock;

	Launches(JdbcClient jdbc, LtiPeople people, CourseCatalogue catalogue, Accounts accounts, Optional<Clock> clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.people = people;
		this.catalogue = catalogue;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * The outcome of a launch.
	 *
	 * @param accountId the learner's account
	 * @param continuation a one-time token for {@code /lti/continue/{token}}
	 * @param created whether the account was made now
	 */
	record Outcome(long accountId, String continuation, boolean created) {
	}

	/** The course (and module) a launch asks for: its custom parameters, as deep linking sets them. */
	record Target(String courseId, String moduleId) {
	}

	@Transactional
	Outcome resourceLink(Launch launch) {
		Target target = target(launch);
		String resourceLinkId = launch.string(Claims.RESOURCE_LINK, "id");
		if (resourceLinkId == null || resourceLinkId.isBlank()) {
			throw new LtiRefusal("lti.refused.resourceLink");
		}
		boolean teaches = Claims.teaches(launch.roles());
		String name = Optional.ofNullable(launch.stringClaim("name"))
			.orElseGet(() -> joined(launch.stringClaim("given_name"), launch.stringClaim("family_name")));
		Accounts.SignIn signIn = people.link(launch.platform(), launch.subject(), launch.stringClaim("email"), name,
				teaches, null);
		long accountId = signIn.account().id();
		String locale = launch.string(Claims.LAUNCH_PRESENTATION, "locale");
		if (signIn.created() && locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith("cy")) {
			accounts.setLanguage(accountId, "cy");
		}
		Instant now = clock.instant();
		String contextId = launch.string(Claims.CONTEXT, "id");
		if (contextId != null) {
			rememberContext(launch, contextId, now);
		}
		if (target.courseId() != null) {
			Map<String, Object> ags = launch.object(Claims.AGS_ENDPOINT);
			String lineitem = ags.get("lineitem") == null ? null : String.valueOf(ags.get("lineitem"));
			String scopes = ags.get("scope") instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : null;
			int updated = jdbc.sql("update lti_link set subject = ?, context_id = ?, course_id = ?, lineitem_url = ?, scopes = ?, "
					+ "updated_at = ? where platform_id = ? and resource_link_id = ? and account_id = ?")
				.params(launch.subject(), contextId, target.courseId(), lineitem, scopes, Timestamp.from(now),
						launch.platform().id(), resourceLinkId, accountId)
				.update();
			if (updated == 0) {
				jdbc.sql("insert into lti_link (platform_id, account_id, subject, resource_link_id, context_id, course_id, "
						+ "lineitem_url, scopes, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
					.params(launch.platform().id(), accountId, launch.subject(), resourceLinkId, contextId,
							target.courseId(), lineitem, scopes, Timestamp.from(now))
					.update();
			}
		}
		String token = Tokens.random();
		jdbc.sql("insert into lti_continuation (token_hash, account_id, course_id, module_id, expires_at, platform_id, "
				+ "context_id, context_title, resource_link_id, resource_link_title) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(Tokens.hash(token), accountId, target.courseId(), target.moduleId(),
					Timestamp.from(now.plus(CONTINUATION_LIFETIME)), launch.platform().id(), contextId,
					shortened(Optional.ofNullable(launch.string(Claims.CONTEXT, "title")).orElse(launch.string(Claims.CONTEXT, "label"))),
					resourceLinkId, shortened(launch.string(Claims.RESOURCE_LINK, "title")))
			.update();
		return new Outcome(accountId, token, signIn.created());
	}

	/** A continuation used now, once: the account and course it opens. */
	record Continuation(long accountId, String courseId, String moduleId, Long platformId, String contextId,
			String contextTitle, String resourceLinkId, String resourceLinkTitle) {
	}

	@Transactional
	Optional<Continuation> use(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		String hash = Tokens.hash(token);
		Instant now = clock.instant();
		int claimed = jdbc.sql("update lti_continuation set used_at = ? where token_hash = ? and used_at is null and expires_at > ?")
			.params(Timestamp.from(now), hash, Timestamp.from(now))
			.update();
		if (claimed == 0) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id, course_id, module_id, platform_id, context_id, context_title, resource_link_id, "
				+ "resource_link_title from lti_continuation where token_hash = ?")
			.param(hash)
			.query((rs, n) -> new Continuation(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8)))
			.optional();
	}

	private void rememberContext(Launch launch, String contextId, Instant now) {
		String title = Optional.ofNullable(launch.string(Claims.CONTEXT, "title"))
			.orElse(launch.string(Claims.CONTEXT, "label"));
		if (title != null && title.length() > 200) {
			title = title.substring(0, 200);
		}
		Object url = launch.object(Claims.NRPS).get("context_memberships_url");
		String memberships = url == null ? null : String.valueOf(url);
		int updated = jdbc.sql("update lti_context set title = ?, memberships_url = coalesce(?, memberships_url), updated_at = ? "
				+ "where platform_id = ? and context_id = ?")
			.params(title, memberships, Timestamp.from(now), launch.platform().id(), contextId)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into lti_context (platform_id, context_id, title, memberships_url, updated_at) values (?, ?, ?, ?, ?)")
				.params(launch.platform().id(), contextId, title, memberships, Timestamp.from(now))
				.update();
		}
	}

	Target target(Launch launch) {
		Map<String, Object> custom = launch.object(Claims.CUSTOM);
		String course = custom.get("course") == null ? null : String.valueOf(custom.get("course")).strip();
		String module = custom.get("module") == null ? null : String.valueOf(custom.get("module")).strip();
		if (course == null || course.isEmpty()) {
			return new Target(null, null);
		}
		var entry = catalogue.latest(course).orElseThrow(() -> new LtiRefusal("lti.refused.course", 404));
		if (module != null && entry.course().modules().stream().noneMatch(m -> m.id().equals(module))) {
			throw new LtiRefusal("lti.refused.course", 404);
		}
		return new Target(course, module == null || module.isEmpty() ? null : module);
	}

	private static String shortened(String title) {
		return title != null && title.length() > 200 ? title.substring(0, 200) : title;
	}

	private static String joined(String given, String family) {
		String name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
		return name.isEmpty() ? null : name;
	}

}
