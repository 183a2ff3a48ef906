/**
 * Reading a tenant snapshot folder (PRODUCT.md §3) into the domain model, in plain Java so the
 * batch layer and benchmarks can use it without Spring.
 *
 * <p>{@link dev.licensereconciler.ingest.CsvFile} streams any of the files: the encoding is decided
 * before parsing (BOM, else a byte scan telling UTF-8 from Windows-1252), the separator from the
 * header line, and every record carries the line it starts on. The readers turn records into
 * {@link dev.licensereconciler.domain.TenantSnapshot.Builder} calls and report bad rows as
 * {@link dev.licensereconciler.domain.Problem}s; a file unusable as a whole throws
 * {@link dev.licensereconciler.ingest.InputFileException}.
 *
 * <p>Decisions where the contract is silent:
 * <ul>
 *   <li>Whether users.csv's Licenses column counts is decided by the existence of assignments.csv
 *       before reading, so the users file streams once and its Licenses are not even resolved
 *       (nor reported) when assignments.csv exists, even an empty one.</li>
 *   <li>A row problem names in {@code user}/{@code sku} only references that resolved; the
 *       unresolved value is quoted in the message. Rows of users.csv itself never fill {@code user}
 *       except for its Licenses problems.</li>
 *   <li>An unclosed quote fails the file (it swallows every later row); so do bytes that neither
 *       UTF-8 nor Windows-1252 define, and NUL bytes without a UTF-16 BOM.</li>
 *   <li>Group members of type Device, Contact or ServicePrincipal are skipped silently: they can be
 *       members but never hold licenses. A repeated membership row is not an error.</li>
 *   <li>Several rules for one group and product are kept (R2 unites them); only an exact repeat
 *       (group, sku, disabled plans, priority) is a DUPLICATE_ROW.</li>
 *   <li>disabledPlans must be plans of the row's product (of one of the row's products in
 *       requests.csv); ',' is accepted besides ';' and '+'.</li>
 *   <li>An unknown request action is INVALID_ROW (§6 has no UNKNOWN_ACTION).</li>
 *   <li>Built-in and strict reference-data loading refuses a file with any bad row; the overloads
 *       taking a problem list report and skip instead.</li>
 *   <li>A value longer or larger than {@link dev.licensereconciler.ingest.InputLimit} allows is an
 *       INVALID_ROW of its file (column, length, limit), never a failed store step later: UPNs
 *       (Entra's 113 characters), group names (256), String_Ids and product names, the plan names of
 *       one product joined, purchaser addresses, currency codes, prices (12 digits and 2 decimals,
 *       no exponent form) and quantities, also summed per product. Messages quote a long value's
 *       start and length only.</li>
 *   <li>A header naming one column twice, under any of its spellings, fails the file; a spelling
 *       of another form of the value (skuId beside skuPartNumber) is read only without the column
 *       itself, since real exports carry both.</li>
 *   <li>A header line over {@link dev.licensereconciler.ingest.InputLimit#HEADER_LINE} fails the
 *       file with its length; undecodable bytes fail it on their own line.</li>
 *   <li>Lines before the header that are Excel's "sep=X" hint or Entra's "version:v1.0" are skipped
 *       in any file; a header cell in Entra's template form "Item name [propertyName] Required"
 *       matches under its item name and its property name.</li>
 *   <li>A product may be named by AccountSkuId ("contoso:ENTERPRISEPACK") wherever it may be named
 *       by String_Id; the prefix is ignored, and tried only when nothing else matches the cell.</li>
 * </ul>
 */
package dev.licensereconciler.ingest;
