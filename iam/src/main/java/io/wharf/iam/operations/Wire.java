package io.wharf.iam.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.iam.IamErrors;
import io.wharf.iam.engine.Group;
import io.wharf.iam.engine.ManagedPolicy;
import io.wharf.iam.engine.Page;
import io.wharf.iam.engine.Role;
import io.wharf.iam.engine.Tag;
import io.wharf.iam.engine.User;
import io.wharf.protocol.Input;
import io.wharf.protocol.RequestContext;
import io.wharf.protocol.auth.Principal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The output shapes IAM's actions share (User, Group, Role, Policy, tag lists, pages) and the caller's account. Times
 * go into the tree as epoch milliseconds, which the XML encoder writes as ISO 8601; policy documents go out
 * URL-encoded, as IAM sends them.
 */
final class Wire {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Wire() {
    }

    static ObjectNode empty() {
        return NODES.objectNode();
    }

    /** The account a call acts in: the caller's. */
    static String account(RequestContext ctx) {
        String account = ctx.principal().accountId();
        return account != null ? account : ctx.accountId();
    }

    /**
     * The user a call without UserName means: the calling user, or null for the account's root user.
     *
     * @throws io.wharf.protocol.AwsException ValidationError for role sessions and other non-user callers
     */
    static String callerUserName(RequestContext ctx, String userName) {
        if (userName != null) {
            return userName;
        }
        Principal caller = ctx.principal();
        return switch (caller.type()) {
            case ROOT -> null;
            case USER -> caller.name();
            default -> throw IamErrors.validation("Must specify userName when calling with non-User credentials");
        };
    }

    static List<Tag> tags(Input input) {
        List<Tag> tags = new ArrayList<>();
        input.structs("Tags").forEach(t -> tags.add(new Tag(t.string("Key"), t.string("Value"))));
        return tags;
    }

    static void tags(ObjectNode out, List<Tag> tags) {
        ArrayNode list = out.putArray("Tags");
        tags.forEach(t -> list.addObject().put("Key", t.key()).put("Value", t.value()));
    }

    static ObjectNode user(ObjectNode out, User u) {
        out.put("Path", u.path()).put("UserName", u.name()).put("UserId", u.id()).put("Arn", u.arn())
                .put("CreateDate", u.created().toEpochMilli());
        return out;
    }

    static ObjectNode userWithTags(ObjectNode out, User u) {
        user(out, u);
        if (!u.tags().isEmpty()) {
            tags(out, u.tags());
        }
        return out;
    }

    static ObjectNode group(ObjectNode out, Group g) {
        return out.put("Path", g.path()).put("GroupName", g.name()).put("GroupId", g.id()).put("Arn", g.arn())
                .put("CreateDate", g.created().toEpochMilli());
    }

    /** How much of a role an answer shows: CreateRole the least, GetRole the most. */
    enum RoleDetail { CREATED, LISTED, FULL }

    static ObjectNode role(ObjectNode out, Role r, RoleDetail detail) {
        out.put("Path", r.path()).put("RoleName", r.name()).put("RoleId", r.id()).put("Arn", r.arn())
                .put("CreateDate", r.created().toEpochMilli())
                .put("AssumeRolePolicyDocument", urlEncoded(r.trustPolicy()));
        if (r.description() != null) {
            out.put("Description", r.description());
        }
        if (detail != RoleDetail.CREATED) {
            out.put("MaxSessionDuration", r.maxSessionDurationSeconds());
        }
        if (detail != RoleDetail.LISTED && !r.tags().isEmpty()) {
            tags(out, r.tags());
        }
        if (detail == RoleDetail.FULL) {
            out.putObject("RoleLastUsed");
        }
        return out;
    }

    /** A managed policy; {@code full} (GetPolicy, CreatePolicy) adds Description and Tags, which lists leave out. */
    static ObjectNode policy(ObjectNode out, ManagedPolicy p, boolean full) {
        out.put("PolicyName", p.name()).put("PolicyId", p.id()).put("Arn", p.arn()).put("Path", p.path())
                .put("DefaultVersionId", p.defaultVersionId()).put("AttachmentCount", p.attachmentCount())
                .put("PermissionsBoundaryUsageCount", 0).put("IsAttachable", true);
        if (full && p.description() != null) {
            out.put("Description", p.description());
        }
        out.put("CreateDate", p.created().toEpochMilli()).put("UpdateDate", p.updated().toEpochMilli());
        if (full && !p.tags().isEmpty()) {
            tags(out, p.tags());
        }
        return out;
    }

    /** Puts a page's items under {@code member} (an empty list when none) with IsTruncated and Marker. */
    static <T> ObjectNode page(ObjectNode out, String member, Page<T> page, BiConsumer<ArrayNode, T> item) {
        ArrayNode list = out.putArray(member);
        page.items().forEach(t -> item.accept(list, t));
        out.put("IsTruncated", page.truncated());
        if (page.truncated()) {
            out.put("Marker", page.marker());
        }
        return out;
    }

    /** A policy document as IAM returns it: URL-encoded (RFC 3986, spaces as %20). */
    static String urlEncoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
