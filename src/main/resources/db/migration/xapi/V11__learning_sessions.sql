-- Which attempts are open in which web session (the session id is kept only as a SHA-256 hash), so any
-- instance can tell a returning learner (resumed) and close what a signed-out or idle session left open
-- (suspended, terminated).
create table xapi_learning_session (
    session_key varchar(64) not null,
    attempt_id uuid not null,
    registration uuid not null,
    learner_id bigint not null,
    course_version_id bigint not null,
    since timestamp with time zone not null,
    last_seen timestamp with time zone not null
);

-- Not unique: two tabs opening an attempt at the same moment may both note it; closing takes both.
create index xapi_learning_session_key on xapi_learning_session (session_key, attempt_id);

create index xapi_learning_session_seen on xapi_learning_session (last_seen);
