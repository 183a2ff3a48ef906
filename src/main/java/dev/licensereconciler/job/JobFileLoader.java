package dev.licensereconciler.job;

import dev.licensereconciler.domain.Policies;
import dev.licensereconciler.domain.Reclaim;
import org.quartz.CronExpression;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates job files. Every mistake an admin can make in a job file ends in one
 * message naming the file, the key and the allowed values, so a scheduler never starts with a
 * job it would later fail on.
 *
 * <p>Jackson binds the YAML to {@link JobFile}: a key it does not know, at any level, and a key
 * given twice in one mapping are refused with their line, instead of being ignored or silently
 * taking the last value.
 */
public final class JobFileLoader {

    /**
     * A job file is a few hundred bytes. The cap keeps a wrong file (a CSV export saved as .yml)
     * from costing seconds and memory at every command, with a message saying what is wrong.
     */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final String BUILTIN = "builtin";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectReader READER = MAPPER.readerFor(JobFile.class);

    private final Path baseDir;

    /** @param baseDir the folder relative paths in job files are resolved against */
    public JobFileLoader(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    public JobDefinition load(Path file) {
        JobFile f = parse(file);
        String name = text(f.name(), fileBaseName(file));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new InvalidJobFileException(file, "name '" + name
                    + "' must be 1 to 100 letters, digits, '.', '_' or '-' (it names the output folder).");
        }
        String typeText = text(f.type(), JobType.RECONCILE.yamlName());
        JobType type = JobType.parse(typeText);
        if (type == null) {
            throw new InvalidJobFileException(file, "type '" + typeText + "' is not known: use reconcile or bulk-import.");
        }
        Schedule schedule = schedule(file, f.schedule());
        String inputText = text(f.input(), null);
        if (inputText == null || inputText.isBlank()) {
            throw new InvalidJobFileException(file, "key 'input' is missing: name the folder with the tenant's CSV exports.");
        }
        String requests = text(f.requests(), type == JobType.BULK_IMPORT ? "requests.csv" : null);
        int batchSize = integer(file, "batchSize", f.batchSize(), Policies.MAX_BATCH_SIZE);
        if (batchSize < 1 || batchSize > Policies.MAX_BATCH_SIZE) {
            throw new InvalidJobFileException(file, "batchSize " + batchSize
                    + " is out of range: the admin center and Microsoft Graph take 1 to 20 users per action.");
        }
        Policies policies = policies(file, f.policies(), batchSize);
        MailSettings mail = mail(file, f.mail());
        ApplySettings apply = apply(file, f.apply(), f.maxPlanAge());
        HistorySettings history = history(file, f.history());
        return new JobDefinition(name, type, schedule, resolve(inputText), requests,
                reference(text(f.catalog(), BUILTIN)), reference(text(f.servicePlanRules(), BUILTIN)),
                resolve(text(f.output(), "out")), policies, mail, file.toAbsolutePath().normalize(), apply, history);
    }

    /**
     * Every *.yml / *.yaml file of a folder, sorted by file name: the valid jobs and, apart, the
     * files that cannot be used, so one broken file does not stop the others.
     */
    public JobFolder scan(Path jobsDir) {
        if (!Files.isDirectory(jobsDir)) {
            throw new InvalidJobFileException("Job folder " + jobsDir.toAbsolutePath()
                    + " does not exist. Run from the project folder or pass --jobs DIR.");
        }
        List<Path> files;
        try (var list = Files.list(jobsDir)) {
            files = list.filter(JobFileLoader::isJobFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidJobFileException("Cannot list job folder " + jobsDir + ": " + e.getMessage());
        }
        List<JobDefinition> jobs = new ArrayList<>();
        List<InvalidJobFileException> problems = new ArrayList<>();
        for (Path file : files) {
            JobDefinition job;
            try {
                job = load(file);
            } catch (InvalidJobFileException e) {
                problems.add(e);
                continue;
            }
            JobDefinition same = jobs.stream().filter(j -> j.name().equalsIgnoreCase(job.name())).findFirst().orElse(null);
            if (same != null) {
                problems.add(new InvalidJobFileException(job.source(), "name '" + job.name()
                        + "' is already used by " + same.source().getFileName() + "; job names must be unique."));
            } else {
                jobs.add(job);
            }
        }
        return new JobFolder(jobs, problems);
    }

    /** Every job of a folder, or the first problem when any file cannot be used. */
    public List<JobDefinition> loadAll(Path jobsDir) {
        JobFolder folder = scan(jobsDir);
        if (!folder.problems().isEmpty()) {
            throw folder.problems().get(0);
        }
        return folder.jobs();
    }

    public static boolean isJobFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(f) && (n.endsWith(".yml") || n.endsWith(".yaml"));
    }

