/** The audit log: one JSON line per API call, with CloudTrail's field names, to a size-rotated file or stdout. */
package io.wharf.server.audit;
