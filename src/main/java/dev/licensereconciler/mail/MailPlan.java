package dev.licensereconciler.mail;

import java.util.List;

/**
 * What the planner decided: the mails, the addresses it had to drop, and the products nobody
 * can be told about (no valid purchaser and no valid fallback recipient).
 */
public record MailPlan(List<ShortfallMail> mails, List<AddressProblem> addressProblems, List<String> unreachableSkus) {

    public MailPlan {
        mails = List.copyOf(mails);
        addressProblems = List.copyOf(addressProblems);
        unreachableSkus = List.copyOf(unreachableSkus);
    }
}
