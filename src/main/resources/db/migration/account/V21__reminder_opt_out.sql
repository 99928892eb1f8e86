-- People who used the unsubscribe link in a reminder email: they get no more reminder emails.
create table reminder_opt_out (
    user_id bigint primary key references app_user (id) on delete cascade,
    opted_out_at timestamp with time zone not null
);

-- The key that signs unsubscribe links, made once on first use.
create table mail_link_key (
    id integer primary key,
    secret varchar(100) not null,
    created_at timestamp with time zone not null
);
