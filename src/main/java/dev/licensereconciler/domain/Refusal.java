package dev.licensereconciler.domain;

/**
 * Why a change was refused, in the admin center's words. A seat shortage is {@link #NO_SEAT} until
 * the run is done: only then is the number of licenses to buy known, so only then is it
 * {@link #worded}.
 */
record Refusal(ErrorCode code, String message, String fix) {

    static final Refusal NO_SEAT = new Refusal(ErrorCode.COUNT_VIOLATION, null, null);

    /** This refusal as errors.csv shows it, once the run's seats are all counted. */
    Refusal worded(ProductState product) {
        return message != null ? this : Wording.noSeat(product);
    }
}
