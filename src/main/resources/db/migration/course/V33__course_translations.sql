-- The translations of a course version (JSON: language code to the translated course), or null when it has none.
alter table course_version add column translations text;
