-- When the learner was reminded that the certificate expires soon (at most once per certificate).
alter table certificate add column reminded_at timestamp with time zone;
