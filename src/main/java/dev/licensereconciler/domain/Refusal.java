package dev.licensereconciler.domain;

/**
 * Why a change was refused, in the admin center's words. A seat shortage is worded only at the
 * end of the run, when the number of licenses to buy is known, so its text may be null until then.
 */
record Refusal(ErrorCode code, String message, String fix) {
}
