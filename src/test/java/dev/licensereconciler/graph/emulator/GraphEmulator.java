package dev.licensereconciler.graph.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.licensereconciler.graph.emulator.EmulatedTenant.Answer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A Microsoft Graph v1.0 and Microsoft identity platform emulator on loopback (https, self-signed), holding one
 * tenant with one registered application. Answers are shaped after the Graph documentation's examples; see
 * /work/compare/GRAPH-EMULATOR-API.md for the contract. Close it to stop it.
 */
public final class GraphEmulator implements AutoCloseable {

    /** Graph's documented maximum number of requests in one JSON batch (concepts/json-batching.md). */
    static final int MAX_BATCH_REQUESTS = 20;
    /** Graph's documented page size bounds for users, groups and members ($top 1..999; 100 by default). */
    static final int MAX_PAGE_SIZE = 999;
    static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_LIVE_TOKENS = 10_000;
    private static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    private static final String ODATA_JSON =
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
    private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    /** Application permissions the tenant's admin consented to for the app, by default all the product needs. */
    static final Set<String> DEFAULT_ROLES = Set.of("User.ReadWrite.All", "Directory.Read.All", "Reports.Read.All",
            "AuditLog.Read.All");
    /** user-list.md: with signInActivity selected, pages hold at most 120 users whatever $top asks. */
    static final int SIGN_IN_ACTIVITY_PAGE_SIZE = 120;
    /** Graph's pre-authenticated download URLs are valid "for a short period of time (a few minutes)". */
    static final Duration DOWNLOAD_LIFETIME = Duration.ofMinutes(5);
    private static final String DOWNLOAD_PATH = "/reports-download/";
    private static final Pattern ACTIVE_USER_DETAIL = Pattern.compile(
            "(?:microsoft\\.graph\\.)?getOffice365ActiveUserDetail\\((period|date)=('?)([^')]*)\\2\\)");
    private static final Set<String> PERIODS = Set.of("D7", "D30", "D90", "D180");
    private static final Pattern OPENID_PATH = Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration");

    static {
        // The JDK server flushes headers and body separately; without TCP_NODELAY every answer waits ~40 ms for a
        // delayed ACK. Read once by the JDK's server configuration, and only that server (tests only) uses it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private record Token(Instant issued, Instant expires, Set<String> roles) {
    }

    /** A pre-authenticated report download: what it serves and until when (a few minutes, as Graph's). */
    private record Download(Instant expires) {
    }

    private record Reply(int status, Map<String, String> headers, Object body) {
        static Reply of(Answer answer) {
            return new Reply(answer.status(), Map.of(), answer.body());
        }
    }

    private final HttpsServer server;
    private final ThreadPoolExecutor executor;
    private final EmulatorCertificate certificate;
    private final String tenantId = UUID.randomUUID().toString();
    private final String clientId = UUID.randomUUID().toString();
    private final String clientSecret = "emu~" + UUID.randomUUID().toString().replace("-", "");
    private final EmulatedTenant tenant = new EmulatedTenant(tenantId);
    private final Faults faults = new Faults();
    private final RequestLog requests = new RequestLog();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> grantedRoles = ConcurrentHashMap.newKeySet();
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();
    // The app registration's certificate credentials (keyCredentials), as uploaded under Certificates & secrets.
    private final List<X509Certificate> keyCredentials = new CopyOnWriteArrayList<>();
    private final Random batchOrder = new Random(20);
    private final String origin;

