package dev.licensereconciler.domain;

/** What happened to one (user, product) in results.csv. */
public enum Outcome { KEEP, ASSIGN, UNASSIGN, UPDATE_SERVICES, FAILED }
