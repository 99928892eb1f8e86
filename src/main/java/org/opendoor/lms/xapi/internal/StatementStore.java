package org.opendoor.lms.xapi.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.xapi.XapiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores statements byte for byte with the columns and index rows queries need, and reads them back.
 * A batch is stored whole or not at all.
 */
@Repository
public class StatementStore {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public StatementStore(JdbcTemplate jdbc, ApplicationEventPublisher events, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.events = events;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/**
	 * A statement ready to store: validated, with its id.
	 *
	 * @param id its id
	 * @param statement its JSON
	 */
	public record Incoming(UUID id, ObjectNode statement) {
	}

	/**
	 * Stores statements (already validated) as one transaction, filling in id, timestamp, stored,
	 * authority and version. A statement whose id is already stored with the same content is left as it
	 * is; with other content the whole batch is refused with 409.
	 *
	 * @return the ids, in the order given
	 */
	@Transactional
	public List<UUID> store(List<ObjectNode> statements, JsonNode authority, String version,
			Map<String, Attachments.Part> attachments) {
		Instant now = clock.instant();
		String stored = StatementJson.timestamp(now);
		Map<UUID, ObjectNode> batch = new LinkedHashMap<>();
		List<UUID> ids = new ArrayList<>();
		for (ObjectNode s : statements) {
			UUID id = s.has("id") ? UUID.fromString(s.get("id").asString()) : UUID.randomUUID();
			if (batch.containsKey(id)) {
				throw new XapiException(400, "the statement id " + id + " appears twice in the batch");
			}
			batch.put(id, s);
			ids.add(id);
		}
		Map<UUID, String> existing = existing(batch.keySet());
		Set<UUID> voidTargets = new HashSet<>();
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<UUID, ObjectNode> e : batch.entrySet()) {
			UUID id = e.getKey();
			ObjectNode s = e.getValue();
			if (existing.containsKey(id)) {
				if (!StatementJson.sameStatement(StatementJson.JSON.readTree(existing.get(id)), s)) {
					throw new XapiException(409, "a different statement with the id " + id + " is already stored");
				}
				continue;
			}
			ObjectNode full = complete(id, s, stored, authority, version);
			String verb = full.get("verb").get("id").asString();
			JsonNode object = full.get("object");
			UUID refTarget = "StatementRef".equals(object.path("objectType").asString())
					? UUID.fromString(object.get("id").asString()) : null;
			if (StatementValidator.isVoiding(full)) {
				voidTargets.add(refTarget);
			}
			UUID registration = full.path("context").has("registration")
					? UUID.fromString(full.get("context").get("registration").asString()) : null;
			rows.add(new Row(id, verb, registration, now, refTarget, StatementJson.JSON.writeValueAsString(full), full));
		}
		checkVoiding(voidTargets, batch);
		insert(rows);
		for (Row row : rows) {
			events.publishEvent(new StatementStored(row.id(), row.body()));
		}
		return ids;
	}

	private ObjectNode complete(UUID id, ObjectNode s, String stored, JsonNode authority, String version) {
		ObjectNode full = StatementJson.JSON.createObjectNode();
		full.put("id", id.toString());
		s.properties().forEach(p -> {
			if (!"id".equals(p.getKey()) && !"stored".equals(p.getKey()) && !"authority".equals(p.getKey())
					&& !"version".equals(p.getKey())) {
				full.set(p.getKey(), p.getValue());
			}
		});
		if (!full.has("timestamp")) {
			full.put("timestamp", stored);
		}
		arrays(full.get("context"));
		if ("SubStatement".equals(full.get("object").path("objectType").asString())) {
			arrays(full.get("object").get("context"));
		}
		full.put("stored", stored);
		full.set("authority", authority);
		full.put("version", s.has("version") ? s.get("version").asString() : version);
		return full;
	}

	/** Context activities are always stored (and so returned) as arrays, even when one was sent alone. */
	private static void arrays(JsonNode context) {
		if (context instanceof ObjectNode c && c.get("contextActivities") instanceof ObjectNode ca) {
			for (String key : new ArrayList<>(ca.propertyNames())) {
				if (ca.get(key).isObject()) {
					ca.set(key, StatementJson.JSON.createArrayNode().add(ca.get(key)));
				}
			}
		}
	}

