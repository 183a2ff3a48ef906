package dev.licensereconciler.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test tenants: copies of the worked example and job files pointing at them. */
public final class TenantFolders {

    private TenantFolders() {
    }

    public static Path example(String name) {
        try {
            return Path.of(TenantFolders.class.getResource("/examples/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A tenant of {@code users} users (user0@contoso.example …, in NL), all members of group Staff,
     * which the rules give ENTERPRISEPACK, with {@code purchases} as its purchases.csv, under
     * {@code dir/input}; and a job file {@code dir/NAME.yml} for it, mail off, writing to {@code dir/out}.
     */
    public static Path staffTenantJob(Path dir, String name, int users, String purchases) {
        Path input = dir.resolve("input");
        StringBuilder usersCsv = new StringBuilder("userPrincipalName,usageLocation\n");
        StringBuilder members = new StringBuilder("group,member\n");
        for (int i = 0; i < users; i++) {
            usersCsv.append("user").append(i).append("@contoso.example,NL\n");
            members.append("Staff,user").append(i).append("@contoso.example\n");
        }
        write(input.resolve("users.csv"), usersCsv.toString());
        write(input.resolve("group-memberships.csv"), members.toString());
        write(input.resolve("group-licenses.csv"), "group,sku\nStaff,ENTERPRISEPACK\n");
        write(input.resolve("purchases.csv"), purchases);
        Path job = dir.resolve(name + ".yml");
        write(job, """
                name: %s
                input: %s
                output: %s
                mail:
                  enabled: false
                """.formatted(name, input, dir.resolve("out")));
        return job;
    }

    /** Copies the worked example's input to {@code dir/input} and writes a job file for it. */
    public static Path exampleJob(Path dir, String jobName, String extraYaml) {
        Path input = dir.resolve("input");
        copyTree(example("basic").resolve("input"), input);
        Path job = dir.resolve(jobName + ".yml");
        write(job, """
                name: %s
                type: reconcile
                input: %s
                catalog: builtin
                servicePlanRules: %s
                output: %s
                batchSize: 20
                policies:
                  guests: deny
                  blockedAccounts: deny
                  defaultUsageLocation: ""
                  reclaim: none
                  maxUnassign: 500
                %s
                """.formatted(jobName, input, input.resolve("service-plan-rules.csv"), dir.resolve("out"), extraYaml));
        return job;
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first five columns of errors.csv: what the worked example compares. */
    public static String errorKeys(Path errorsCsv) {
        StringBuilder sb = new StringBuilder();
        try (var reader = new com.opencsv.CSVReaderBuilder(Files.newBufferedReader(errorsCsv, StandardCharsets.UTF_8))
                .withCSVParser(new com.opencsv.RFC4180ParserBuilder().build()).build()) {
            for (String[] cells : reader) {
                sb.append(String.join(",", java.util.Arrays.copyOf(cells, 5))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }
}
