-- Training reminders sent: at most one per person per period (for example 2026-11). A row is claimed
-- (SENDING) before the email goes and marked SENT after; a failed send deletes the claim.
create table training_reminder (
    user_id bigint not null references app_user (id) on delete cascade,
    period varchar(10) not null,
    status varchar(10) not null,
    sent_at timestamp with time zone not null,
    primary key (user_id, period)
);

