package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.TenantSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder group-memberships/ of a tenant: one CSV of members per group, as Entra's "Download
 * members" writes it (columns Object ID, User principal name, Display name, Member type; the
 * download asks for a file name, which names the group here). Each file is read like
 * group-memberships.csv, in file-name order, so that a run does not depend on the order the file
 * system lists them in.
 */
final class GroupMemberFiles {

    private static final String CSV = ".csv";

    /**
     * A name such as "exportGroupMembers_2026-12-01T10_00_00.csv" or "exportUsers_2026-12-01.csv":
     * what Entra proposes, which says nothing about the group.
     */
    private static final Pattern GENERATED_NAME = Pattern.compile(
            "(?i)export(group)?members?([ _-].*)?|export\\w*_\\d{4}-\\d{2}-\\d{2}.*");

    private GroupMemberFiles() {
    }

    static void read(Path folder, TenantSnapshot.Builder builder, List<Problem> problems) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(CSV))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        String prefix = folder.getFileName() + "/";
        for (Path p : files) {
            String fileName = p.getFileName().toString();
            String group = fileName.substring(0, fileName.length() - CSV.length()).strip();
            try (CsvFile f = CsvFile.open(prefix + fileName, () -> Files.newInputStream(p))) {
                boolean named = !group.isEmpty() && !GENERATED_NAME.matcher(group).matches();
                if (!f.has(GroupMembershipsReader.GROUP) && !f.has(GroupMembershipsReader.GROUP_ID)) {
                    check(f, named);
                }
                GroupMembershipsReader.read(f, named ? group : null, builder, problems);
            }
        }
    }

    /**
     * A file that names its group only by its file name must name one a rule can name. (Its length
     * needs no check of its own: the file's name with its folder is held to InputLimit.FILE_NAME, which
     * leaves fewer characters than InputLimit.GROUP_NAME allows.)
     */
    private static void check(CsvFile f, boolean named) {
        if (!named) {
            throw new InputFileException(f.name(), 0, "the file has no group column, and its name does not "
                    + "name a group (Entra proposes names like exportGroupMembers_<date>.csv). Rename the file to "
                    + "the group's name or object id, as the license rules name it (e.g. LIC-M365-E3.csv), or add a "
                    + "column 'group'.");
        }
    }
}
