/**
 * The subscription filter-policy language (sns.md §10): {@link io.wharf.sns.filter.FilterPolicyParser} validates a
 * policy with AWS's own messages and compiles it into a {@link io.wharf.sns.filter.FilterPolicy}, which decides
 * whether a published message (its attributes, or its JSON body) reaches the subscription. Pure functions, no state.
 */
package io.wharf.sns.filter;