	private void checkVoiding(Set<UUID> targets, Map<UUID, ObjectNode> batch) {
		if (targets.isEmpty()) {
			return;
		}
		for (UUID target : targets) {
			ObjectNode inBatch = batch.get(target);
			if (inBatch != null && StatementValidator.isVoiding(inBatch)) {
				throw XapiException.badRequest("a voiding statement cannot void another voiding statement");
			}
		}
		List<String> targetVerbs = named.queryForList(
				"select verb_id from xapi_statement where id in (:ids)", new MapSqlParameterSource("ids", targets),
				String.class);
		if (targetVerbs.contains("http://adlnet.gov/expapi/verbs/voided")) {
			throw XapiException.badRequest("a voiding statement cannot void another voiding statement");
		}
	}

	private Map<UUID, String> existing(Set<UUID> ids) {
		Map<UUID, String> found = new HashMap<>();
		named.query("select id, body from xapi_statement where id in (:ids)", new MapSqlParameterSource("ids", ids),
				rs -> {
					found.put(rs.getObject(1, UUID.class), rs.getString(2));
				});
		return found;
	}

	private record Row(UUID id, String verb, UUID registration, Instant stored, UUID refTarget, String body,
			ObjectNode json) {
	}

	private void insert(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("insert into xapi_statement (id, verb_id, registration, stored_at, voided, ref_target, body) "
				+ "values (?, ?, ?, ?, false, ?, ?)", rows, rows.size(), (PreparedStatement ps, Row r) -> {
					ps.setObject(1, r.id());
					ps.setString(2, r.verb());
					ps.setObject(3, r.registration());
					ps.setTimestamp(4, Timestamp.from(r.stored()));
					ps.setObject(5, r.refTarget());
					ps.setString(6, r.body());
				});
		Map<UUID, Long> seqs = new HashMap<>();
		named.query("select id, seq from xapi_statement where id in (:ids)",
				new MapSqlParameterSource("ids", rows.stream().map(Row::id).toList()),
				rs -> {
					seqs.put(rs.getObject(1, UUID.class), rs.getLong(2));
				});
		List<Object[]> index = new ArrayList<>();
		List<Object[]> attachmentRows = new ArrayList<>();
		List<Map.Entry<String, JsonNode>> definitions = new ArrayList<>();
		Set<UUID> voided = new HashSet<>();
		for (Row r : rows) {
			long seq = seqs.get(r.id());
			Map<String, Boolean> agents = new LinkedHashMap<>();
			StatementJson.agents(r.json(), k -> agents.put(k, true), k -> agents.putIfAbsent(k, false));
			agents.forEach((k, direct) -> index.add(new Object[] { seq, "g", k, direct }));
			Map<String, Boolean> activities = new LinkedHashMap<>();
			StatementJson.activities(r.json(), a -> {
				activities.put(a.get("id").asString(), true);
				if (a.has("definition")) {
					definitions.add(Map.entry(a.get("id").asString(), a.get("definition")));
				}
			}, a -> {
				activities.putIfAbsent(a.get("id").asString(), false);
				if (a.has("definition")) {
					definitions.add(Map.entry(a.get("id").asString(), a.get("definition")));
				}
			});
			activities.forEach((k, direct) -> index.add(new Object[] { seq, "a", k, direct }));
			Set<String> hashes = new HashSet<>();
			for (JsonNode a : r.json().path("attachments")) {
				if (!a.has("fileUrl") || Attachments.present(a)) {
					hashes.add(a.get("sha2").asString());
				}
			}
			hashes.forEach(h -> attachmentRows.add(new Object[] { seq, h }));
			if (StatementValidator.isVoiding(r.json())) {
				voided.add(r.refTarget());
			}
		}
		jdbc.batchUpdate("insert into xapi_statement_index (seq, kind, item, direct) values (?, ?, ?, ?)", index);
		if (!attachmentRows.isEmpty()) {
			jdbc.batchUpdate("insert into xapi_statement_attachment (seq, sha2) values (?, ?)", attachmentRows);
		}
		if (!voided.isEmpty()) {
			named.update("update xapi_statement set voided = true where id in (:ids) and verb_id <> :voided",
					new MapSqlParameterSource("ids", voided).addValue("voided", "http://adlnet.gov/expapi/verbs/voided"));
		}
		definitions.forEach(d -> saveDefinition(d.getKey(), d.getValue()));
	}

