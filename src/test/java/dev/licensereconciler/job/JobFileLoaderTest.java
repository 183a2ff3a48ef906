package dev.licensereconciler.job;

import dev.licensereconciler.domain.Reclaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Job files as admins write them: every key checked, at every level, with the file, line and key named. */
class JobFileLoaderTest {

    private static final String VALID = """
            name: nightly
            schedule:
              cron: "0 0 2 * * ?"
              timeZone: Europe/Amsterdam
            input: tenant
            policies:
              guests: deny
              maxUnassign: 300
            mail:
              enabled: true
              from: licensing@contoso.example
              fallbackRecipients: [it@contoso.example]
            """;

    @TempDir
    Path dir;

    private JobFileLoader loader() {
        return new JobFileLoader(dir);
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve("jobs").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private String problem(String text) throws IOException {
        Path f = write("job.yml", text);
        try {
            loader().load(f);
        } catch (InvalidJobFileException e) {
            assertThat(e.getMessage()).startsWith(f + ": ");
            assertThat(e.file()).isEqualTo(f);
            return e.getMessage().substring(f.toString().length() + 2);
        }
        throw new AssertionError("job file was accepted:\n" + text);
    }

    @Test
    void theSampleJobFilesLoadWithTheirSettings() {
        JobFileLoader loader = new JobFileLoader(Path.of(""));

        JobDefinition nightly = loader.load(Path.of("jobs/nightly-reconciliation.yml"));
        JobDefinition bulk = loader.load(Path.of("jobs/bulk-import.yml"));

        assertThat(nightly.name()).isEqualTo("nightly-reconciliation");
        assertThat(nightly.type()).isEqualTo(JobType.RECONCILE);
        assertThat(nightly.schedule()).isEqualTo(new Schedule("0 0 2 * * ?", ZoneId.of("Europe/Amsterdam")));
        assertThat(nightly.input()).isEqualTo(Path.of("sample-data/contoso").toAbsolutePath());
        assertThat(nightly.catalog()).isNull();
        assertThat(nightly.policies().defaultUsageLocation()).isEqualTo("NL");
        assertThat(nightly.policies().maxUnassign()).isEqualTo(500);
        assertThat(nightly.policies().batchSize()).isEqualTo(20);
        assertThat(nightly.mail()).isEqualTo(new MailSettings(true, "licensing@contoso.example",
                List.of("it-purchasing@contoso.example")));
        assertThat(bulk.type()).isEqualTo(JobType.BULK_IMPORT);
        assertThat(bulk.requestsFile()).isEqualTo(Path.of("sample-data/contoso/requests.csv").toAbsolutePath());
        assertThat(bulk.mail().enabled()).isFalse();
    }

    @Test
    void defaultsApplyToWhatAJobFileLeavesOutOrLeavesEmpty() throws IOException {
        JobDefinition job = loader().load(write("minimal.yml", "input: tenant\nname: ~\nbatchSize: ~\nmail:\n  enabled: ~\n"));

        assertThat(job.name()).isEqualTo("minimal");
        assertThat(job.schedule()).isNull();
        assertThat(job.output()).isEqualTo(dir.resolve("out"));
        assertThat(job.policies().allowGuests()).isFalse();
        assertThat(job.policies().reclaim()).isEqualTo(Reclaim.NONE);
        assertThat(job.policies().maxUnassign()).isEqualTo(500);
        assertThat(job.policies().batchSize()).isEqualTo(20);
        assertThat(job.mail()).isEqualTo(MailSettings.disabled());
    }

    @Test
    void inactivitySettingsDefaultToNinetyDaysAndOneNoticeRunAndRefuseWhatIsOutOfRange() throws IOException {
        JobDefinition plain = loader().load(write("plain.yml", "input: tenant\n"));
        assertThat(plain.policies().inactiveDays()).isEqualTo(90);
        assertThat(plain.policies().noticeRuns()).isEqualTo(1);

        JobDefinition set = loader().load(write("inactive.yml",
                "input: tenant\npolicies:\n  reclaim: inactive\n  inactiveDays: 60\n  noticeRuns: 0\n"));
        assertThat(set.policies().reclaim()).isEqualTo(Reclaim.INACTIVE);
        assertThat(set.policies().reclaim().reclaimsInactive()).isTrue();
        assertThat(set.policies().inactiveDays()).isEqualTo(60);
        assertThat(set.policies().noticeRuns()).isZero();
        assertThat(Reclaim.ALL.reclaimsInactive()).isTrue();
        assertThat(Reclaim.NOT_ENTITLED.reclaimsInactive()).isFalse();

        assertThat(problem("input: tenant\npolicies:\n  inactiveDays: 0\n"))
                .isEqualTo("policies.inactiveDays '0' must be from 1 to 3650.");
        assertThat(problem("input: tenant\npolicies:\n  noticeRuns: -1\n"))
                .isEqualTo("policies.noticeRuns '-1' must be from 0 to 100.");
        assertThat(problem("input: tenant\npolicies:\n  inactiveDays: soon\n"))
                .isEqualTo("policies.inactiveDays 'soon' must be a whole number.");
    }

    @Test
    void applySettingsDefaultToNeverAndADayAndReadTheirForms() throws IOException {
        assertThat(loader().load(write("plain.yml", "input: tenant\n")).apply()).isEqualTo(ApplySettings.defaults());
        assertThat(ApplySettings.defaults().maxPlanAge()).isEqualTo(Duration.ofHours(24));

        for (String[] form : new String[][]{{"90m", "PT1H30M"}, {"36h", "PT36H"}, {"2d", "PT48H"}, {"pt12h", "PT12H"}}) {
            JobDefinition job = loader().load(write("apply.yml", "input: tenant\napply: after-run\nmaxPlanAge: " + form[0] + "\n"));
            assertThat(job.apply().afterRun()).isTrue();
            assertThat(job.apply().maxPlanAge()).as(form[0]).isEqualTo(Duration.parse(form[1]));
        }
        assertThat(problem("input: tenant\nmaxPlanAge: 0h\n")).contains("maxPlanAge '0h' is not a duration");
        assertThat(problem("input: tenant\napply: always\n")).startsWith("apply 'always' is not known: use never");
    }

    @Test
    void historyDefaultsToSixtyRunsAndNinetyDaysAndReadsItsLimits() throws IOException {
        assertThat(loader().load(write("plain.yml", "input: tenant\n")).history())
                .isEqualTo(new HistorySettings(60, 90, true)).isEqualTo(HistorySettings.defaults());
        assertThat(loader().load(write("h.yml", "input: tenant\nhistory:\n  keepRuns: 5\n")).history())
                .isEqualTo(new HistorySettings(5, 90, true));
        assertThat(loader().load(write("h.yml", "input: tenant\nhistory:\n  keepRuns: 0\n  keepDays: 0\n  folders: Keep\n"))
                .history()).satisfies(h -> {
                    assertThat(h.keepsEverything()).isTrue();
                    assertThat(h.deleteFolders()).isFalse();
                });
        assertThat(problem("input: tenant\nhistory:\n  keepRuns: -1\n")).isEqualTo("history.keepRuns -1 is out of range: "
                + "give the number of newest runs to keep (such as 60), at most 1000000, or 0 for no limit by count.");
        assertThat(problem("input: tenant\nhistory:\n  keepDays: 100000\n")).isEqualTo("history.keepDays 100000 is out of "
                + "range: give the days a run is kept (such as 90), at most 36500, or 0 for no limit by age.");
        assertThat(problem("input: tenant\nhistory:\n  keepDays: 3 months\n"))
                .isEqualTo("history.keepDays '3 months' must be a whole number.");
        assertThat(problem("input: tenant\nhistory:\n  folders: archive\n")).isEqualTo("history.folders 'archive' is not "
                + "known: use delete (a purged run's folder goes with its rows) or keep (only its rows are purged).");
        assertThat(problem("input: tenant\nhistory: 5\n")).isEqualTo("line 2: history must be a mapping of keys (indented below it).");
    }

    @Test
    void anUnknownKeyIsRefusedInEverySectionWithItsLineAndTheKnownKeys() throws IOException {
        assertThat(problem(VALID.replace("  maxUnassign: 300", "  maxUnasign: 300")))
                .isEqualTo("line 8: unknown key 'policies.maxUnasign'. Known keys in policies: blockedAccounts, "
                        + "defaultUsageLocation, guests, inactiveDays, maxUnassign, noticeRuns, reclaim.");
        assertThat(problem(VALID.replace("  enabled: true", "  enable: true")))
                .isEqualTo("line 10: unknown key 'mail.enable'. Known keys in mail: enabled, fallbackRecipients, from, surplusNoticeDays.");
        assertThat(problem(VALID.replace("  timeZone:", "  timezone:")))
                .isEqualTo("line 4: unknown key 'schedule.timezone'. Known keys in schedule: cron, timeZone.");
        assertThat(problem(VALID + "outptu: out\n"))
                .isEqualTo("line 13: unknown key 'outptu'. Known keys: apply, batchSize, catalog, history, input, mail, maxPlanAge, "
                        + "name, output, policies, requests, schedule, servicePlanRules, type.");
        assertThat(problem(VALID + "history:\n  keepRun: 5\n"))
                .isEqualTo("line 14: unknown key 'history.keepRun'. Known keys in history: folders, keepDays, keepRuns.");
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithTheLineOfTheSecond() throws IOException {
        assertThat(problem(VALID.replace("  maxUnassign: 300", "  maxUnassign: 300\n  maxUnassign: 5")))
                .isEqualTo("line 9: key 'policies.maxUnassign' is given twice; keep one of the two.");
        assertThat(problem(VALID + "input: other\n"))
                .isEqualTo("line 13: key 'input' is given twice; keep one of the two.");
        assertThat(problem(VALID + "mail:\n  enabled: false\n"))
                .isEqualTo("line 13: key 'mail' is given twice; keep one of the two.");
    }

    @Test
    void valuesOfTheWrongShapeNameTheirKey() throws IOException {
        assertThat(problem("input: tenant\npolicies: deny\n"))
                .isEqualTo("line 2: policies must be a mapping of keys (indented below it).");
        assertThat(problem("input: [a, b]\n")).isEqualTo("line 1: input must be a single value.");
        assertThat(problem("input: tenant\nmail:\n  fallbackRecipients: {a: b}\n"))
                .isEqualTo("mail.fallbackRecipients must be a list of addresses, e.g. [it-purchasing@contoso.example].");
        assertThat(problem("- input: tenant\n"))
                .isEqualTo("a job file must be a YAML mapping of keys such as name, type, input.");
        assertThat(problem("input: tenant\n---\ninput: other\n")).isEqualTo("line 3: a second YAML document starts "
                + "here (after a line '---'); a job file holds one job: remove it, or put it in a file of its own.");
        assertThat(problem("")).isEqualTo("the file is empty; see jobs/nightly-reconciliation.yml for an example.");
        assertThat(problem("# only a comment\n")).isEqualTo("the file is empty; see jobs/nightly-reconciliation.yml for an example.");
    }

    @Test
    void badValuesKeepTheirMessages() throws IOException {
        assertThat(problem("input: tenant\nbatchSize: many\n")).isEqualTo("batchSize 'many' must be a whole number.");
        assertThat(problem("input: tenant\nbatchSize: 21\n"))
                .isEqualTo("batchSize 21 is out of range: the admin center and Microsoft Graph take 1 to 20 users per action.");
        assertThat(problem("input: tenant\npolicies:\n  guests: maybe\n")).isEqualTo("policies.guests 'maybe' must be allow or deny.");
        assertThat(problem("input: tenant\npolicies:\n  reclaim: some\n"))
                .isEqualTo("policies.reclaim 'some' is not known: use none, blocked, not-entitled, inactive, direct-duplicates or all.");
        assertThat(problem("input: tenant\npolicies:\n  defaultUsageLocation: NLD\n"))
                .isEqualTo("policies.defaultUsageLocation 'NLD' must be a two-letter country code such as NL, or empty.");
        assertThat(problem("input: tenant\nmail:\n  enabled: 1\n")).isEqualTo("mail.enabled '1' must be true or false.");
        assertThat(problem("input: tenant\nmail:\n  enabled: true\n"))
                .isEqualTo("mail.from is missing: name the address shortfall mails are sent from.");
        assertThat(problem("name: nightly\n")).isEqualTo("key 'input' is missing: name the folder with the tenant's CSV exports.");
        assertThat(problem("input: tenant\ntype: import\n")).isEqualTo("type 'import' is not known: use reconcile or bulk-import.");
        assertThat(problem("name: my job\ninput: tenant\n"))
                .isEqualTo("name 'my job' must be 1 to 100 letters, digits, '.', '_' or '-' (it names the output folder).");
        assertThat(problem("input: tenant\nschedule:\n  cron: \"0 0 2 * * ?\"\n  timeZone: Mars/Olympus\n"))
                .isEqualTo("schedule.timeZone 'Mars/Olympus' is not a time zone; use a region id such as Europe/Amsterdam or UTC.");
    }

    @Test
    void brokenYamlNamesTheLineOfTheProblem() throws IOException {
        assertThat(problem("name: x\ninput: tenant\nschedule:\n  cron: \"0 0 2 * * ?\"\n timeZone: UTC\n"))
                .startsWith("line 5: ").endsWith(". Check the indentation and quoting there.");
        assertThat(problem("name: 'x\ninput: tenant\n")).startsWith("line ").contains("Check the indentation and quoting");
    }

    @Test
    void yamlOneOneBooleansAndAnAddressListAsTextStillWork() throws IOException {
        JobDefinition job = loader().load(write("old.yml", """
                input: tenant
                policies:
                  guests: yes
                  blockedAccounts: no
                mail:
                  enabled: yes
                  from: licensing@contoso.example
                  fallbackRecipients: "it@contoso.example; finance@contoso.example"
                """));

        assertThat(job.policies().allowGuests()).isTrue();
        assertThat(job.policies().allowBlocked()).isFalse();
        assertThat(job.mail().enabled()).isTrue();
        assertThat(job.mail().fallbackRecipients()).containsExactly("it@contoso.example", "finance@contoso.example");
    }

    @Test
    void aFileOverOneMegabyteIsRefusedAtOnceWithItsSize() throws IOException {
        Path big = write("big.yml", "input: tenant\n" + "# filler line of a file that is not a job file\n".repeat(110_000));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> loader().load(big))
                .isInstanceOf(InvalidJobFileException.class)
                .hasMessage(big + ": is 4.9 MB (" + Files.size(big) + " bytes); a job file is at most 1 MB (1048576 bytes), and a real "
                        + "one a few hundred bytes. Check that this is a job file; keep other files out of the jobs folder."));
    }