    private GraphEmulator() throws IOException {
        certificate = EmulatorCertificate.get();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        SSLContext context = certificate.serverContext;
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        AtomicInteger threads = new AtomicInteger();
        // Bounded: a runaway client gets slow answers (caller runs), never unbounded threads or queues.
        executor = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(512), r -> {
            Thread t = new Thread(r, "graph-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        grantedRoles.addAll(DEFAULT_ROLES);
        server.createContext("/", this::handle);
        server.start();
        origin = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public static GraphEmulator start() {
        try {
            return new GraphEmulator();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Graph emulator on loopback", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public String graphBaseUrl() {
        return origin + "/v1.0";
    }

    public String authorityHost() {
        return origin + "/";
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /**
     * Uploads a certificate to the app registration: client assertions signed with its key are accepted from now
     * on (certificate credentials), besides the client secret.
     */
    public void registerCertificate(X509Certificate certificate) {
        keyCredentials.add(certificate);
    }

    /** Trusts the emulator's self-signed certificate only. */
    public SSLContext clientSslContext() {
        return certificate.clientContext();
    }

    /** The same trust as a PKCS12 file (password {@link #trustStorePassword()}). */
    public Path trustStore() {
        return certificate.trustStore;
    }

    public char[] trustStorePassword() {
        return certificate.password.clone();
    }

    /**
     * Withdraws an application permission (admin consent) from the app. As in Entra, tokens already issued keep
     * their roles until they expire; tokens issued from now on lack it.
     */
    public void revokePermission(String role) {
        grantedRoles.remove(role);
    }

    public void grantPermission(String role) {
        grantedRoles.add(role);
    }

    public EmulatedTenant tenant() {
        return tenant;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    // ---------------------------------------------------------------- transport

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            String body = new String(bytes, StandardCharsets.UTF_8);
            String pathAndQuery = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
            if (rawPath.startsWith(DOWNLOAD_PATH)) {
                download(exchange, method, rawPath.substring(DOWNLOAD_PATH.length()), pathAndQuery);
                return;
            }
            Reply reply;
            if (bytes.length > MAX_BODY_BYTES) {
                reply = Reply.of(GraphErrors.error(413, "Request_EntityTooLarge", "The request body is too large."));
            } else if (rawPath.equals("/v1.0") || rawPath.startsWith("/v1.0/")) {
                reply = graph(exchange, method, rawPath.substring("/v1.0".length()), rawQuery, body);
            } else {
                reply = identity(exchange, method, rawPath, rawQuery, body);
            }
            requests.record(method, pathAndQuery, redactCredentials(body), reply.status());
            send(exchange, reply);
        } catch (RuntimeException e) {
            // The emulator's own bug must show up as a 500 with the reason, not as a hung connection.
            send(exchange, new Reply(500, Map.of(), GraphErrors.error(500, "generalException",
                    "Emulator failure: " + e).body()));
        }
    }

    /** The request log never holds the app's secret or signed assertion: tests print it on failure. */
    private static String redactCredentials(String body) {
        return body.replaceAll("(client_secret|client_assertion)=[^&]*", "$1=REDACTED");
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] out = reply.body() == null ? new byte[0] : Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (reply.body() != null && !reply.headers().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type",
                    reply.status() < 300 ? ODATA_JSON : "application/json");
        }
        exchange.getResponseHeaders().set("request-id", UUID.randomUUID().toString());
        // Graph and the identity platform echo the caller's correlation id; MSAL checks that it comes back.
        String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
        if (clientRequestId != null) {
            exchange.getResponseHeaders().set("client-request-id", clientRequestId);
        }
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    // ---------------------------------------------------------------- Graph

    private Reply graph(HttpExchange exchange, String method, String path, String rawQuery, String body) {
        long arrivedNanos = System.nanoTime();
        Duration delay = faults.nextDelay();
        if (delay != null) {
            sleep(delay);
        }
        Reply unauthorized = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (unauthorized != null) {
            return unauthorized;
        }
        int retryAfter = faults.nextThrottle();
        if (retryAfter >= 0) {
            return throttled(retryAfter);
        }
        int failure = faults.nextFailure();
        if (failure > 0) {
            return Reply.of(GraphErrors.serverError(failure));
        }
        Set<String> roles = tokens.get(exchange.getRequestHeaders().getFirst("Authorization").substring(7).trim())
                .roles();
        if (path.equals("/$batch")) {
            if (!method.equals("POST")) {
                return Reply.of(methodNotAllowed());
            }
            return batch(body, arrivedNanos, roles);
        }
        if (path.startsWith("/reports/")) {
            return method.equals("GET") ? report(path.substring("/reports/".length()), roles)
                    : Reply.of(methodNotAllowed());
        }
        Reply overQuota = admitWrite(method, arrivedNanos);
        if (overQuota != null) {
            return overQuota;
        }
        return Reply.of(execute(method, path, rawQuery, body, roles));
    }

    /** A write over the quota gets the throttling-limits doc's 429 with its scope and reason headers. */
    private Reply admitWrite(String method, long arrivedNanos) {
        if (method.equals("GET")) {
            return null;
        }
        int retryAfter = faults.admitWrite(arrivedNanos);
        if (retryAfter < 0) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Integer.toString(retryAfter));
        headers.put("x-ms-throttle-scope", "Tenant_Application/Write/" + clientId + "/" + tenantId);
        headers.put("x-ms-throttle-information", "WriteLimitExceeded");
        return new Reply(429, headers, GraphErrors.tooManyRequests().body());
    }

    private static Reply throttled(int retryAfterSeconds) {
        return new Reply(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)),
                GraphErrors.tooManyRequests().body());
    }

