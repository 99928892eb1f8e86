-- Group sessions run in facilitator mode, recorded by an organisation admin, and who attended each. Every
-- attendee's completion is an attempt (passed, with no assessment result) that the attendance row points to.
create table facilitated_session (
    id uuid primary key,
    organisation_id bigint not null references organisation (id) on delete cascade,
    course_id varchar(80) not null,
    course_version_id bigint not null references course_version (id),
    held_on date not null,
    facilitator_id bigint not null references app_user (id),
    group_id bigint references org_group (id) on delete set null,
    recorded_by bigint not null references app_user (id),
    recorded_at timestamp with time zone not null
);

create index facilitated_session_by_organisation on facilitated_session (organisation_id, held_on);

create table facilitated_attendance (
    session_id uuid not null references facilitated_session (id) on delete cascade,
    learner_id bigint not null references app_user (id) on delete cascade,
    attempt_id uuid not null references attempt (id) on delete cascade,
    primary key (session_id, learner_id)
);
