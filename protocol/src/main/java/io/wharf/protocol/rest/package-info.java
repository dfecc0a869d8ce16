/**
 * What the two REST protocols share: {@link io.wharf.protocol.rest.RestRouter} picks the operation by method and URI
 * template ({@link io.wharf.protocol.rest.UriTemplate}) from the model's {@code http} traits;
 * {@link io.wharf.protocol.rest.RestBindings} reads URI labels, query parameters and headers into the parameter tree and
 * writes header values back; {@link io.wharf.protocol.rest.Timestamps} the formats they use.
 */
package io.wharf.protocol.rest;
