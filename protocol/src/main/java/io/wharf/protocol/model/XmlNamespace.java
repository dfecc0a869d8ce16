package io.wharf.protocol.model;

/**
 * An {@code xmlNamespace} trait: the namespace a REST-XML element declares ({@code xmlns="uri"}, or
 * {@code xmlns:prefix="uri"} when a prefix is given, as S3's {@code Grantee} does for {@code xsi}).
 *
 * @param prefix the prefix, or null for the default namespace
 * @param uri    the namespace URI
 */
public record XmlNamespace(String prefix, String uri) {
}
