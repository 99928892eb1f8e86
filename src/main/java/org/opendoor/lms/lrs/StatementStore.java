package org.opendoor.lms.lrs;

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

import org.opendoor.lms.lrs.XapiException;
import org.opendoor.lms.lrs.internal.Attachments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	private final io.micrometer.core.instrument.Counter storedCounter;

	private final TransactionTemplate transactions;

	/** How often a request is tried when a client stores the same ids at the same moment. */
	private static final int ATTEMPTS = 5;

	public StatementStore(JdbcTemplate jdbc, ApplicationEventPublisher events, Optional<Clock> clock,
			Optional<io.micrometer.core.instrument.MeterRegistry> meters, PlatformTransactionManager transactionManager) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.storedCounter = io.micrometer.core.instrument.Counter.builder("opendoor.xapi.statements.stored")
			.description("Statements stored in the built-in LRS")
			.register(meters.orElseGet(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
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
	 * Stores statements (already validated) and their attachments as one transaction, filling in id,
	 * timestamp, stored, authority and version. A statement whose id is already stored with the same content
	 * is left as it is; with other content the whole batch is refused with 409. That holds when other
	 * clients store the same ids at the same moment: the database's unique key lets one transaction win, and
	 * the others, refused by the key, read again what it stored and compare.
	 *
	 * @return the ids, in the order given
	 */
	public List<UUID> store(List<ObjectNode> statements, JsonNode authority, String version,
			Map<String, Attachments.Part> attachments) {
		java.util.function.Supplier<List<UUID>> once = () -> {
			saveAttachments(attachments);
			return store(statements, authority, version, attachments, false);
		};
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// part of a larger transaction, which a refused insert has spoiled: nothing to try again here
			return once.get();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(tx -> once.get());
			}
			catch (DuplicateKeyException | ConcurrencyFailureException raced) {
				// another request stored one of these ids (or attachments) in the meantime; it has committed
				if (attempt == ATTEMPTS) {
					throw new XapiException(503, "other requests are storing the same statements; try again");
				}
			}
		}
	}

	/**
	 * Stores statements; {@code freshIds} says every id was just made with {@link UUID#randomUUID()} by the
	 * engine, so no stored statement can have it and the look-up for an earlier copy is skipped.
	 */
	public List<UUID> store(List<ObjectNode> statements, JsonNode authority, String version,
			Map<String, Attachments.Part> attachments, boolean freshIds) {
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
		Map<UUID, String> existing = freshIds ? Map.of() : existing(batch.keySet());
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
		insert(rows, attachments);
		for (Row row : rows) {
			events.publishEvent(new StatementStored(row.id(), row.body()));
		}
		if (!rows.isEmpty() && org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			int n = rows.size();
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						storedCounter.increment(n);
					}
				});
		}
		return ids;
	}

	/** The statement as stored: id, stored, authority and version set, context activities as arrays. */
	public static ObjectNode complete(UUID id, ObjectNode s, String stored, JsonNode authority, String version) {
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
		StatementJson.contextActivityArrays(full);
		full.put("stored", stored);
		full.set("authority", authority);
		full.put("version", s.has("version") ? s.get("version").asString() : version);
		return full;
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

	private void insert(List<Row> rows, Map<String, Attachments.Part> attachments) {
		if (rows.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("insert into xapi_statement (id, verb_id, registration, stored_at, voided, body) "
				+ "values (?, ?, ?, ?, false, ?)", rows, rows.size(), (PreparedStatement ps, Row r) -> {
					ps.setObject(1, r.id());
					ps.setString(2, r.verb());
					ps.setObject(3, r.registration());
					ps.setTimestamp(4, Timestamp.from(r.stored()));
					ps.setString(5, r.body());
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
				if (!a.has("fileUrl") || attachments.containsKey(a.get("sha2").asString())) {
					hashes.add(a.get("sha2").asString());
				}
			}
			hashes.forEach(h -> attachmentRows.add(new Object[] { seq, h }));
			if (StatementValidator.isVoiding(r.json())) {
				voided.add(r.refTarget());
			}
		}
		jdbc.batchUpdate("insert into xapi_statement_index (seq, kind, item, direct) values (?, ?, ?, ?)", index);
		List<Object[]> refs = new ArrayList<>();
		for (Row r : rows) {
			if (r.refTarget() != null) {
				refs.add(new Object[] { seqs.get(r.id()), r.refTarget() });
			}
		}
		if (!refs.isEmpty()) {
			jdbc.batchUpdate("insert into xapi_statement_ref (seq, target) values (?, ?)", refs);
		}
		if (!attachmentRows.isEmpty()) {
			jdbc.batchUpdate("insert into xapi_statement_attachment (seq, sha2) values (?, ?)", attachmentRows);
		}
		if (!voided.isEmpty()) {
			named.update("update xapi_statement set voided = true where id in (:ids) and verb_id <> :voided",
					new MapSqlParameterSource("ids", voided).addValue("voided", "http://adlnet.gov/expapi/verbs/voided"));
		}
		saveDefinitions(definitions);
	}

	/** Definitions this instance has seen committed, so a repeated definition costs no write. */
	private final Set<String> knownDefinitions = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private void saveDefinitions(List<Map.Entry<String, JsonNode>> definitions) {
		if (knownDefinitions.size() > 100_000) {
			knownDefinitions.clear();
		}
		Set<String> fresh = new java.util.LinkedHashSet<>();
		List<Object[]> rows = new ArrayList<>();
		for (Map.Entry<String, JsonNode> d : definitions) {
			String json = StatementJson.JSON.writeValueAsString(d.getValue());
			String key = d.getKey() + "\n" + json;
			if (!knownDefinitions.contains(key) && fresh.add(key)) {
				rows.add(new Object[] { d.getKey(), json });
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("insert into xapi_activity_definition (activity_id, definition) values (?, ?)", rows);
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						knownDefinitions.addAll(fresh);
					}
				});
		}
	}

	/** Saves attachment contents by hash (once per hash). */
	private void saveAttachments(Map<String, Attachments.Part> parts) {
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
	 * @param after continue after this position (a cursor from a {@code more} link: stored time and sequence)
	 * @param ceiling only statements up to this position (so later pages see the same data)
	 */
	public record Query(String agent, String verb, String activity, UUID registration, boolean relatedActivities,
			boolean relatedAgents, Instant since, Instant until, int limit, boolean ascending, String after,
			Long ceiling) {
	}

	/**
	 * A page of results.
	 *
	 * @param bodies the statements as stored
	 * @param last the cursor of the last one (its stored time and sequence)
	 * @param ceiling the position no later page goes past
	 * @param more whether more match
	 */
	public record Page(List<String> bodies, String last, long ceiling, boolean more) {
	}

	/**
	 * Runs a statement query: voided statements excluded, statements that refer (StatementRef) to a
	 * statement matching the filters included. Two index-driven queries, merged: the direct matches, and
	 * the (few) referring statements whose target matches.
	 */
	@Transactional(readOnly = true)
	public Page query(Query q) {
		long ceiling = q.ceiling() != null ? q.ceiling()
				: Optional.ofNullable(jdbc.queryForObject("select max(seq) from xapi_statement", Long.class)).orElse(0L);
		MapSqlParameterSource p = new MapSqlParameterSource("ceiling", ceiling).addValue("limit", q.limit() + 1);
		// Results are in stored order (then sequence), so "stored" never goes backwards within or across pages
		// even when batches committed out of order.
		String direction = q.ascending() ? "asc" : "desc";
		String order = " order by s.stored_at " + direction + ", s.seq " + direction + " fetch first :limit rows only";
		String page = " and s.seq <= :ceiling";
		if (q.after() != null) {
			String[] cursor = q.after().split("_");
			if (cursor.length != 3) {
				throw XapiException.badRequest("cursor is not valid");
			}
			try {
				p.addValue("afterStored", Timestamp.from(Instant.ofEpochSecond(Long.parseLong(cursor[0]), Long.parseLong(cursor[1]))));
				p.addValue("afterSeq", Long.parseLong(cursor[2]));
			}
			catch (NumberFormatException | java.time.DateTimeException ex) {
				throw XapiException.badRequest("cursor is not valid");
			}
			String cmp = q.ascending() ? ">" : "<";
			page += " and (s.stored_at " + cmp + " :afterStored or (s.stored_at = :afterStored and s.seq " + cmp
					+ " :afterSeq))";
		}
		java.util.Comparator<Object[]> byPosition = java.util.Comparator.<Object[], Instant>comparing(r -> (Instant) r[0])
			.thenComparing(r -> (Long) r[1]);
		java.util.TreeMap<Object[], String> found = new java.util.TreeMap<>(q.ascending() ? byPosition : byPosition.reversed());
		String direct = "select s.stored_at, s.seq, s.body from xapi_statement s" + joins(q, p, "s")
				+ " where s.voided = false" + page + conditions(q, p, "s") + order;
		org.springframework.jdbc.core.RowCallbackHandler collect = rs -> {
			found.put(new Object[] { rs.getTimestamp(1).toInstant(), rs.getLong(2) }, rs.getString(3));
		};
		named.query(direct, p, collect);
		if (filtered(q)) {
			String referring = "select s.stored_at, s.seq, s.body from xapi_statement_ref r join xapi_statement s on s.seq = r.seq "
					+ "join xapi_statement t on t.id = r.target" + joins(q, p, "t") + " where s.voided = false" + page
					+ conditions(q, p, "t") + order;
			named.query(referring, p, collect);
		}
		List<String> bodies = new ArrayList<>();
		String last = null;
		for (Map.Entry<Object[], String> e : found.entrySet()) {
			if (bodies.size() == q.limit()) {
				break;
			}
			bodies.add(e.getValue());
			Instant stored = (Instant) e.getKey()[0];
			last = stored.getEpochSecond() + "_" + stored.getNano() + "_" + e.getKey()[1];
		}
		return new Page(bodies, last, ceiling, found.size() > q.limit());
	}

	private static boolean filtered(Query q) {
		return q.agent() != null || q.activity() != null || q.verb() != null || q.registration() != null
				|| q.since() != null || q.until() != null;
	}

	private static String joins(Query q, MapSqlParameterSource p, String alias) {
		StringBuilder sql = new StringBuilder();
		if (q.agent() != null) {
			p.addValue("agent", q.agent());
			sql.append(" join xapi_statement_index ig").append(alias).append(" on ig").append(alias).append(".seq = ")
				.append(alias).append(".seq and ig").append(alias).append(".kind = 'g' and ig").append(alias)
				.append(".item = :agent").append(q.relatedAgents() ? "" : " and ig" + alias + ".direct = true");
		}
		if (q.activity() != null) {
			p.addValue("activity", q.activity());
			sql.append(" join xapi_statement_index ia").append(alias).append(" on ia").append(alias).append(".seq = ")
				.append(alias).append(".seq and ia").append(alias).append(".kind = 'a' and ia").append(alias)
				.append(".item = :activity").append(q.relatedActivities() ? "" : " and ia" + alias + ".direct = true");
		}
		return sql.toString();
	}

	private static String conditions(Query q, MapSqlParameterSource p, String alias) {
		StringBuilder sql = new StringBuilder();
		if (q.verb() != null) {
			p.addValue("verb", q.verb());
			sql.append(" and ").append(alias).append(".verb_id = :verb");
		}
		if (q.registration() != null) {
			p.addValue("registration", q.registration());
			sql.append(" and ").append(alias).append(".registration = :registration");
		}
		if (q.since() != null) {
			p.addValue("since", Timestamp.from(q.since()));
			sql.append(" and ").append(alias).append(".stored_at > :since");
		}
		if (q.until() != null) {
			p.addValue("until", Timestamp.from(q.until()));
			sql.append(" and ").append(alias).append(".stored_at <= :until");
		}
		return sql.toString();
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
		int erased = 0;
		for (int i = 0; i < seqs.size(); i += 500) {
			MapSqlParameterSource p = new MapSqlParameterSource("seqs", seqs.subList(i, Math.min(seqs.size(), i + 500)));
			named.update("delete from xapi_statement_index where seq in (:seqs)", p);
			named.update("delete from xapi_statement_attachment where seq in (:seqs)", p);
			named.update("delete from xapi_statement_ref where seq in (:seqs)", p);
			erased += named.update("delete from xapi_statement where seq in (:seqs)", p);
		}
		return erased;
	}

	/**
	 * The definition of an activity: every definition statements gave it, merged in the order they were
	 * stored (later values win; languages of names and descriptions accumulate).
	 */
	@Transactional(readOnly = true)
	public Optional<String> activityDefinition(String activityId) {
		List<String> all = jdbc.queryForList(
				"select definition from xapi_activity_definition where activity_id = ? order by id", String.class,
				activityId);
		if (all.isEmpty()) {
			return Optional.empty();
		}
		ObjectNode merged = StatementJson.JSON.createObjectNode();
		for (String json : all) {
			StatementJson.JSON.readTree(json).properties().forEach(e -> {
				if (("name".equals(e.getKey()) || "description".equals(e.getKey()))
						&& merged.get(e.getKey()) instanceof ObjectNode old) {
					e.getValue().properties().forEach(l -> old.set(l.getKey(), l.getValue()));
				}
				else {
					merged.set(e.getKey(), e.getValue().deepCopy());
				}
			});
		}
		return Optional.of(StatementJson.JSON.writeValueAsString(merged));
	}

	/** Everything known about an agent: the statements' agents that share its identifier. */
	@Transactional(readOnly = true)
	public List<String> agentBodies(String agentKey, int max) {
		return jdbc.queryForList("select s.body from xapi_statement s join xapi_statement_index i on i.seq = s.seq "
				+ "where i.kind = 'g' and i.item = ? order by s.seq desc fetch first " + max + " rows only", String.class,
				agentKey);
	}


}
