package org.opendoor.lms.lrs.internal;

import org.opendoor.lms.lrs.StatementJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

import static org.opendoor.lms.lrs.internal.XapiParameters.*;

/** {@code /xapi/about}: the xAPI versions this LRS speaks; public, as the specification requires. */
@RestController
@RequestMapping("/xapi")
class AboutController extends XapiResource {

	@RequestMapping(path = "/about", method = RequestMethod.GET)
	ResponseEntity<byte[]> about() {
		ObjectNode about = StatementJson.JSON.createObjectNode();
		about.putArray("version").add("1.0.3").add("2.0.0");
		about.putObject("extensions");
		return json(HttpStatus.OK, about);
	}

}
