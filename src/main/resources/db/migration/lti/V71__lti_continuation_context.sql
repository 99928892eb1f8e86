-- Where a launch came from, kept with its one-time link so the learning records can name the LMS course.
alter table lti_continuation add column platform_id bigint;
alter table lti_continuation add column context_id varchar(255);
alter table lti_continuation add column context_title varchar(200);
alter table lti_continuation add column resource_link_id varchar(255);
alter table lti_continuation add column resource_link_title varchar(200);