    private Reply authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return new Reply(401, Map.of("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\""
                    + origin + "/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\""),
                    GraphErrors.error(401, "InvalidAuthenticationToken", "Access token is empty.").body());
        }
        Token token = tokens.get(authorization.substring(7).trim());
        if (token == null) {
            return new Reply(401, Map.of(), GraphErrors.error(401, "InvalidAuthenticationToken",
                    "IDX14100: JWT is not well formed, there are no dots (.).").body());
        }
        Instant now = Instant.now();
        if (!now.isBefore(token.expires())
                || token.issued().toEpochMilli() <= faults.tokensValidAfterEpochMilli()) {
            return new Reply(401, Map.of(), GraphErrors.error(401, "InvalidAuthenticationToken",
                    "Lifetime validation failed, the token is expired.").body());
        }
        return null;
    }

    /** One Graph request, also used for each $batch sub-request; {@code path} is below /v1.0. */
    private Answer execute(String method, String path, String rawQuery, String body, Set<String> roles) {
        Map<String, String> query;
        try {
            query = parseQuery(rawQuery);
        } catch (IllegalArgumentException e) {
            return GraphErrors.error(400, "BadRequest", e.getMessage());
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        if (segments.isEmpty()) {
            return GraphErrors.error(400, "BadRequest", "Resource not found for the segment ''.");
        }
        String root = segments.get(0);
        int n = segments.size();
        if (root.equals("users") && n == 1) {
            if (!method.equals("GET")) {
                return methodNotAllowed();
            }
            Answer refused = signInActivityRefused(query, roles);
            return refused != null ? refused : page("users", tenant.userObjects(), "/users", query);
        }
        if (root.equals("users") && n == 2) {
            if (!method.equals("GET")) {
                return methodNotAllowed();
            }
            Map<String, Object> user = tenant.userObject(segments.get(1));
            return user == null ? GraphErrors.notFound(segments.get(1)) : single("users/$entity", user, query);
        }
        if (root.equals("users") && n == 3 && segments.get(2).equals("assignLicense")) {
            return method.equals("POST") ? assignLicense(segments.get(1), body) : methodNotAllowed();
        }
        if (root.equals("groups") && n == 1) {
            return method.equals("GET") ? groups(query) : methodNotAllowed();
        }
        if (root.equals("groups") && n == 2) {
            if (!method.equals("GET")) {
                return methodNotAllowed();
            }
            Map<String, Object> group = tenant.groupObject(segments.get(1));
            return group == null ? GraphErrors.notFound(segments.get(1)) : single("groups/$entity", group, query);
        }
        if (root.equals("groups") && n == 3 && segments.get(2).equals("members")) {
            if (!method.equals("GET")) {
                return methodNotAllowed();
            }
            List<Map<String, Object>> members = tenant.memberObjects(segments.get(1));
            return members == null ? GraphErrors.notFound(segments.get(1))
                    : page("directoryObjects", members, "/groups/" + segments.get(1) + "/members", query);
        }
        if (root.equals("subscribedSkus") && n == 1) {
            if (!method.equals("GET")) {
                return methodNotAllowed();
            }
            if (query.containsKey("$filter")) {
                return GraphErrors.error(400, "Request_UnsupportedQuery", "Unsupported query.");
            }
            return collection("subscribedSkus", tenant.subscribedSkuObjects(), query);
        }
        return GraphErrors.error(400, "BadRequest", "Resource not found for the segment '" + root + "'.");
    }

    /**
     * signInActivity needs AuditLog.Read.All and a premium (Entra ID P1/P2) tenant; Graph refuses the whole request
     * otherwise, with these codes.
     */
    private Answer signInActivityRefused(Map<String, String> query, Set<String> roles) {
        List<String> select = select(query);
        if (select == null || select.stream().noneMatch("signInActivity"::equalsIgnoreCase)) {
            return null;
        }
        if (!roles.contains("AuditLog.Read.All")) {
            return GraphErrors.error(403, "Authorization_RequestDenied",
                    "Insufficient privileges to complete the operation.");
        }
        if (!tenant.premium()) {
            return GraphErrors.error(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                    "Neither tenant is B2C or tenant doesn't have premium license");
        }
        return null;
    }

    /**
     * GET /reports/getOffice365ActiveUserDetail(period='D7|D30|D90|D180'): 302 Found to a short-lived
     * pre-authenticated download URL (Location), which needs no Authorization header. Without Reports.Read.All the
     * reports API refuses with 403.
     */
    private Reply report(String function, Set<String> roles) {
        String decoded = URLDecoder.decode(function, StandardCharsets.UTF_8);
        Matcher m = ACTIVE_USER_DETAIL.matcher(decoded);
        if (!m.matches()) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Resource not found for the segment '" + decoded
                    + "'. (The emulator serves getOffice365ActiveUserDetail only.)"));
        }
        if (m.group(1).equals("date")) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "The emulator serves the report by period only."));
        }
        if (!PERIODS.contains(m.group(3)) || m.group(2).isEmpty()) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid value for parameter 'period': '"
                    + m.group(3) + "'. The supported values are D7, D30, D90 and D180."));
        }
        if (!roles.contains("Reports.Read.All")) {
            return Reply.of(GraphErrors.error(403, "S2SUnauthorized", "Invalid permission."));
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        downloads.values().removeIf(d -> !Instant.now().isBefore(d.expires()));
        downloads.put(token, new Download(Instant.now().plus(DOWNLOAD_LIFETIME)));
        return new Reply(302, Map.of("Location", origin + DOWNLOAD_PATH + token, "Content-Type", "text/plain"),
                null);
    }

    /**
     * The pre-authenticated download: the report as CSV, UTF-8 with a BOM, streamed row by row (chunked), so a
     * large tenant's report is never one string here either.
     */
    private void download(HttpExchange exchange, String method, String token, String pathAndQuery)
            throws IOException {
        requests.reportDownload(exchange.getRequestHeaders().containsKey("Authorization"));
        Download download = downloads.get(token);
        int failure = faults.nextDownloadFailure();
        int status;
        if (!method.equals("GET")) {
            status = 405;
        } else if (download == null || !Instant.now().isBefore(download.expires())) {
            status = 404;
        } else if (failure > 0) {
            status = failure;
        } else {
            status = 200;
        }
        requests.record(method, pathAndQuery, "", status);
        if (status != 200) {
            byte[] text = ("The download " + (status == 404 ? "link is unknown or expired." : "failed."))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, text.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(text);
            }
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream os = exchange.getResponseBody();
             Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
            w.write('\uFEFF');
            w.write(String.join(",", EmulatedTenant.ACTIVE_USER_DETAIL_COLUMNS));
            w.write("\r\n");
            tenant.activeUserDetailRows(row -> {
                try {
                    w.write(String.join(",", row));
                    w.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private Answer assignLicense(String idOrUpn, String body) {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (Json.MalformedJson e) {
            return GraphErrors.error(400, "BadRequest", "Unable to read JSON request payload. Please ensure"
                    + " Content-Type header is set and payload is of valid JSON format.");
        }
        if (!(parsed instanceof Map<?, ?>)) {
            return GraphErrors.error(400, "BadRequest", "Unable to read JSON request payload. Please ensure"
                    + " Content-Type header is set and payload is of valid JSON format.");
        }
        @SuppressWarnings("unchecked")
        Answer answer = tenant.assignLicense(idOrUpn, (Map<String, Object>) parsed);
        if (answer.status() != 200) {
            return answer;
        }
        requests.assignLicenseExecuted(tenant.userId(idOrUpn));
        Runnable hook = faults.writeExecuted();
        if (hook != null) {
            // Before the answer leaves: the write is done, the client never learns it (a crash mid-call).
            hook.run();
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("@odata.context", graphBaseUrl() + "/$metadata#users/$entity");
        user.putAll(answer.body());
        return new Answer(200, user);
    }

    private Answer groups(Map<String, String> query) {
        List<Map<String, Object>> groups = tenant.groupObjects();
        String filter = query.get("$filter");
        if (filter != null) {
            Matcher m = Pattern.compile("\\s*displayName\\s+eq\\s+'((?:[^']|'')*)'\\s*").matcher(filter);
            if (!m.matches()) {
                return GraphErrors.error(400, "Request_UnsupportedQuery",
                        "Unsupported or invalid query filter clause specified for property 'displayName' of resource"
                                + " 'Group'. (The emulator filters groups by displayName eq '...' only.)");
            }
            String name = m.group(1).replace("''", "'");
            List<Map<String, Object>> matching = new ArrayList<>();
            for (Map<String, Object> g : groups) {
                if (name.equalsIgnoreCase((String) g.get("displayName"))) {
                    matching.add(g);
                }
            }
            groups = matching;
        }
        return page("groups", groups, "/groups", query);
    }

    private Answer methodNotAllowed() {
        return GraphErrors.error(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request"
                + " target.");
    }

    /** A collection page: $top (1..999, default 100), $skiptoken for the next page, $select. */
    private Answer page(String entitySet, List<Map<String, Object>> all, String path, Map<String, String> query) {
        for (String unsupported : List.of("$orderby", "$search", "$expand", "$count")) {
            if (query.containsKey(unsupported)) {
                return GraphErrors.error(400, "Request_UnsupportedQuery", "The emulator does not support "
                        + unsupported + " on " + path + ".");
            }
        }
        if (query.containsKey("$filter") && !entitySet.equals("groups")) {
            return GraphErrors.error(400, "Request_UnsupportedQuery", "The emulator does not support $filter on "
                    + path + ".");
        }
        int top = DEFAULT_PAGE_SIZE;
        String topText = query.get("$top");
        if (topText != null) {
            try {
                top = Integer.parseInt(topText.trim());
            } catch (NumberFormatException e) {
                top = -1;
            }
            if (top < 1 || top > MAX_PAGE_SIZE) {
                return GraphErrors.error(400, "Request_BadRequest", "Invalid page size specified: '" + topText
                        + "'. Must be between 1 and " + MAX_PAGE_SIZE + " inclusive.");
            }
        }
        int offset = 0;
        String skiptoken = query.get("$skiptoken");
        if (skiptoken != null) {
            offset = decodeSkipToken(skiptoken, path);
            if (offset < 0) {
                return GraphErrors.error(400, "Directory_ExpiredPageToken", "The specified page token value has"
                        + " expired and can no longer be included in your request.");
            }
        }
        List<String> select = select(query);
        Answer invalid = checkSelect(select, entitySet);
        if (invalid != null) {
            return invalid;
        }
        if (select != null && select.stream().anyMatch("signInActivity"::equalsIgnoreCase)) {
            top = Math.min(top, SIGN_IN_ACTIVITY_PAGE_SIZE);
        }
        int end = Math.min(all.size(), offset + top);
        List<Object> value = new ArrayList<>();
        for (Map<String, Object> item : all.subList(Math.min(offset, all.size()), end)) {
            value.add(project(item, select, entitySet));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context(entitySet, select));
        if (end < all.size()) {
            StringBuilder next = new StringBuilder(graphBaseUrl()).append(path).append('?');
            if (query.containsKey("$select")) {
                next.append("$select=").append(encode(query.get("$select"))).append('&');
            }
            if (query.containsKey("$filter")) {
                next.append("$filter=").append(encode(query.get("$filter"))).append('&');
            }
            next.append("$top=").append(top).append("&$skiptoken=").append(encodeSkipToken(end, path));
            body.put("@odata.nextLink", next.toString());
        }
        body.put("value", value);
        return new Answer(200, body);
    }

    private Answer collection(String entitySet, List<Map<String, Object>> all, Map<String, String> query) {
        List<String> select = select(query);
        Answer invalid = checkSelect(select, entitySet);
        if (invalid != null) {
            return invalid;
        }
        List<Object> value = new ArrayList<>();
        for (Map<String, Object> item : all) {
            value.add(project(item, select, entitySet));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context(entitySet, select));
        body.put("value", value);
        return new Answer(200, body);
    }

    private Answer single(String entity, Map<String, Object> item, Map<String, String> query) {
        List<String> select = select(query);
        Answer invalid = checkSelect(select, entity);
        if (invalid != null) {
            return invalid;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", graphBaseUrl() + "/$metadata#" + entity);
        body.putAll(project(item, select, entity));
        return new Answer(200, body);
    }

    private String context(String entitySet, List<String> select) {
        return graphBaseUrl() + "/$metadata#" + entitySet + (select == null ? "" : "(" + String.join(",", select)
                + ")");
    }

    private static List<String> select(Map<String, String> query) {
        String select = query.get("$select");
        if (select == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : select.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static Answer checkSelect(List<String> select, String entitySet) {
        if (select == null) {
            return null;
        }
        Set<String> known = switch (entitySet) {
            case "users", "users/$entity" -> EmulatedTenant.USER_PROPERTIES;
            case "groups", "groups/$entity" -> EmulatedTenant.GROUP_PROPERTIES;
            case "subscribedSkus" -> EmulatedTenant.SKU_PROPERTIES;
            default -> {
                Set<String> both = new HashSet<>(EmulatedTenant.USER_PROPERTIES);
                both.addAll(EmulatedTenant.GROUP_PROPERTIES);
                yield both;
            }
        };
        for (String property : select) {
            if (known.stream().noneMatch(k -> k.equalsIgnoreCase(property))) {
                return GraphErrors.error(400, "Request_BadRequest", "Could not find a property named '" + property
                        + "' on type 'Microsoft.DirectoryServices.DirectoryObject'.");
            }
        }
        return null;
    }

    /**
     * Without $select Graph returns a default property set (user-list.md: businessPhones ... id); properties such
     * as accountEnabled, assignedLicenses or usageLocation come only when selected.
     */
    private static Map<String, Object> project(Map<String, Object> item, List<String> select, String entitySet) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object type = item.get("@odata.type");
        if (type != null) {
            out.put("@odata.type", type);
        }
        if (select == null) {
            boolean user = "#microsoft.graph.user".equals(type) || entitySet.startsWith("users");
            for (Map.Entry<String, Object> e : item.entrySet()) {
                if (e.getKey().equals("@odata.type")) {
                    continue;
                }
                if (!user || DEFAULT_USER_PROPERTIES.contains(e.getKey())) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        }
        for (String property : select) {
            for (Map.Entry<String, Object> e : item.entrySet()) {
                if (e.getKey().equalsIgnoreCase(property)) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        if (!out.containsKey("id") && item.containsKey("id")) {
            // Graph always returns the id of a directory object.
            out.put("id", item.get("id"));
        }
        return out;
    }

    private static final Set<String> DEFAULT_USER_PROPERTIES = Set.of("businessPhones", "displayName", "givenName",
            "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName",
            "id");

    private String encodeSkipToken(int offset, String path) {
        String raw = "emu|" + path + "|" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeSkipToken(String token, String path) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length != 3 || !parts[0].equals("emu") || !parts[1].equals(path)) {
                return -1;
            }
            return Integer.parseInt(parts[2]);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(key, value) != null) {
                throw new IllegalArgumentException("Query option '" + key + "' was specified more than once, but it"
                        + " must be specified at most once.");
            }
        }
        return out;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- $batch

    @SuppressWarnings("unchecked")
    private Reply batch(String body, long arrivedNanos, Set<String> roles) {
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (Json.MalformedJson e) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid batch payload format."));
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("requests") instanceof List<?> list)) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid batch payload format."));
        }
        if (list.size() > MAX_BATCH_REQUESTS) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid batch payload format: the number of"
                    + " requests (" + list.size() + ") exceeds the limit of " + MAX_BATCH_REQUESTS + "."));
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> request) || !(request.get("id") instanceof String id)
                    || !(request.get("method") instanceof String) || !(request.get("url") instanceof String)) {
                return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid batch payload format: each request"
                        + " needs id, method and url."));
            }
            if (byId.put(id.toLowerCase(Locale.ROOT), (Map<String, Object>) request) != null) {
                return Reply.of(GraphErrors.error(400, "BadRequest", "Batch request contains duplicate id '" + id
                        + "'."));
            }
        }
        for (Map<String, Object> request : byId.values()) {
            for (String dep : dependsOn(request)) {
                if (!byId.containsKey(dep.toLowerCase(Locale.ROOT))) {
                    return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid batch payload format: request '"
                            + request.get("id") + "' depends on '" + dep + "', which is not in the batch."));
                }
            }
        }
        Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : byId.keySet()) {
            Reply cycle = run(id, byId, responses, visiting, arrivedNanos, roles);
            if (cycle != null) {
                return cycle;
            }
        }
        List<Object> out = new ArrayList<>(responses.values());
        synchronized (batchOrder) {
            // Graph may answer in any order; clients must correlate by id.
            Collections.shuffle(out, batchOrder);
        }
        return new Reply(200, Map.of(), Map.of("responses", out));
    }

    private Reply run(String id, Map<String, Map<String, Object>> byId, Map<String, Map<String, Object>> responses,
            Set<String> visiting, long arrivedNanos, Set<String> roles) {
        if (responses.containsKey(id)) {
            return null;
        }
        if (!visiting.add(id)) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid batch payload format: dependsOn forms a"
                    + " cycle through request '" + byId.get(id).get("id") + "'."));
        }
        Map<String, Object> request = byId.get(id);
        boolean dependencyFailed = false;
        for (String dep : dependsOn(request)) {
            String depKey = dep.toLowerCase(Locale.ROOT);
            Reply cycle = run(depKey, byId, responses, visiting, arrivedNanos, roles);
            if (cycle != null) {
                return cycle;
            }
            int status = ((Number) responses.get(depKey).get("status")).intValue();
            if (status < 200 || status > 299) {
                dependencyFailed = true;
            }
        }
        visiting.remove(id);
        String method = ((String) request.get("method")).toUpperCase(Locale.ROOT);
        String url = (String) request.get("url");
        Reply reply;
        if (!dependencyFailed && writeWithoutContentType(method, request)) {
            // json-batching.md: a body needs a Content-Type header in the sub-request's headers.
            reply = Reply.of(GraphErrors.error(400, "BadRequest", "Write request id : " + request.get("id")
                    + " does not contain Content-Type header or body."));
        } else if (dependencyFailed) {
            reply = Reply.of(GraphErrors.error(424, "FailedDependency", "The request could not be performed because"
                    + " a request it depends on failed."));
        } else {
            int retryAfter = faults.nextBatchThrottle();
            if (retryAfter >= 0) {
                reply = throttled(retryAfter);
            } else {
                // Each sub-request is evaluated against the limits on its own (concepts/json-batching.md).
                Reply overQuota = admitWrite(method, arrivedNanos);
                reply = overQuota != null ? overQuota : subRequest(method, url, request.get("body"), roles);
            }
        }
        requests.record(method, "$batch:" + url, request.get("body") == null ? "" : Json.write(request.get("body")),
                reply.status());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", request.get("id"));
        response.put("status", reply.status());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        headers.putAll(reply.headers());
        headers.put("Content-Type", reply.status() < 300 ? ODATA_JSON : "application/json");
        response.put("headers", headers);
        response.put("body", reply.body());
        responses.put(id, response);
        return null;
    }

    private Reply subRequest(String method, String url, Object body, Set<String> roles) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "Invalid request URL '" + url + "': a batch"
                    + " request URL must be relative, for example /users."));
        }
        String relative = url.startsWith("/") ? url : "/" + url;
        int q = relative.indexOf('?');
        String path = q < 0 ? relative : relative.substring(0, q);
        String rawQuery = q < 0 ? null : relative.substring(q + 1);
        if (path.equals("/$batch")) {
            return Reply.of(GraphErrors.error(400, "BadRequest", "A batch request cannot contain another batch."));
        }
        return Reply.of(execute(method, path, rawQuery, body == null ? "" : Json.write(body), roles));
    }

    private static boolean writeWithoutContentType(String method, Map<String, Object> request) {
        if (!method.equals("POST") && !method.equals("PATCH") && !method.equals("PUT")) {
            return false;
        }
        if (request.get("body") == null) {
            return true;
        }
        if (request.get("headers") instanceof Map<?, ?> headers) {
            for (Object name : headers.keySet()) {
                if ("Content-Type".equalsIgnoreCase(String.valueOf(name))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> dependsOn(Map<String, Object> request) {
        Object deps = request.get("dependsOn");
        List<String> out = new ArrayList<>();
        if (deps instanceof List<?> list) {
            for (Object d : list) {
                out.add(String.valueOf(d));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- identity platform

    private Reply identity(HttpExchange exchange, String method, String path, String rawQuery, String body) {
        Matcher token = TOKEN_PATH.matcher(path);
        if (token.matches()) {
            return method.equals("POST") ? token(token.group(1), body) : aadError(400, "invalid_request", 900561,
                    "The endpoint only accepts POST requests. Received a " + method + " request.");
        }
        Matcher openid = OPENID_PATH.matcher(path);
        if (openid.matches() && method.equals("GET")) {
            return openIdConfiguration(openid.group(1));
        }
        if (path.equals("/common/discovery/instance") && method.equals("GET")) {
            return instanceDiscovery();
        }
        return new Reply(404, Map.of(), Map.of("error", "not_found", "error_description",
                "The Graph emulator serves no " + method + " " + path));
    }

    private Reply token(String tenant, String body) {
        requests.tokenRequested();
        Map<String, String> form;
        try {
            form = parseQuery(body);
        } catch (IllegalArgumentException e) {
            return aadError(400, "invalid_request", 90014, e.getMessage());
        }
        if (!tenant.equalsIgnoreCase(tenantId)) {
            return aadError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you"
                    + " have the correct tenant ID and are signing into the correct cloud.");
        }
        String grant = form.get("grant_type");
        if (grant == null) {
            return aadError(400, "invalid_request", 900144, "The request body must contain the following parameter:"
                    + " 'grant_type'.");
        }
        if (!grant.equals("client_credentials")) {
            return aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + grant + "'.");
        }
        String client = form.get("client_id");
        if (client == null) {
            return aadError(400, "invalid_request", 900144, "The request body must contain the following parameter:"
                    + " 'client_id'.");
        }
        if (!client.equalsIgnoreCase(clientId)) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + client + "' was not"
                    + " found in the directory '" + tenantId + "'. This can happen if the application has not been"
                    + " installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        if (secret == null && assertion == null) {
            return aadError(401, "invalid_client", 7000218, "The request body must contain the following parameter:"
                    + " 'client_assertion' or 'client_secret'.");
        }
        if (secret != null && !secret.equals(clientSecret)) {
            return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being"
                    + " sent in the request is the client secret value, not the client secret ID, for a secret added"
                    + " to app '" + clientId + "'.");
        }
        if (secret == null) {
            ClientAssertions.Refusal refusal = ClientAssertions.check(assertion, form.get("client_assertion_type"),
                    clientId, origin + "/" + tenant + "/oauth2/v2.0/token", List.copyOf(keyCredentials));
            if (refusal != null) {
                return aadError(401, "invalid_client", refusal.code(), refusal.description());
            }
        }
        String scope = form.get("scope");
        if (!graphDefaultScope(scope)) {
            return aadError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid."
                    + " Client credential flows must have a scope value with /.default suffixed to the resource"
                    + " identifier (application ID URI).");
        }
        Duration lifetime = faults.tokenLifetime();
        Instant issued = Instant.now();
        Set<String> roles = Set.copyOf(grantedRoles);
        String accessToken = accessToken(issued, issued.plus(lifetime), roles);
        if (tokens.size() >= MAX_LIVE_TOKENS) {
            tokens.values().removeIf(t -> !Instant.now().isBefore(t.expires()));
            if (tokens.size() >= MAX_LIVE_TOKENS) {
                // Still full of live tokens: forget the oldest, which then answers 401 like a revoked one.
                tokens.entrySet().stream().min((a, b) -> a.getValue().issued().compareTo(b.getValue().issued()))
                        .ifPresent(oldest -> tokens.remove(oldest.getKey()));
            }
        }
        tokens.put(accessToken, new Token(issued, issued.plus(lifetime), roles));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetime.toSeconds());
        answer.put("ext_expires_in", lifetime.toSeconds());
        answer.put("access_token", accessToken);
        return new Reply(200, Map.of("Content-Type", "application/json; charset=utf-8", "Cache-Control",
                "no-store, no-cache"), answer);
    }

    /**
     * MSAL sends the OpenID scopes (openid profile offline_access) along with the resource's /.default; the identity
     * platform ignores those for client credentials, so only the one resource scope must be Graph's /.default.
     */
    private static boolean graphDefaultScope(String scope) {
        if (scope == null) {
            return false;
        }
        List<String> resources = new ArrayList<>();
        for (String s : scope.trim().split("\\s+")) {
            if (!OPENID_SCOPES.contains(s.toLowerCase(Locale.ROOT))) {
                resources.add(s);
            }
        }
        return resources.size() == 1 && resources.get(0).equalsIgnoreCase(GRAPH_SCOPE);
    }

    private static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    /** A JWT-shaped token (unsigned emulator signature) so clients that peek at claims find the usual ones. */
    private String accessToken(Instant issued, Instant expires, Set<String> roles) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"emulator\"}"
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "https://graph.microsoft.com");
        claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
        claims.put("iat", issued.getEpochSecond());
        claims.put("nbf", issued.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("appid", clientId);
        claims.put("tid", tenantId);
        claims.put("roles", List.copyOf(new TreeSet<>(roles)));
        claims.put("uti", UUID.randomUUID().toString());
        String payload = b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        String signature = b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + signature;
    }

    /** The identity platform's error answer: error, error_description with AADSTS code, error_codes, ids. */
    private static Reply aadError(int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + trace
                + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + timestamp);
        body.put("error_codes", List.of(code));
        body.put("timestamp", timestamp);
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    private Reply openIdConfiguration(String tenant) {
        String t = tenant.equalsIgnoreCase("common") || tenant.equalsIgnoreCase("organizations") ? "{tenantid}"
                : tenantId;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_endpoint", origin + "/" + tenant + "/oauth2/v2.0/token");
        body.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        body.put("jwks_uri", origin + "/" + tenant + "/discovery/v2.0/keys");
        body.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        body.put("subject_types_supported", List.of("pairwise"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        body.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        body.put("issuer", origin + "/" + t + "/v2.0");
        body.put("request_uri_parameter_supported", false);
        body.put("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
        body.put("authorization_endpoint", origin + "/" + tenant + "/oauth2/v2.0/authorize");
        body.put("device_authorization_endpoint", origin + "/" + tenant + "/oauth2/v2.0/devicecode");
        body.put("http_logout_supported", true);
        body.put("frontchannel_logout_supported", true);
        body.put("end_session_endpoint", origin + "/" + tenant + "/oauth2/v2.0/logout");
        body.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nbf", "tid"));
        body.put("tenant_region_scope", "EU");
        body.put("cloud_instance_name", "microsoftonline.com");
        body.put("cloud_graph_host_name", "graph.windows.net");
        body.put("msgraph_host", "graph.microsoft.com");
        return new Reply(200, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    private Reply instanceDiscovery() {
        String host = origin.substring("https://".length());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("preferred_network", host);
        metadata.put("preferred_cache", host);
        metadata.put("aliases", List.of(host));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_discovery_endpoint", origin + "/" + tenantId + "/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        body.put("metadata", List.of(metadata));
        return new Reply(200, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests of the emulator: how many tokens are live (bounded by {@link #MAX_LIVE_TOKENS}). */
    int liveTokens() {
        return tokens.size();
    }
}
