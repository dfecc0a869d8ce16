package io.wharf.protocol.model;

import java.util.List;

/**
 * One operation of a service model.
 *
 * @param name          the operation name ({@code SendMessage})
 * @param input         the input structure, or null when the operation takes none
 * @param output        the output structure, or null when the operation returns nothing
 * @param resultWrapper the Query/XML result element name ({@code SendMessageResult}), or null
 * @param errors        the names of the exception shapes the operation declares
 * @param http          the REST binding (method, URI template, success status); null when the model gives none
 * @param deprecated    the model marks the operation deprecated (S3's PutBucketNotification: a REST request that fits
 *                      it and its successor goes to the successor)
 */
public record OperationModel(String name, Shape input, Shape output, String resultWrapper, List<String> errors,
                             HttpTrait http, boolean deprecated) {

    /** An operation without a REST binding. */
    public OperationModel(String name, Shape input, Shape output, String resultWrapper, List<String> errors) {
        this(name, input, output, resultWrapper, errors, null, false);
    }
}
