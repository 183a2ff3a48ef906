package dev.licensereconciler.job;

import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Reclaim;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates job files. Every mistake an admin can make in a job file ends in one
 * message naming the file, the key and the allowed values, so a scheduler never starts with a
 * job it would later fail on.
 */
public final class JobFileLoader {

    private static final Set<String> TOP_KEYS = Set.of("name", "type", "schedule", "input", "requests", "catalog",
            "servicePlanRules", "output", "batchSize", "policies", "mail");
    private static final String BUILTIN = "builtin";

    private final Path baseDir;

    /** @param baseDir the folder relative paths in job files are resolved against */
    public JobFileLoader(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    public JobDefinition load(Path file) {
        Map<String, Object> yaml = parse(file);
        Values v = new Values(file, yaml);
        for (String key : yaml.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new InvalidJobFileException(file, "unknown key '" + key + "'. Known keys: "
                        + String.join(", ", TOP_KEYS.stream().sorted().toList()) + ".");
            }
        }
        String name = v.string("name", fileBaseName(file));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new InvalidJobFileException(file, "name '" + name
                    + "' must be 1 to 100 letters, digits, '.', '_' or '-' (it names the output folder).");
        }
        String typeText = v.string("type", JobType.RECONCILE.yamlName());
        JobType type = JobType.parse(typeText);
        if (type == null) {
            throw new InvalidJobFileException(file, "type '" + typeText + "' is not known: use reconcile or bulk-import.");
        }
        Schedule schedule = schedule(file, v.map("schedule"));
        String inputText = v.string("input", null);
        if (inputText == null || inputText.isBlank()) {
            throw new InvalidJobFileException(file, "key 'input' is missing: name the folder with the tenant's CSV exports.");
        }
        String requests = v.string("requests", type == JobType.BULK_IMPORT ? "requests.csv" : null);
        int batchSize = v.integer("batchSize", Policies.MAX_BATCH_SIZE);
        if (batchSize < 1 || batchSize > Policies.MAX_BATCH_SIZE) {
            throw new InvalidJobFileException(file, "batchSize " + batchSize
                    + " is out of range: the admin center and Microsoft Graph take 1 to 20 users per action.");
        }
        Values p = new Values(file, v.map("policies"), "policies.");
        Policies policies;
        try {
            policies = new Policies(
                    p.allowDeny("guests", false),
                    p.allowDeny("blockedAccounts", false),
                    p.string("defaultUsageLocation", ""),
                    reclaim(file, p.string("reclaim", "none")),
                    p.integer("maxUnassign", 500),
                    batchSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobFileException(file, e.getMessage());
        }
        String usage = policies.defaultUsageLocation();
        if (!usage.isEmpty() && !usage.matches("[A-Za-z]{2}")) {
            throw new InvalidJobFileException(file, "policies.defaultUsageLocation '" + usage
                    + "' must be a two-letter country code such as NL, or empty.");
        }
        Values m = new Values(file, v.map("mail"), "mail.");
        MailSettings mail = new MailSettings(m.bool("enabled", false), m.string("from", ""),
                m.stringList("fallbackRecipients"));
        if (mail.enabled() && mail.from().isEmpty()) {
            throw new InvalidJobFileException(file, "mail.from is missing: name the address shortfall mails are sent from.");
        }
        return new JobDefinition(name, type, schedule, resolve(inputText), requests,
                reference(v.string("catalog", BUILTIN)), reference(v.string("servicePlanRules", BUILTIN)),
                resolve(v.string("output", "out")), policies, mail, file.toAbsolutePath().normalize());
    }

    /** Loads every *.yml / *.yaml file of a folder, sorted by file name. */
    public List<JobDefinition> loadAll(Path jobsDir) {
        if (!Files.isDirectory(jobsDir)) {
            throw new InvalidJobFileException("Job folder " + jobsDir.toAbsolutePath()
                    + " does not exist. Run from the project folder or pass --jobs DIR.");
        }
        List<JobDefinition> jobs = new ArrayList<>();
        try (var files = Files.list(jobsDir)) {
            for (Path f : files.filter(JobFileLoader::isJobFile).sorted().toList()) {
                jobs.add(load(f));
            }
        } catch (IOException e) {
            throw new InvalidJobFileException("Cannot list job folder " + jobsDir + ": " + e.getMessage());
        }
        for (int i = 0; i < jobs.size(); i++) {
            for (int j = i + 1; j < jobs.size(); j++) {
                if (jobs.get(i).name().equalsIgnoreCase(jobs.get(j).name())) {
                    throw new InvalidJobFileException(jobs.get(j).source(), "name '" + jobs.get(j).name()
                            + "' is already used by " + jobs.get(i).source().getFileName() + "; job names must be unique.");
                }
            }
        }
        return jobs;
    }

