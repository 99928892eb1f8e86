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

/** {@code /xapi/agents/profile}: documents about an agent. */
@RestController
@RequestMapping("/xapi")
class AgentProfileController extends XapiResource {

	private final DocumentRequests documents;

	AgentProfileController(DocumentRequests documents) {
		this.documents = documents;
	}

	@RequestMapping(path = "/agents/profile", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST,
			RequestMethod.DELETE })
	ResponseEntity<byte[]> agentProfile(HttpServletRequest request) throws IOException {
		onlyParams(request, Set.of("agent", "profileId", "since"));
		String agent = agentKeyParam(requireParam(request, "agent"));
		DocumentStore.Key key = new DocumentStore.Key("agent-profile", "", agent, "",
				Optional.ofNullable(single(request, "profileId")).orElse(""));
		return documents.document(request, key, "profileId", true, false);
	}

}
