package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.opendoor.lms.lrs.DocumentStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** {@code /xapi/activities/state}: documents an activity keeps for an agent (and registration). */
@RestController
@RequestMapping("/xapi")
class StateController extends XapiResource {

	private final DocumentRequests documents;

	StateController(DocumentRequests documents) {
		this.documents = documents;
	}

	@RequestMapping(path = "/activities/state", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST,
			RequestMethod.DELETE })
	ResponseEntity<byte[]> state(HttpServletRequest request) throws IOException {
		onlyParams(request, Set.of("activityId", "agent", "registration", "stateId", "since"));
		String activityId = iriParam(request, "activityId");
		String agent = agentKeyParam(requireParam(request, "agent"));
		String registration = single(request, "registration");
		if (registration != null) {
			uuid(registration, "registration");
			registration = registration.toLowerCase(Locale.ROOT);
		}
		DocumentStore.Key key = new DocumentStore.Key("state", activityId, agent, registration == null ? "" : registration,
				Optional.ofNullable(single(request, "stateId")).orElse(""));
		return documents.document(request, key, "stateId", false, true);
	}

}