	private void saveDefinition(String activityId, JsonNode definition) {
		Timestamp now = Timestamp.from(clock.instant());
		Optional<String> known = activityDefinition(activityId);
		JsonNode merged = definition;
		if (known.isPresent()) {
			// the newest definition wins, but languages seen before are kept
			ObjectNode m = ((ObjectNode) StatementJson.JSON.readTree(known.get())).deepCopy();
			definition.properties().forEach(e -> {
				if (("name".equals(e.getKey()) || "description".equals(e.getKey())) && m.get(e.getKey()) instanceof ObjectNode old) {
					e.getValue().properties().forEach(l -> old.set(l.getKey(), l.getValue()));
				}
				else {
					m.set(e.getKey(), e.getValue());
				}
			});
			if (m.equals(StatementJson.JSON.readTree(known.get()))) {
				return;
			}
			merged = m;
		}
		String json = StatementJson.JSON.writeValueAsString(merged);
		int updated = jdbc.update("update xapi_activity set definition = ?, updated_at = ? where activity_id = ?", json,
				now, activityId);
		if (updated == 0) {
			jdbc.update("insert into xapi_activity (activity_id, definition, updated_at) values (?, ?, ?)", activityId,
					json, now);
		}
	}

	/** Saves attachment contents by hash (once per hash). */
	@Transactional
	public void saveAttachments(Map<String, Attachments.Part> parts) {
		for (Attachments.Part p : parts.values()) {
			Integer n = jdbc.queryForObject("select count(*) from xapi_attachment where sha2 = ?", Integer.class, p.sha2());
			if (n == null || n == 0) {
				jdbc.update("insert into xapi_attachment (sha2, content_type, content) values (?, ?, ?)", p.sha2(),
						p.contentType(), p.content());
			}
		}
	}

	/** One statement by id; voided ones only when asked for. */
	@Transactional(readOnly = true)
	public Optional<String> find(UUID id, boolean voided) {
		return jdbc.query("select body, voided from xapi_statement where id = ?", rs -> {
			if (!rs.next()) {
				return Optional.<String>empty();
			}
			boolean isVoided = rs.getBoolean(2);
			return isVoided == voided ? Optional.of(rs.getString(1)) : Optional.<String>empty();
		}, id);
	}

	/** Attachment contents by hash. */
	@Transactional(readOnly = true)
	public Map<String, Attachments.Part> attachments(Set<String> hashes) {
		Map<String, Attachments.Part> parts = new LinkedHashMap<>();
		if (hashes.isEmpty()) {
			return parts;
		}
		named.query("select sha2, content_type, content from xapi_attachment where sha2 in (:h)",
				new MapSqlParameterSource("h", hashes), rs -> {
					parts.put(rs.getString(1), new Attachments.Part(rs.getString(1), rs.getString(2), rs.getBytes(3)));
				});
		return parts;
	}

	/**
	 * What a statement query asks for.
	 *
	 * @param agent an agent key
	 * @param verb a verb id
	 * @param activity an activity id
	 * @param registration a registration
	 * @param relatedActivities whether to match activities anywhere in the statement
	 * @param relatedAgents whether to match agents anywhere in the statement
	 * @param since stored after
	 * @param until stored at or before
	 * @param limit how many at most (0: the server's maximum)
	 * @param ascending oldest first
	 * @param after continue after this position (from a {@code more} link)
	 * @param ceiling only statements up to this position (so later pages see the same data)
	 */
	public record Query(String agent, String verb, String activity, UUID registration, boolean relatedActivities,
			boolean relatedAgents, Instant since, Instant until, int limit, boolean ascending, Long after,
			Long ceiling) {
	}

	/**
	 * A page of results.
	 *
	 * @param bodies the statements as stored
	 * @param last the position of the last one
	 * @param ceiling the position no later page goes past
	 * @param more whether more match
	 */
	public record Page(List<String> bodies, long last, long ceiling, boolean more) {
	}

