package org.opendoor.lms.lti;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opendoor.lms.organisation.Organisations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Names and Role Provisioning: an organisation admin imports the roster of an LMS course into the
 * organisation's members, in a group named after the course, so the dashboard counts people who have not
 * started yet. People are linked by the platform's issuer and their id there, as at a launch.
 */
@Component
class Rosters {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Rosters.class);

	static final String MEMBERSHIP_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

	private static final int MAX_PAGES = 100;

	private final JdbcClient jdbc;

	private final LtiPlatforms platforms;

	private final PlatformTokens tokens;

	private final LtiHttp http;

	private final LtiPeople people;

	private final Organisations organisations;

	Rosters(JdbcClient jdbc, LtiPlatforms platforms, PlatformTokens tokens, LtiHttp http, LtiPeople people,
			Organisations organisations) {
		this.jdbc = jdbc;
		this.platforms = platforms;
		this.tokens = tokens;
		this.http = http;
		this.people = people;
		this.organisations = organisations;
	}

	/**
	 * A platform's course whose roster can be imported.
	 *
	 * @param id its id here
	 * @param title its title in the LMS
	 * @param platform the platform's name
	 */
	record Course(long id, String title, String platform) {
	}

	/** The LMS courses of an organisation's platforms that launched Open Door with a roster service. */
	@Transactional(readOnly = true)
	List<Course> courses(long organisationId) {
		return jdbc.sql("select c.id, coalesce(c.title, c.context_id), p.name from lti_context c "
				+ "join lti_platform p on p.id = c.platform_id where p.organisation_id = ? and c.memberships_url is not null "
				+ "order by c.title, c.id")
			.param(organisationId)
			.query((rs, n) -> new Course(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/**
	 * What an import did.
	 *
	 * @param added accounts made now
	 * @param linked people who already had an account here
	 */
	record Imported(int added, int linked) implements java.io.Serializable {
	}

	/** Imports a course's active members into the organisation, in a group named after the course. */
	@Transactional
	Imported importRoster(long organisationId, long courseId) {
		record Row(long platformId, String title, String url) {
		}
		Row row = jdbc.sql("select c.platform_id, coalesce(c.title, c.context_id), c.memberships_url from lti_context c "
				+ "join lti_platform p on p.id = c.platform_id where c.id = ? and p.organisation_id = ?")
			.params(courseId, organisationId)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional()
			.orElseThrow(() -> new LtiInputException("lti.roster.notFound"));
		Platform platform = platforms.find(row.platformId()).orElseThrow();
		String groupName = row.title().length() > 100 ? row.title().substring(0, 100) : row.title();
		long groupId = organisations.groupNamed(organisationId, groupName).map(g -> g.id())
			.orElseGet(() -> organisations.createGroup(organisationId, groupName));
		int added = 0;
		int linked = 0;
		String next = row.url();
		for (int page = 0; next != null && page < MAX_PAGES; page++) {
			LtiHttp.Answer answer;
			try {
				answer = http.get(next, MEMBERSHIP_TYPE, tokens.token(platform, Claims.SCOPE_NRPS));
			}
			catch (LtiHttp.PlatformCallException ex) {
				log.warn("A platform's roster could not be fetched: {}", ex.getMessage());
				throw new LtiInputException("lti.roster.failed");
			}
			if (!answer.ok()) {
				log.warn("A platform's roster service answered {}", answer.status());
				throw new LtiInputException("lti.roster.failed");
			}
			for (JsonNode member : answer.json().path("members")) {
				String subject = member.path("user_id").asString("");
				String status = member.path("status").asString("Active");
				if (subject.isBlank() || subject.length() > 255 || !"Active".equals(status)) {
					continue;
				}
				List<String> roles = new java.util.ArrayList<>();
				member.path("roles").forEach(r -> roles.add(r.asString("")));
				String name = Optional.ofNullable(member.path("name").asString(null))
					.orElse((member.path("given_name").asString("") + " " + member.path("family_name").asString("")).strip());
				var signIn = people.link(platform, subject, member.path("email").asString(null), name,
						Claims.teaches(roles), groupId);
				if (signIn.created()) {
					added++;
				}
				else {
					linked++;
				}
			}
			next = answer.response().headers().allValues("Link").stream().map(NEXT::matcher).filter(Matcher::find)
				.map(m -> m.group(1)).findFirst()
				// the token goes only to the platform that gave the roster address
				.filter(url -> LtiController.origin(url).equals(LtiController.origin(row.url())))
				.orElse(null);
		}
		return new Imported(added, linked);
	}

}
