package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.TenantSnapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads group-memberships.csv: direct members of groups. Needs users.csv read first, since
 * members resolve by UPN or object id. Groups may be named, identified by object id, or both,
 * in which case the id becomes an alias so rules can name the group either way.
 */
public final class GroupMembershipsReader {

    static final Column GROUP = Column.of("group", "groupName", "groupDisplayName", "Group name",
            "Group display name");
    static final Column GROUP_ID = Column.of("groupId", "groupObjectId", "Group object id");
    /** Entra's bulk-import template names the column "Member object ID or user principal name [memberObjectIdOrUpn]". */
    static final Column MEMBER = Column.of("member", "memberUpn", "userPrincipalName", "upn",
            "memberUserPrincipalName", "Member name", "memberObjectIdOrUpn", "Member object ID or user principal name");
    static final Column MEMBER_ID = Column.of("memberId", "memberObjectId", "Member object id", "objectId");
    static final Column MEMBER_TYPE = Column.of("memberType", "objectType", "type", "@odata.type");

    private static final String REMEDY = "Export the members of the licensed groups (Entra > Groups > "
            + "Members > Download) with the group's name in column 'group' and the member's UPN in column "
            + "'member'.";

    private GroupMembershipsReader() {
    }

    public static void read(CsvFile file, TenantSnapshot.Builder builder, List<Problem> problems) {
        read(file, null, builder, problems);
    }

    /**
     * Reads one file of members. {@code fileGroup} is the group a per-group file (Entra's member
     * download, group-memberships/&lt;group&gt;.csv) names by its file name: a row's group column, when
     * the file has one and the cell is filled, wins; null for group-memberships.csv, which needs the column.
     */
    static void read(CsvFile file, String fileGroup, TenantSnapshot.Builder builder, List<Problem> problems) {
        RowProblems rows = new RowProblems(file.name(), problems);
        int group = file.column(GROUP);
        int groupId = file.column(GROUP_ID);
        if (group < 0 && groupId < 0 && fileGroup == null) {
            file.require(GROUP, REMEDY);
        }
        int member = file.column(MEMBER);
        int memberId = file.column(MEMBER_ID);
        if (member < 0 && memberId < 0) {
            file.require(MEMBER, REMEDY);
        }
        int memberType = file.column(MEMBER_TYPE);
        Set<String> nestedReported = new HashSet<>();
        LastUser last = new LastUser(builder);
        for (CsvRecord r : file) {
            String name = r.get(group);
            String id = r.get(groupId);
            if (rows.tooLong(r, null, null, GROUP, name, InputLimit.GROUP_NAME)
                    || rows.tooLong(r, null, null, GROUP_ID, id, InputLimit.GROUP_NAME)) {
                continue;
            }
            if (!name.isEmpty()) {
                builder.aliasGroup(id, name);
            } else {
                name = id.isEmpty() && fileGroup != null ? fileGroup : id;
            }
            String who = r.get(member).isEmpty() ? r.get(memberId) : r.get(member);
            if (name.isEmpty()) {
                rows.missingValue(r.line(), GROUP);
                continue;
            }
            if (who.isEmpty()) {
                rows.missingValue(r.line(), MEMBER);
                continue;
            }
            String type = r.get(memberType).toLowerCase(Locale.ROOT);
            if (type.contains("group")) {
                if (nestedReported.add(name.toLowerCase(Locale.ROOT) + "\n" + who.toLowerCase(Locale.ROOT))) {
                    rows.report(r.line(), ErrorCode.NESTED_GROUP_NOT_SUPPORTED, "group " + Values.quote(who)
                            + " is a member of group '" + name + "'; nested groups are not expanded, so its "
                            + "members do not get the licenses of '" + name + "'.",
                            "Add the users of " + Values.quote(who) + " to '" + name + "' directly.");
                }
                continue;
            }
            if (!type.isEmpty() && !type.contains("user") && !type.equals("member") && !type.equals("guest")) {
                // Devices, contacts and service principals can be group members but never hold licenses.
                continue;
            }
            int user = last.index(who);
            if (user < 0 && !r.get(memberId).isEmpty()) {
                user = builder.userIndex(r.get(memberId));
            }
            if (user < 0) {
                rows.report(r.line(), ErrorCode.UNKNOWN_USER, "member " + Values.quote(who) + " of group '" + name
                        + "' is not in users.csv.", "Correct the member, or export users.csv and "
                        + "group-memberships.csv at the same time.");
                continue;
            }
            builder.addMembership(name, user);
        }
    }
}
