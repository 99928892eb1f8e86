package org.opendoor.lms.lrs.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import org.opendoor.lms.lrs.DocumentStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** {@code /xapi/activities/profile}: documents about an activity. */
@RestController
@RequestMapping("/xapi")
class ActivityProfileController extends XapiResource {

	private final DocumentRequests documents;

	ActivityProfileController(DocumentRequests documents) {
		this.documents = documents;
	}

	@RequestMapping(path = "/activities/profile", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST,
			RequestMethod.DELETE })
	ResponseEntity<byte[]> activityProfile(HttpServletRequest request) throws IOException {
		onlyParams(request, Set.of("activityId", "profileId", "since"));
		String activityId = iriParam(request, "activityId");
		DocumentStore.Key key = new DocumentStore.Key("activity-profile", activityId, "", "",
				Optional.ofNullable(single(request, "profileId")).orElse(""));
		return documents.document(request, key, "profileId", true, false);
	}

}
