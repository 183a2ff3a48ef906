package dev.licensereconciler.mail;

import dev.licensereconciler.domain.SubscriptionTerm;
import dev.licensereconciler.domain.SurplusSeats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Which surplus rows are mailed (in a purchaser's shortfall mail, else in a surplus-only mail of
 * their own, see {@link ShortfallMailPlanner}): only those whose date falls within the job's
 * {@code mail.surplusNoticeDays} from today, because a seat can only be cut at renewal and a notice
 * months ahead is forgotten by then. Seats to cut of a monthly subscription are never mailed: it
 * renews every month, so the same notice would come every month (surplus.csv and the summary list
 * it). Seats that end with a trial, an expired (Warning) or a non-renewing subscription while
 * licenses still need them are mailed whatever the term: those licenses lose their seat.
 */
public final class SurplusNotice {

    private SurplusNotice() {
    }

    public static List<SurplusSeats> due(List<SurplusSeats> surplus, LocalDate today, int noticeDays) {
        if (noticeDays <= 0) {
            return List.of();
        }
        return surplus.stream().filter(s -> due(s, today, noticeDays)).toList();
    }

    static boolean due(SurplusSeats s, LocalDate today, int noticeDays) {
        LocalDate date;
        if (s.uncovered() > 0) {
            date = s.renewalDate();
        } else if (s.callout() == SurplusSeats.Callout.CUT && s.term() != SubscriptionTerm.P1M) {
            date = s.cutBefore();
        } else {
            return false;
        }
        if (date == null) {
            return false;
        }
        long days = ChronoUnit.DAYS.between(today, date);
        return days >= 0 && days <= noticeDays;
    }
}
