-- Whether the learner has been emailed their certificate: PENDING, SENDING (claimed by one sender), SENT.
alter table certificate add column email_status varchar(10) default 'PENDING' not null;
alter table certificate add column emailed_at timestamp with time zone;
