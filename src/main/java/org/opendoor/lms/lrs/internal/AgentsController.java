package org.opendoor.lms.lrs.internal;

import java.util.Set;

import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** {@code /xapi/agents}: the Person object of an agent, with the names its statements gave it. */
@RestController
@RequestMapping("/xapi")
class AgentsController extends XapiResource {

	private final StatementStore statements;

	AgentsController(StatementStore statements) {
		this.statements = statements;
	}

	@RequestMapping(path = "/agents", method = RequestMethod.GET)
	ResponseEntity<byte[]> agents(HttpServletRequest request) {
		onlyParams(request, Set.of("agent"));
		String param = requireParam(request, "agent");
		JsonNode agent = agentParam(param);
		ObjectNode person = StatementJson.JSON.createObjectNode();
		person.put("objectType", "Person");
		Set<String> names = new java.util.TreeSet<>();
		if (agent.has("name")) {
			names.add(agent.get("name").asString());
		}
		String key = StatementJson.agentKey(agent);
		for (String body : statements.agentBodies(key, 50)) {
			JsonNode s = StatementJson.JSON.readTree(body);
			JsonNode actor = s.get("actor");
			if (key.equals(StatementJson.agentKey(actor)) && actor.has("name")) {
				names.add(actor.get("name").asString());
			}
		}
		if (!names.isEmpty()) {
			ArrayNode n = person.putArray("name");
			names.forEach(n::add);
		}
		for (String ifi : new String[] { "mbox", "mbox_sha1sum", "openid", "account" }) {
			if (agent.has(ifi)) {
				person.putArray(ifi).add(agent.get(ifi));
			}
		}
		return json(HttpStatus.OK, person);
	}

}
