package dev.licensereconciler.domain;

/** Actions of a bulk-import request, as the admin center's "Manage product licenses" offers them (§7). */
public enum RequestAction { ASSIGN, UNASSIGN, REPLACE, SET_SERVICES }
