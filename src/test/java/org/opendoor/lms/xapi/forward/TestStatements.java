package org.opendoor.lms.xapi.forward;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opendoor.lms.lrs.model.Activity;
import org.opendoor.lms.lrs.model.ActivityDefinition;
import org.opendoor.lms.lrs.model.Agent;
import org.opendoor.lms.lrs.model.Context;
import org.opendoor.lms.lrs.model.ContextActivities;
import org.opendoor.lms.lrs.model.Result;
import org.opendoor.lms.lrs.model.Score;
import org.opendoor.lms.lrs.model.Statement;
import org.opendoor.lms.lrs.model.Verb;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realistic statements as the built-in LRS hands them to the outbox: made with the xAPI model, with
 * {@code stored}, {@code authority} and {@code version} added, and Welsh text so the bytes are not ASCII.
 */
final class TestStatements {

	static final String SITE = "https://opendoor.example.org";

	private TestStatements() {
	}

	/** The complete JSON of an answered-question statement. */
	static String answered(JsonMapper json, UUID id, int n) {
		Activity course = new Activity(SITE + "/courses/first-steps",
				ActivityDefinition.of("https://w3id.org/xapi/cmi5/activitytype/course", "cy", "Camau cyntaf: gwrando a chyfeirio"));
		Activity module = new Activity(SITE + "/courses/first-steps/modules/listening",
				ActivityDefinition.of("https://w3id.org/xapi/cmi5/activitytype/block", "cy", "Gwrando heb drwsio"));
		Activity question = new Activity(SITE + "/courses/first-steps/steps/check-" + n,
				new ActivityDefinition(Map.of("cy", "Cwestiwn " + n + ": beth fyddech chi’n ei ddweud?", "en",
						"Question " + n + ": what would you say?"), null,
						"http://adlnet.gov/expapi/activities/cmi.interaction", null, "choice", List.of("a"),
						List.of(new ActivityDefinition.InteractionComponent("a", Map.of("cy", "“Rwy’n gwrando.”")),
								new ActivityDefinition.InteractionComponent("b", Map.of("cy", "“Paid â phoeni.”"))),
						null));
		Instant when = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Statement statement = new Statement(id, Agent.ofAccount(SITE, "learner-" + UUID.nameUUIDFromBytes(id.toString().getBytes())),
				Verb.ANSWERED, question,
				new Result(n % 2 == 0 ? Score.of(1, 1) : null, n % 2 == 0, true, "a", "PT" + n + ".25S", null),
				new Context(UUID.randomUUID(), null, null,
						new ContextActivities(List.of(module.idOnly()), List.of(course.idOnly()), null, null), null,
						"Open Door", "cy", null, null),
				when);
		ObjectNode node = json.valueToTree(statement);
		node.put("stored", when.plusMillis(3).toString());
		node.set("authority", json.valueToTree(Agent.ofAccount(SITE, "open-door")));
		node.put("version", "1.0.3");
		return json.writeValueAsString(node);
	}

}
