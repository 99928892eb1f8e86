-- Token buckets of every rate limit (limits/RateLimits, Bucket4j), shared by all instances. The id is a hash
-- of the limit's name and what it counts (an address, an account), so no address or email is stored here;
-- expires_at (epoch milliseconds) is when the bucket would be full again, after which the row is deleted.
create table rate_limit_bucket (
    id varchar(64) primary key,
    state bytea,
    expires_at bigint
);
create index rate_limit_bucket_expires on rate_limit_bucket (expires_at);

-- The key that signs device cookies (system/SignInThrottle): made at random by the first instance that needs
-- it, read by the others, so a cookie set by one instance is recognised by all.
create table device_cookie_key (
    id integer primary key,
    secret varchar(64) not null,
    created_at timestamp not null
);