    @Test
    void aFileJustUnderTheCapIsReadQuickly() throws IOException {
        String filler = "    - it-%06d@contoso.example\n";
        StringBuilder text = new StringBuilder("input: tenant\nmail:\n  from: licensing@contoso.example\n  fallbackRecipients:\n");
        int n = 0;
        while (text.length() + filler.length() < JobFileLoader.MAX_BYTES) {
            text.append(filler.formatted(n++));
        }
        Path f = write("many.yml", text.toString());

        JobDefinition job = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> loader().load(f));

        assertThat(job.mail().fallbackRecipients()).hasSize(n);
    }

    @Test
    void anInvalidFileInTheFolderStopsOnlyItself() throws IOException {
        write("a-broken.yml", VALID.replace("  maxUnassign: 300", "  maxUnasign: 300"));
        write("b-good.yml", VALID.replace("name: nightly", "name: good"));
        write("c-same-name.yml", VALID.replace("name: nightly", "name: GOOD"));

        JobFolder folder = loader().scan(dir.resolve("jobs"));

        assertThat(folder.jobs()).extracting(JobDefinition::name).containsExactly("good");
        assertThat(folder.problems()).extracting(InvalidJobFileException::getMessage).containsExactly(
                dir.resolve("jobs/a-broken.yml") + ": line 8: unknown key 'policies.maxUnasign'. Known keys in policies: "
                        + "blockedAccounts, defaultUsageLocation, guests, inactiveDays, maxUnassign, noticeRuns, reclaim.",
                dir.resolve("jobs/c-same-name.yml") + ": name 'GOOD' is already used by b-good.yml; job names must be unique.");
        assertThatThrownBy(() -> loader().loadAll(dir.resolve("jobs"))).isInstanceOf(InvalidJobFileException.class)
                .hasMessage(folder.problems().get(0).getMessage());
    }

    @Test
    void aJobIsFoundByNameBesideAnInvalidFileAndTheInvalidOneSaysWhy() throws IOException {
        write("broken.yml", "name: broken\ninput: tenant\nbatchSize: many\n");
        write("good.yml", VALID.replace("name: nightly", "name: good"));
        JobCatalog catalog = new JobCatalog(dir.resolve("jobs"), loader());

        assertThat(catalog.find("good").name()).isEqualTo("good");
        assertThatThrownBy(() -> catalog.find("broken")).isInstanceOf(InvalidJobFileException.class)
                .hasMessage(dir.resolve("jobs/broken.yml") + ": batchSize 'many' must be a whole number.");
        assertThatThrownBy(() -> catalog.find("other")).isInstanceOf(InvalidJobFileException.class)
                .hasMessage("No job named 'other' in " + dir.resolve("jobs") + ". Run 'jobs' to list the jobs, or give "
                        + "the path to a job .yml file. Job files not counted, as they cannot be used:\n  "
                        + dir.resolve("jobs/broken.yml") + ": batchSize 'many' must be a whole number.");
    }
}
