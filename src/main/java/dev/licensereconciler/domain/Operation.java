package dev.licensereconciler.domain;

/** The operation of a product action, in the order batches are numbered (R9). */
public enum Operation { UNASSIGN, UPDATE_SERVICES, ASSIGN }
