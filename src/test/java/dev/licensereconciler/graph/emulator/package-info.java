/**
 * A Microsoft Graph v1.0 and identity platform emulator for tests: {@link
 * dev.licensereconciler.graph.emulator.GraphEmulator#start()} serves one stateful tenant over TLS on 127.0.0.1
 * (azure-identity requires an https authority host). Clients trust it per client through {@code
 * clientSslContext()} or the PKCS12 {@code trustStore()}; azure-identity credentials need {@code
 * disableInstanceDiscovery()}, or MSAL asks login.microsoftonline.com about the authority. Answers follow the Graph
 * documentation's examples, errors included; faults (429, 5xx, delays, token expiry, write quota, failing report
 * downloads) are injected through {@code faults()}. The app's permissions are its tokens' roles ({@code
 * revokePermission}); the Microsoft 365 active users report is served from the tenant's per-user activity, 302 to
 * a pre-authenticated download, with the report privacy setting's concealed names.
 */
package dev.licensereconciler.graph.emulator;