	/** Runs a statement query: voided statements excluded, statements that refer to matches included. */
	@Transactional(readOnly = true)
	public Page query(Query q) {
		MapSqlParameterSource p = new MapSqlParameterSource();
		String filter = filter(q, p, "s");
		long ceiling = q.ceiling() != null ? q.ceiling()
				: Optional.ofNullable(jdbc.queryForObject("select max(seq) from xapi_statement", Long.class)).orElse(0L);
		p.addValue("ceiling", ceiling);
		StringBuilder sql = new StringBuilder("select s.seq, s.body from xapi_statement s where s.voided = false and s.seq <= :ceiling");
		if (!filter.isEmpty()) {
			// A statement matches if it matches the filters or it refers (StatementRef) to one that does.
			sql.append(" and ((").append(filter).append(") or s.ref_target in (select t.id from xapi_statement t where ")
				.append(filter(q, p, "t")).append("))");
		}
		if (q.after() != null) {
			p.addValue("after", q.after());
			sql.append(q.ascending() ? " and s.seq > :after" : " and s.seq < :after");
		}
		sql.append(" order by s.seq ").append(q.ascending() ? "asc" : "desc");
		p.addValue("limit", q.limit() + 1);
		sql.append(" fetch first :limit rows only");
		List<String> bodies = new ArrayList<>();
		long[] last = { 0 };
		boolean[] more = { false };
		named.query(sql.toString(), p, rs -> {
			if (bodies.size() == q.limit()) {
				more[0] = true;
				return;
			}
			bodies.add(rs.getString(2));
			last[0] = rs.getLong(1);
		});
		return new Page(bodies, last[0], ceiling, more[0]);
	}

	private static String filter(Query q, MapSqlParameterSource p, String alias) {
		List<String> parts = new ArrayList<>();
		if (q.verb() != null) {
			p.addValue("verb", q.verb());
			parts.add(alias + ".verb_id = :verb");
		}
		if (q.registration() != null) {
			p.addValue("registration", q.registration());
			parts.add(alias + ".registration = :registration");
		}
		if (q.since() != null) {
			p.addValue("since", Timestamp.from(q.since()));
			parts.add(alias + ".stored_at > :since");
		}
		if (q.until() != null) {
			p.addValue("until", Timestamp.from(q.until()));
			parts.add(alias + ".stored_at <= :until");
		}
		if (q.agent() != null) {
			p.addValue("agent", q.agent());
			parts.add("exists (select 1 from xapi_statement_index ig where ig.seq = " + alias
					+ ".seq and ig.kind = 'g' and ig.item = :agent" + (q.relatedAgents() ? "" : " and ig.direct = true") + ")");
		}
		if (q.activity() != null) {
			p.addValue("activity", q.activity());
			parts.add("exists (select 1 from xapi_statement_index ia where ia.seq = " + alias
					+ ".seq and ia.kind = 'a' and ia.item = :activity"
					+ (q.relatedActivities() ? "" : " and ia.direct = true") + ")");
		}
		return String.join(" and ", parts);
	}

	/**
	 * Erases every statement that mentions an agent anywhere (actor, object, context, authority or
	 * sub-statement), with its index rows. Statements that refer to an erased statement stay, but the
	 * reference no longer resolves.
	 *
	 * @return how many statements were erased
	 */
	@Transactional
	public int eraseAgent(String agentKey) {
		List<Long> seqs = jdbc.queryForList("select seq from xapi_statement_index where kind = 'g' and item = ?",
				Long.class, agentKey);
		if (seqs.isEmpty()) {
			return 0;
		}
		int erased = 0;
		for (int i = 0; i < seqs.size(); i += 500) {
			List<Long> chunk = seqs.subList(i, Math.min(seqs.size(), i + 500));
			MapSqlParameterSource p = new MapSqlParameterSource("seqs", chunk);
			named.update("delete from xapi_statement_index where seq in (:seqs)", p);
			named.update("delete from xapi_statement_attachment where seq in (:seqs)", p);
			erased += named.update("delete from xapi_statement where seq in (:seqs)", p);
		}
		return erased;
	}

	/** The stored definition of an activity. */
	@Transactional(readOnly = true)
	public Optional<String> activityDefinition(String activityId) {
		return jdbc.query("select definition from xapi_activity where activity_id = ?",
				rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(), activityId);
	}

	/** Everything known about an agent: the statements' agents that share its identifier. */
	@Transactional(readOnly = true)
	public List<String> agentBodies(String agentKey, int max) {
		return jdbc.queryForList("select s.body from xapi_statement s join xapi_statement_index i on i.seq = s.seq "
				+ "where i.kind = 'g' and i.item = ? order by s.seq desc fetch first " + max + " rows only", String.class,
				agentKey);
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