    private JobFile parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidJobFileException(file, "no such job file.");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Never more than the cap into memory, whatever the file's size.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidJobFileException(file, "cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidJobFileException(file, "is " + sizeText(file) + "; a job file is at most 1 MB ("
                    + MAX_BYTES + " bytes), and a real one a few hundred bytes. Check that this is a job file; "
                    + "keep other files out of the jobs folder.");
        }
        try {
            JobFile job = READER.readValue(bytes);
            if (job == null) {
                throw empty(file);
            }
            return job;
        } catch (UnrecognizedPropertyException e) {
            String key = key(e.getPath(), null);
            String section = key(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)), null);
            String known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            int line = lineOf(bytes, e.getPath());
            throw new InvalidJobFileException(file, (line > 0 ? "line " + line + ": " : line(e)) + "unknown key '" + key + "'. Known keys"
                    + (section.isEmpty() ? "" : " in " + section) + ": " + known + ".");
        } catch (MismatchedInputException e) {
            throw mismatch(file, e);
        } catch (JacksonException e) {
            throw syntax(file, e);
        }
    }

    private static InvalidJobFileException mismatch(Path file, MismatchedInputException e) {
        String key = key(e.getPath(), null);
        if (key.isEmpty()) {
            if (e.getOriginalMessage().startsWith("No content")) {
                return empty(file);
            }
            if (e.getOriginalMessage().startsWith("Trailing token")) {
                return new InvalidJobFileException(file, line(e) + "a second YAML document starts here (after a line "
                        + "'---'); a job file holds one job: remove it, or put it in a file of its own.");
            }
            return new InvalidJobFileException(file, "a job file must be a YAML mapping of keys such as name, type, input.");
        }
        Class<?> target = e.getTargetType();
        if (target != null && JobFile.Section.class.isAssignableFrom(target)) {
            return new InvalidJobFileException(file, line(e) + key + " must be a mapping of keys (indented below it).");
        }
        return new InvalidJobFileException(file, line(e) + key + " must be a single value.");
    }

    private static InvalidJobFileException syntax(Path file, JacksonException e) {
        String problem = e.getOriginalMessage();
        Matcher duplicate = QUOTED.matcher(problem);
        if (problem.startsWith("Duplicate") && duplicate.find()) {
            return new InvalidJobFileException(file, line(e) + "key '" + key(e.getPath(), duplicate.group(1))
                    + "' is given twice; keep one of the two.");
        }
        int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        if (e.getCause() instanceof MarkedYamlEngineException yaml) {
            problem = yaml.getProblem();
            line = yaml.getProblemMark().map(m -> m.getLine() + 1).orElse(line);
        }
        if (line < 1) {
            return new InvalidJobFileException(file, "cannot be read: " + problem);
        }
        return new InvalidJobFileException(file, "line " + line + ": " + problem + ". Check the indentation and quoting there.");
    }

    private static InvalidJobFileException empty(Path file) {
        return new InvalidJobFileException(file, "the file is empty; see jobs/nightly-reconciliation.yml for an example.");
    }

    /**
     * "line N: " where Jackson knows it: the line of the token at fault, not of the parser's
     * read-ahead (which may be the next line).
     */
    private static String line(JacksonException e) {
        TokenStreamLocation at = e.processor() instanceof JsonParser parser ? parser.currentTokenLocation() : null;
        if (at == null || at.getLineNr() < 1) {
            at = e.getLocation();
        }
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ": ";
    }

    /**
     * The line of a key, found by walking the file's tokens. Jackson binds a record's keys before
     * it reports an unknown one, so its own location is the end of the mapping, not the key.
     */
    private static int lineOf(byte[] yaml, List<JacksonException.Reference> path) {
        List<String> names = path.stream().map(JacksonException.Reference::getPropertyName).toList();
        if (names.isEmpty() || names.contains(null)) {
            return -1;
        }
        try (JsonParser p = MAPPER.createParser(yaml)) {
            int depth = 0;
            int matched = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                    matched = Math.min(matched, depth);
                } else if (t == JsonToken.PROPERTY_NAME && depth == matched + 1 && names.get(matched).equals(p.currentName())) {
                    matched++;
                    if (matched == names.size()) {
                        return p.currentTokenLocation().getLineNr();
                    }
                }
            }
        } catch (JacksonException e) {
            return -1;
        }
        return -1;
    }

    /** The dotted key of a place in the file, as the admin writes it: policies.maxUnassign. */
    private static String key(List<JacksonException.Reference> path, String last) {
        List<String> names = new ArrayList<>();
        for (JacksonException.Reference r : path) {
            if (r.getPropertyName() != null) {
                names.add(r.getPropertyName());
            }
        }
        if (last != null) {
            names.add(last);
        }
        return String.join(".", names);
    }

    private static String sizeText(Path file) {
        try {
            return String.format(Locale.ROOT, "%.1f MB (%d bytes)", Files.size(file) / 1_048_576.0, Files.size(file));
        } catch (IOException e) {
            return "over 1 MB";
        }
    }

    private static ApplySettings apply(Path file, String mode, String maxPlanAge) {
        String modeText = text(mode, ApplySettings.Mode.NEVER.yamlName()).trim();
        ApplySettings.Mode applyMode = Arrays.stream(ApplySettings.Mode.values())
                .filter(m -> m.yamlName().equalsIgnoreCase(modeText)).findFirst()
                .orElseThrow(() -> new InvalidJobFileException(file, "apply '" + modeText
                        + "' is not known: use never (the admin carries actions.csv out) or after-run (every run "
                        + "that publishes is carried out through Microsoft Graph)."));
        String ageText = text(maxPlanAge, null);
        Duration age = ageText == null || ageText.isBlank() ? ApplySettings.DEFAULT_MAX_PLAN_AGE : duration(file, ageText.trim());
        return new ApplySettings(applyMode, age);
    }

    /** "90m", "24h", "2d" or ISO-8601 ("PT36H"): how old a plan may be when it is applied. */
    private static Duration duration(Path file, String text) {
        Duration d = null;
        try {
            if (text.matches("\\d{1,6}[mhd]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                d = switch (text.charAt(text.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else if (text.regionMatches(true, 0, "P", 0, 1)) {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeException | ArithmeticException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidJobFileException(file, "maxPlanAge '" + text
                    + "' is not a duration: write minutes, hours or days such as 90m, 24h or 2d (or ISO-8601, PT36H).");
        }
        return d;
    }

    private static Schedule schedule(Path file, JobFile.Section.Schedule s) {
        if (s == null) {
            return null;
        }
        String cron = text(s.cron(), null);
        if (cron == null || cron.isBlank()) {
            return null;
        }
        if (!CronExpression.isValidExpression(cron)) {
            String why;
            try {
                new CronExpression(cron);
                why = "";
            } catch (ParseException e) {
                why = " (" + e.getMessage() + ")";
            }
            throw new InvalidJobFileException(file, "schedule.cron '" + cron + "' is not a valid Quartz cron expression"
                    + why + ". It has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], "
                    + "e.g. \"0 0 2 * * ?\" for 02:00 every day.");
        }
        String zone = text(s.timeZone(), "UTC");
        try {
            return new Schedule(cron, ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new InvalidJobFileException(file, "schedule.timeZone '" + zone
                    + "' is not a time zone; use a region id such as Europe/Amsterdam or UTC.");
        }
    }

    private static Policies policies(Path file, JobFile.Section.Policies p, int batchSize) {
        JobFile.Section.Policies given = p != null ? p : new JobFile.Section.Policies(null, null, null, null, null, null,
                null);
        Policies policies;
        try {
            policies = new Policies(
                    allowDeny(file, "policies.guests", given.guests(), false),
                    allowDeny(file, "policies.blockedAccounts", given.blockedAccounts(), false),
                    text(given.defaultUsageLocation(), ""),
                    reclaim(file, text(given.reclaim(), "none")),
                    integer(file, "policies.maxUnassign", given.maxUnassign(), 500),
                    batchSize,
                    within(file, "policies.inactiveDays", given.inactiveDays(), Policies.DEFAULT_INACTIVE_DAYS, 1,
                            Policies.MAX_INACTIVE_DAYS),
                    within(file, "policies.noticeRuns", given.noticeRuns(), Policies.DEFAULT_NOTICE_RUNS, 0,
                            Policies.MAX_NOTICE_RUNS));
        } catch (IllegalArgumentException e) {
            throw new InvalidJobFileException(file, e.getMessage());
        }
        String usage = policies.defaultUsageLocation();
        if (!usage.isEmpty() && !usage.matches("[A-Za-z]{2}")) {
            throw new InvalidJobFileException(file, "policies.defaultUsageLocation '" + usage
                    + "' must be a two-letter country code such as NL, or empty.");
        }
        return policies;
    }

    /** A notice longer than a year would mail the surplus of an annual subscription all year round. */
    private static final int MAX_SURPLUS_NOTICE_DAYS = 366;

    private static MailSettings mail(Path file, JobFile.Section.Mail m) {
        if (m == null) {
            return MailSettings.disabled();
        }
        int noticeDays = integer(file, "mail.surplusNoticeDays", m.surplusNoticeDays(),
                MailSettings.DEFAULT_SURPLUS_NOTICE_DAYS);
        if (noticeDays < 0 || noticeDays > MAX_SURPLUS_NOTICE_DAYS) {
            throw new InvalidJobFileException(file, "mail.surplusNoticeDays " + noticeDays + " must be from 0 (never "
                    + "mail surplus seats) to " + MAX_SURPLUS_NOTICE_DAYS + " days before a renewal.");
        }
        MailSettings mail = new MailSettings(bool(file, "mail.enabled", m.enabled(), false), text(m.from(), ""),
                recipients(file, m.fallbackRecipients()), noticeDays);
        if (mail.enabled() && mail.from().isEmpty()) {
            throw new InvalidJobFileException(file, "mail.from is missing: name the address shortfall mails are sent from.");
        }
        return mail;
    }

    private static HistorySettings history(Path file, JobFile.Section.History h) {
        if (h == null) {
            return HistorySettings.defaults();
        }
        int keepRuns = integer(file, "history.keepRuns", h.keepRuns(), HistorySettings.DEFAULT_KEEP_RUNS);
        if (keepRuns < 0 || keepRuns > HistorySettings.MAX_KEEP_RUNS) {
            throw new InvalidJobFileException(file, "history.keepRuns " + keepRuns + " is out of range: give the number "
                    + "of newest runs to keep (such as 60), at most " + HistorySettings.MAX_KEEP_RUNS + ", or 0 for no limit by count.");
        }
        int keepDays = integer(file, "history.keepDays", h.keepDays(), HistorySettings.DEFAULT_KEEP_DAYS);
        if (keepDays < 0 || keepDays > HistorySettings.MAX_KEEP_DAYS) {
            throw new InvalidJobFileException(file, "history.keepDays " + keepDays + " is out of range: give the days a run "
                    + "is kept (such as 90), at most " + HistorySettings.MAX_KEEP_DAYS + ", or 0 for no limit by age.");
        }
        String folders = text(h.folders(), "delete").toLowerCase(Locale.ROOT);
        if (!folders.equals("delete") && !folders.equals("keep")) {
            throw new InvalidJobFileException(file, "history.folders '" + text(h.folders(), "") + "' is not known: use delete "
                    + "(a purged run's folder goes with its rows) or keep (only its rows are purged).");
        }
        return new HistorySettings(keepRuns, keepDays, folders.equals("delete"));
    }

    private static Reclaim reclaim(Path file, String value) {
        try {
            return Reclaim.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobFileException(file, "policies.reclaim '" + value
                    + "' is not known: use none, blocked, not-entitled, inactive, direct-duplicates or all.");
        }
    }

    private Path reference(String value) {
        return value == null || value.isBlank() || value.equalsIgnoreCase(BUILTIN) ? null : resolve(value);
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

    /** Trimmed; YAML's "~" is no value, as under YAML 1.1, which job files were first read with. */
    private static String text(String value, String dflt) {
        return value == null || value.trim().equals("~") ? dflt : value.trim();
    }

    private static int integer(Path file, String key, String given, int dflt) {
        String value = text(given, null);
        if (value == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidJobFileException(file, key + " '" + value + "' must be a whole number.");
        }
    }

    private static int within(Path file, String key, String given, int dflt, int min, int max) {
        int v = integer(file, key, given, dflt);
        if (v < min || v > max) {
            throw new InvalidJobFileException(file, key + " '" + v + "' must be from " + min + " to " + max + ".");
        }
        return v;
    }

    /** true/false, and YAML 1.1's yes/no/on/off, which job files written for it may use. */
    private static boolean bool(Path file, String key, String given, boolean dflt) {
        String value = text(given, null);
        if (value == null) {
            return dflt;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new InvalidJobFileException(file, key + " '" + value + "' must be true or false.");
        };
    }

    private static boolean allowDeny(Path file, String key, String value, boolean dflt) {
        String s = text(value, null);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "allow", "true", "yes", "on" -> true;
            case "deny", "false", "no", "off" -> false;
            default -> throw new InvalidJobFileException(file, key + " '" + s + "' must be allow or deny.");
        };
    }

    private static List<String> recipients(Path file, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Map) {
            throw new InvalidJobFileException(file,
                    "mail.fallbackRecipients must be a list of addresses, e.g. [it-purchasing@contoso.example].");
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(x -> String.valueOf(x).trim()).filter(x -> !x.isEmpty()).toList();
        }
        return List.of(value.toString().split("[;,]")).stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
