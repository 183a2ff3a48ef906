package dev.licensereconciler.ingest;

import dev.licensereconciler.domain.ErrorCode;
import dev.licensereconciler.domain.Problem;
import dev.licensereconciler.domain.ServicePlanRules;
import dev.licensereconciler.domain.Subscription;
import dev.licensereconciler.domain.SubscriptionTerm;
import dev.licensereconciler.domain.TenantSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The optional renewal columns of purchases.csv (issue 13): in our own names, in Graph's
 * companySubscription names (nextLifecycleDateTime as a UTC date-time, isTrial) and Partner
 * Center's (termDuration, autoRenewEnabled); a bad value is the row's problem, named by column.
 */
class RenewalColumnsTest {

    @TempDir
    Path dir;

    private final List<Problem> problems = new ArrayList<>();

    private List<Subscription> read(String content) {
        TenantSnapshot.Builder b = TenantSnapshot.builder(TestFiles.catalog(), ServicePlanRules.none());
        try (CsvFile csv = CsvFile.open(TestFiles.utf8(dir, "purchases.csv", content))) {
            PurchasesReader.read(csv, b, problems);
        }
        return b.build().subscriptions();
    }

    @Test
    void renewalTermsAreReadInOurNamesAndWithoutThemNothingIsKnown() {
        List<Subscription> subs = read("""
                sku,quantity,renewalDate,term,autoRenew,isTrial
                EMS,10,2027-01-31,P1Y,true,false
                EMS,5,2026-12-15,monthly,,
                EMS,3,,,false,True
                EMS,1,,,,
                """);

        assertThat(problems).isEmpty();
        assertThat(subs).extracting(Subscription::renewalDate, Subscription::term, Subscription::autoRenew,
                Subscription::trial).containsExactly(
                tuple(LocalDate.of(2027, 1, 31), SubscriptionTerm.P1Y, true, false),
                tuple(LocalDate.of(2026, 12, 15), SubscriptionTerm.P1M, null, false),
                tuple(null, null, false, true),
                tuple(null, null, null, false));
        assertThat(subs).extracting(Subscription::lapses).containsExactly(false, false, true, false);
    }

    @Test
    void graphsCompanySubscriptionNamesAreReadItsDateTimeAsTheDayInUtc() {
        List<Subscription> subs = read("""
                skuPartNumber,totalLicenses,status,nextLifecycleDateTime,isTrial,termDuration,autoRenewEnabled
                EMS,25,Warning,2026-12-31T23:30:00-02:00,false,P3Y,false
                EMS,5,Enabled,2027-02-01T00:00:00Z,true,,
                """);

        assertThat(problems).isEmpty();
        assertThat(subs).extracting(Subscription::quantity, Subscription::renewalDate, Subscription::term,
                Subscription::trial).containsExactly(
                tuple(25, LocalDate.of(2027, 1, 1), SubscriptionTerm.P3Y, false),
                tuple(5, LocalDate.of(2027, 2, 1), null, true));
    }

    @Test
    void badRenewalValuesAreInvalidRowsNamingColumnAndWhatIsExpected() {
        List<Subscription> subs = read("""
                sku,quantity,renewalDate,term,autoRenew,isTrial
                EMS,1,31/12/2026,P1Y,true,false
                EMS,1,2026-12-31,P2Y,true,false
                EMS,1,2026-12-31,P1Y,sometimes,false
                EMS,1,2026-12-31,P1Y,true,maybe
                EMS,1,+10000-01-01,P1Y,true,false
                EMS,1,2026-12-31,P1Y,true,false
                """);

        assertThat(problems).extracting(Problem::file, Problem::line, Problem::sku, Problem::code).containsExactly(
                tuple("purchases.csv", 2, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 3, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 4, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 5, "EMS", ErrorCode.INVALID_ROW),
                tuple("purchases.csv", 6, "EMS", ErrorCode.INVALID_ROW));
        assertThat(problems.get(0).message()).contains("'31/12/2026' in column 'renewalDate'", "2026-12-31");
        assertThat(problems.get(1).message()).contains("'P2Y' in column 'term'", "P1M", "P1Y", "P3Y");
        assertThat(problems.get(2).message()).contains("'sometimes' in column 'autoRenew'", "true or false");
        assertThat(problems.get(3).message()).contains("'maybe' in column 'isTrial'");
        assertThat(problems.get(4).message()).contains("'+10000-01-01'", "9999");
        assertThat(problems).allSatisfy(p -> assertThat(p.fix()).contains("Correct the value"));
        assertThat(subs).hasSize(1);
    }

    @Test
    void aSubscriptionIdLongerThanItsColumnIsAnInvalidRow() {
        List<Subscription> subs = read("sku,quantity,subscriptionId\nEMS,1," + "x".repeat(101) + "\nEMS,2,"
                + "y".repeat(100) + "\n");

        assertThat(problems).extracting(Problem::line).containsExactly(2);
        assertThat(problems.get(0).message()).contains("column 'subscriptionId'", "100 characters");
        assertThat(subs).extracting(Subscription::quantity).containsExactly(2);
    }
}
