-- The page each open attempt last recorded in this web session: reloading that same page (a refresh, a
-- second tab, a slow network resending) records no new statements and writes nothing.
alter table xapi_learning_session add column last_step varchar(200);
