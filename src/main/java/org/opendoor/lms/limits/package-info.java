/**
 * Limits: how often one address or account may do something that tests a secret or costs the site work,
 * as Bucket4j token buckets kept in the database, so every instance counts against one limit. Uses no
 * other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.opendoor.lms.limits;
