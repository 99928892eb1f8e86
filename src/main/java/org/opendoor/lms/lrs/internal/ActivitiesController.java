package org.opendoor.lms.lrs.internal;

import java.util.Optional;
import java.util.Set;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** {@code /xapi/activities}: an activity with the definition its statements gave it. */
@RestController
@RequestMapping("/xapi")
class ActivitiesController extends XapiResource {

	private final StatementStore statements;

	ActivitiesController(StatementStore statements) {
		this.statements = statements;
	}

	@RequestMapping(path = "/activities", method = RequestMethod.GET)
	ResponseEntity<byte[]> activities(HttpServletRequest request) {
		onlyParams(request, Set.of("activityId"));
		String id = iriParam(request, "activityId");
		ObjectNode activity = StatementJson.JSON.createObjectNode();
		activity.put("objectType", "Activity");
		activity.put("id", id);
		Optional<String> definition = statements.activityDefinition(id);
		definition.ifPresent(d -> activity.set("definition", StatementJson.JSON.readTree(d)));
		return json(HttpStatus.OK, activity);
	}

}