    public static boolean isJobFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(f) && (n.endsWith(".yml") || n.endsWith(".yaml"));
    }

    private Map<String, Object> parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidJobFileException(file, "no such job file.");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (doc == null) {
                throw new InvalidJobFileException(file, "the file is empty; see jobs/nightly-reconciliation.yml for an example.");
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new InvalidJobFileException(file, "a job file must be a YAML mapping of keys such as name, type, input.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return m;
        } catch (MarkedYAMLException e) {
            throw new InvalidJobFileException(file, "line " + (e.getProblemMark().getLine() + 1) + ": "
                    + e.getProblem() + ". Check the indentation and quoting there.");
        } catch (YAMLException | IOException e) {
            throw new InvalidJobFileException(file, "cannot be read: " + e.getMessage());
        }
    }

    private Schedule schedule(Path file, Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return null;
        }
        Values s = new Values(file, map, "schedule.");
        String cron = s.string("cron", null);
        if (cron == null || cron.isBlank()) {
            return null;
        }
        if (!CronExpression.isValidExpression(cron)) {
            String why;
            try {
                new CronExpression(cron);
                why = "";
            } catch (java.text.ParseException e) {
                why = " (" + e.getMessage() + ")";
            }
            throw new InvalidJobFileException(file, "schedule.cron '" + cron + "' is not a valid Quartz cron expression"
                    + why + ". It has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], "
                    + "e.g. \"0 0 2 * * ?\" for 02:00 every day.");
        }
        String zone = s.string("timeZone", "UTC");
        try {
            return new Schedule(cron.trim(), ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new InvalidJobFileException(file, "schedule.timeZone '" + zone
                    + "' is not a time zone; use a region id such as Europe/Amsterdam or UTC.");
        }
    }

    private static Reclaim reclaim(Path file, String value) {
        try {
            return Reclaim.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobFileException(file, "policies.reclaim '" + value
                    + "' is not known: use none, blocked, not-entitled or all.");
        }
    }

    private Path reference(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase(BUILTIN) ? null : resolve(value);
    }

    private Path resolve(String value) {
        Path p = Path.of(value.trim());
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }

    private static String fileBaseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Typed access to one YAML mapping, with messages that name the key. */
    private static final class Values {
        private final Path file;
        private final Map<String, Object> map;
        private final String prefix;

        Values(Path file, Map<String, Object> map) {
            this(file, map, "");
        }

        Values(Path file, Map<String, Object> map, String prefix) {
            this.file = file;
            this.map = map == null ? Map.of() : map;
            this.prefix = prefix;
        }

        String string(String key, String dflt) {
            Object o = map.get(key);
            if (o == null) {
                return dflt;
            }
            if (o instanceof Map || o instanceof Collection) {
                throw new InvalidJobFileException(file, prefix + key + " must be a single value.");
            }
            return o.toString().trim();
        }

        int integer(String key, int dflt) {
            Object o = map.get(key);
            if (o == null) {
                return dflt;
            }
            try {
                return Integer.parseInt(o.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidJobFileException(file, prefix + key + " '" + o + "' must be a whole number.");
            }
        }

        boolean bool(String key, boolean dflt) {
            Object o = map.get(key);
            if (o == null) {
                return dflt;
            }
            if (o instanceof Boolean b) {
                return b;
            }
            throw new InvalidJobFileException(file, prefix + key + " '" + o + "' must be true or false.");
        }

        boolean allowDeny(String key, boolean dflt) {
            String s = string(key, null);
            if (s == null || s.isEmpty()) {
                return dflt;
            }
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "allow", "true" -> true;
                case "deny", "false" -> false;
                default -> throw new InvalidJobFileException(file, prefix + key + " '" + s + "' must be allow or deny.");
            };
        }

        List<String> stringList(String key) {
            Object o = map.get(key);
            if (o == null) {
                return List.of();
            }
            if (o instanceof Collection<?> c) {
                return c.stream().map(x -> String.valueOf(x).trim()).filter(x -> !x.isEmpty()).toList();
            }
            return List.of(o.toString().split("[;,]")).stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            Object o = map.get(key);
            if (o == null) {
                return null;
            }
            if (!(o instanceof Map)) {
                throw new InvalidJobFileException(file, prefix + key + " must be a mapping of keys (indented below it).");
            }
            return (Map<String, Object>) o;
        }
    }
}
