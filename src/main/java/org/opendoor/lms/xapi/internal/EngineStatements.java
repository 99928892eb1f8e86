package org.opendoor.lms.xapi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.xapi.XapiProperties;
import org.opendoor.lms.lrs.model.Activity;
import org.opendoor.lms.lrs.model.ActivityDefinition;
import org.opendoor.lms.lrs.model.Agent;
import org.opendoor.lms.lrs.model.Context;
import org.opendoor.lms.lrs.model.ContextActivities;
import org.springframework.stereotype.Component;

/**
 * The engine's xAPI vocabulary: activity ids and types for courses, modules, lessons, questions,
 * scenarios and the assessment, and the learner as an opaque account.
 */
@Component
public class EngineStatements {

	static final String TYPE_COURSE = "http://adlnet.gov/expapi/activities/course";

	static final String TYPE_MODULE = "http://adlnet.gov/expapi/activities/module";

	static final String TYPE_LESSON = "http://adlnet.gov/expapi/activities/lesson";

	static final String TYPE_QUESTION = "http://adlnet.gov/expapi/activities/cmi.interaction";

	static final String TYPE_ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment";

	static final String TYPE_SIMULATION = "http://adlnet.gov/expapi/activities/simulation";

	static final String TYPE_MEETING = "http://adlnet.gov/expapi/activities/meeting";

	static final String TYPE_PLAN = "http://adlnet.gov/expapi/activities/objective";

	/** cmi5's progress extension (0–100) on result. */
	public static final String PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress";

	static final String PLATFORM = "Open Door";

	private final String site;

	public EngineStatements(XapiProperties properties) {
		this.site = properties.siteUrl();
	}

	/** The learner as xAPI sees them: an account on this site named by an opaque id, never an email. */
	public Agent learner(UUID learnerRef) {
		return Agent.ofAccount(site, learnerRef.toString());
	}

	/** The engine's own authority on the statements it records. */
	public Agent authority() {
		return new Agent(PLATFORM, null, null, null, new org.opendoor.lms.lrs.model.Account(site, "open-door-engine"));
	}

	String courseId(Course course) {
		return site + "/xapi/activities/courses/" + course.id();
	}

	Activity course(Course course, String language) {
		return new Activity(courseId(course), ActivityDefinition.of(TYPE_COURSE, language, course.title()));
	}

	Activity module(Course course, CourseModule module, String language) {
		return new Activity(courseId(course) + "/modules/" + module.id(),
				ActivityDefinition.of(TYPE_MODULE, language, module.title()));
	}

	Activity lesson(Course course, String lessonId, String title, String language) {
		return new Activity(courseId(course) + "/lessons/" + lessonId, ActivityDefinition.of(TYPE_LESSON, language, title));
	}

	Activity scenario(Course course, String scenarioId, String title, String language) {
		return new Activity(courseId(course) + "/scenarios/" + scenarioId,
				ActivityDefinition.of(TYPE_SIMULATION, language, title));
	}

	Activity plan(Course course, String planId, String title, String language) {
		return new Activity(courseId(course) + "/plans/" + planId, ActivityDefinition.of(TYPE_PLAN, language, title));
	}

	/** A facilitated group session of a course. */
	Activity session(Course course, UUID sessionId, String name, String language) {
		return new Activity(courseId(course) + "/sessions/" + sessionId, ActivityDefinition.of(TYPE_MEETING, language, name));
	}

	Activity assessment(Course course, String language) {
		return new Activity(courseId(course) + "/assessment",
				ActivityDefinition.of(TYPE_ASSESSMENT, language, course.title()));
	}

	/** A question as a choice interaction (true/false items too: their options are the course's own words). */
	Activity question(Course course, Question q, String language) {
		List<ActivityDefinition.InteractionComponent> choices = new ArrayList<>();
		for (Question.Option o : q.options()) {
			choices.add(new ActivityDefinition.InteractionComponent(o.key(), Map.of(language, plain(o.textHtml()))));
		}
		String correct = String.join("[,]", q.correctKeys());
		ActivityDefinition definition = new ActivityDefinition(Map.of(language, plain(q.promptHtml())), null,
				TYPE_QUESTION, null, "choice", List.of(correct), choices, null);
		return new Activity(courseId(course) + "/questions/" + q.id(), definition);
	}

	/** A context: the attempt's registration, parent and grouping activities, platform, language, revision. */
	Context context(UUID registration, Activity parent, Activity grouping, Course course, String language) {
		ContextActivities activities = parent == null && grouping == null ? null
				: new ContextActivities(parent == null ? null : List.of(parent.idOnly()),
						grouping == null ? null : List.of(grouping.idOnly()), null, null);
		return new Context(registration, null, null, activities, course.version(), PLATFORM, language, null, null);
	}

	/** Text of a fragment of HTML, for activity names. */
	static String plain(String html) {
		if (html == null) {
			return "";
		}
		String text = html.replaceAll("<[^>]+>", " ")
			.replace("&nbsp;", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&")
			.replaceAll("\\s+", " ")
			.strip();
		return text.length() > 250 ? text.substring(0, 249) + "…" : text;
	}

}
