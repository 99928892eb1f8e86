package org.opendoor.lms.xapi.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.opendoor.lms.account.InputRules;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.lrs.XapiClients;
import org.opendoor.lms.lrs.XapiException;
import org.opendoor.lms.lrs.model.Verb;
import org.opendoor.lms.lrs.StatementJson;
import org.opendoor.lms.lrs.StatementStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * For site admins: the statement browser (filter by learner, verb, activity and date; CSV and JSON export)
 * and the LRS clients (create, with the secret shown once; revoke).
 */
@Controller
class LrsAdminController {

	static final List<Verb> VERBS = List.of(Verb.LAUNCHED, Verb.INITIALIZED, Verb.RESUMED, Verb.EXPERIENCED,
			Verb.ANSWERED, Verb.PROGRESSED, Verb.COMPLETED, Verb.PASSED, Verb.FAILED, Verb.SUSPENDED, Verb.TERMINATED,
			Verb.ATTENDED, Verb.VOIDED);

	private static final int PAGE = 100;

	private static final int EXPORT_MAX = 50_000;

	private final StatementStore statements;

	private final XapiClients clients;

	private final Accounts accounts;

	private final EngineStatements vocabulary;

	LrsAdminController(StatementStore statements, XapiClients clients, Accounts accounts, EngineStatements vocabulary) {
		this.statements = statements;
		this.clients = clients;
		this.accounts = accounts;
		this.vocabulary = vocabulary;
	}

	/**
	 * One row of the browser.
	 *
	 * @param id statement id
	 * @param stored when stored
	 * @param actor who (opaque id or identifier)
	 * @param verb the verb's last path segment
	 * @param object the object's id
	 * @param result a short result (success, score, response)
	 */
	record Row(String id, String stored, String actor, String verb, String object, String result) {
	}

	/**
	 * The browser's filters as typed.
	 *
	 * @param learner a learner's email address
	 * @param verb a verb id
	 * @param activity an activity id
	 * @param from first day (inclusive)
	 * @param to last day (inclusive)
	 */
	record Filters(String learner, String verb, String activity, String from, String to) {
	}

	@GetMapping("/admin/xapi/statements")
	String browse(Filters filters, @RequestParam(required = false) String cursor, Model model,
			jakarta.servlet.http.HttpServletResponse response) {
		model.addAttribute("filters", filters);
		model.addAttribute("verbs", VERBS);
		try {
			StatementStore.Page page = statements.query(query(filters, PAGE, cursor));
			List<Row> rows = new ArrayList<>();
			for (String body : page.bodies()) {
				rows.add(row(StatementJson.JSON.readTree(body)));
			}
			model.addAttribute("rows", rows);
			model.addAttribute("next", page.more() ? page.last() : null);
		}
		catch (XapiException ex) {
			model.addAttribute("filterError", ex.getMessage());
			model.addAttribute("rows", List.of());
		}
		catch (org.springframework.web.server.ResponseStatusException ex) {
			// a date that cannot be used: the page says why in the visitor's language
			model.addAttribute("filterErrorKey", ex.getReason());
			response.setStatus(ex.getStatusCode().value());
			model.addAttribute("rows", List.of());
		}
		return "xapi/statements";
	}

	@GetMapping("/admin/xapi/statements.json")
	ResponseEntity<byte[]> exportJson(Filters filters) {
		ArrayNode all = StatementJson.JSON.createArrayNode();
		for (String body : statements.query(query(filters, EXPORT_MAX, null)).bodies()) {
			all.add(StatementJson.JSON.readTree(body));
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statements.json\"")
			.body(StatementJson.JSON.writeValueAsBytes(all));
	}

	@GetMapping("/admin/xapi/statements.csv")
	ResponseEntity<byte[]> exportCsv(Filters filters) {
		StringBuilder csv = new StringBuilder("id,stored,actor,verb,object,result\r\n");
		for (String body : statements.query(query(filters, EXPORT_MAX, null)).bodies()) {
			Row r = row(StatementJson.JSON.readTree(body));
			csv.append(String.join(",", cell(r.id()), cell(r.stored()), cell(r.actor()), cell(r.verb()), cell(r.object()),
					cell(r.result())))
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statements.csv\"")
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** A CSV cell, quoted, and defused so a spreadsheet never runs it as a formula. */
	static String cell(String value) {
		String v = value == null ? "" : value;
		if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
			v = "'" + v;
		}
		return "\"" + v.replace("\"", "\"\"") + "\"";
	}

	private StatementStore.Query query(Filters f, int limit, String cursor) {
		String agent = null;
		if (f.learner() != null && !f.learner().isBlank()) {
			Optional<Account> account = accounts.findByEmail(f.learner().strip());
			// an unknown learner matches nothing, rather than everything
			agent = account.map(a -> "A|account=" + vocabulary.learner(a.learnerRef()).account().homePage() + " "
					+ a.learnerRef()).orElse("A|account=none " + UUID.randomUUID());
		}
		String verb = f.verb() == null || f.verb().isBlank() ? null : f.verb().strip();
		String activity = f.activity() == null || f.activity().isBlank() ? null : f.activity().strip();
		return new StatementStore.Query(agent, verb, activity, null, true, true, day(f.from(), 0), day(f.to(), 1), limit,
				false, cursor, null);
	}

	private static Instant day(String value, int plusDays) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return InputRules.date(value)
			.map(day -> day.plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant())
			.orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.BAD_REQUEST,
					InputRules.yearOutOfRange(value) ? "input.date.range" : "lrs.admin.date.format"));
	}

	private static Row row(JsonNode s) {
		JsonNode actor = s.path("actor");
		String who = actor.has("account") ? actor.path("account").path("name").asString()
				: actor.has("mbox") ? actor.get("mbox").asString() : actor.path("name").asString("(group)");
		String verb = s.path("verb").path("id").asString();
		verb = verb.substring(verb.lastIndexOf('/') + 1);
		JsonNode object = s.path("object");
		String objectId = object.has("id") ? object.get("id").asString() : object.path("objectType").asString();
		JsonNode result = s.path("result");
		List<String> parts = new ArrayList<>();
		if (result.has("success")) {
			parts.add(result.get("success").asBoolean() ? "success" : "not success");
		}
		if (result.path("score").has("scaled")) {
			parts.add("score " + result.get("score").get("scaled").asString());
		}
		if (result.has("response")) {
			parts.add("response " + result.get("response").asString());
		}
		if (result.has("duration")) {
			parts.add(result.get("duration").asString());
		}
		return new Row(s.path("id").asString(), s.path("stored").asString(), who, verb, objectId, String.join("; ", parts));
	}

	@GetMapping("/admin/xapi/clients")
	String clients(Model model) {
		model.addAttribute("clients", clients.all());
		return "xapi/clients";
	}

	@PostMapping("/admin/xapi/clients")
	String create(@RequestParam String name, @RequestParam String scope, RedirectAttributes redirect) {
		if (name.isBlank() || name.length() > 200) {
			redirect.addFlashAttribute("error", "admin.lrs.clients.nameNeeded");
			return "redirect:/admin/xapi/clients";
		}
		XapiClients.Scope s = "READ".equals(scope) ? XapiClients.Scope.READ : XapiClients.Scope.WRITE;
		XapiClients.Created created = clients.create(name, s);
		redirect.addFlashAttribute("created", created);
		return "redirect:/admin/xapi/clients";
	}

	@PostMapping("/admin/xapi/clients/{id}/revoke")
	String revoke(@PathVariable long id) {
		clients.revoke(id);
		return "redirect:/admin/xapi/clients?revoked";
	}

}
