package dev.topograph.app.designer.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.topograph.app.designer.document.DocumentViewModel;
import dev.topograph.app.designer.run.RunViewModel;
import dev.topograph.app.launch.NodeStatus;
import dev.topograph.app.live.TrafficGenerator;
import dev.topograph.app.ui.BackgroundTask;
import dev.topograph.app.ui.TaskExecutor;
import dev.topograph.app.ui.UiExecutor;
import dev.topograph.model.topology.Edge;
import dev.topograph.model.topology.GatewayNode;
import dev.topograph.model.topology.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Send traffic": requests through a gateway of the running design at a steady rate for a while.
 * The user picks a gateway route (or types a path), a method, a JSON body, the rate and how long;
 * each field is checked as it is typed and refused in place with the reason. Sending runs in the
 * background with its progress; Cancel stops it early; at the end, a summary: how many were sent,
 * how many failed, the latency percentiles and the status codes. The load shows on the drawing as
 * the scraped figures follow it. Stopping the run cancels the traffic.
 */
public final class TrafficViewModel {
    public static final double MIN_RATE = 0.1;
    public static final double MAX_RATE = 5000;
    public static final int MAX_SECONDS = 3600;
    /** Requests in one go at most: the sender keeps each answer's latency until the end. */
    public static final int MAX_REQUESTS = 300_000;
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the dialog is. */
    public enum Phase {
        /** The plan is being written. */
        EDITING,
        /** Requests are going out. */
        SENDING,
        /** The summary shows. */
        DONE
    }

    private final DocumentViewModel document;
    private final RunViewModel run;
    private final TaskExecutor longTasks;
    private final UiExecutor ui;
    private final Supplier<TrafficSender> senders;
    private final ReadOnlyObjectWrapper<List<String>> gateways = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<String> gateway = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<String>> routes = new ReadOnlyObjectWrapper<>(List.of());
    private final StringProperty path = new SimpleStringProperty("");
    private final ObjectProperty<String> method = new SimpleObjectProperty<>("GET");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty rate = new SimpleStringProperty("20");
    private final StringProperty seconds = new SimpleStringProperty("30");
    private final ReadOnlyStringWrapper destination = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper gatewayError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pathError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bodyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rateError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper secondsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.EDITING);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusCodes = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper summaryProblem = new ReadOnlyBooleanWrapper(false);
    /** The sender of the traffic going out; UI thread only. */
    private TrafficSender sending;
    private boolean cancelled;
    private int total;

    TrafficViewModel(DocumentViewModel document, RunViewModel run, TaskExecutor longTasks, UiExecutor ui,
            Supplier<TrafficSender> senders) {
        this.document = document;
        this.run = run;
        this.longTasks = longTasks;
        this.ui = ui;
        this.senders = senders;
        gateway.addListener((o, old, now) -> showRoutes());
        method.addListener((o, old, now) -> {
            if (now != null && !now.equals("GET") && !now.equals("DELETE") && body.get().isBlank()) {
                body.set("{}");
            }
        });
        for (Observable field : List.of(gateway, path, method, body, rate, seconds, run.statusesProperty(),
                run.phaseProperty())) {
            field.addListener(o -> check());
        }
        run.phaseProperty().addListener((o, old, now) -> {
            if (now != RunViewModel.Phase.RUNNING) {
                cancel();
            }
        });
        check();
    }

    // --- the plan --------------------------------------------------------------------------

    /** The running design's gateways. */
    public ReadOnlyObjectProperty<List<String>> gatewaysProperty() {
        return gateways.getReadOnlyProperty();
    }

    /** Through which gateway (when the design has several). */
    public ObjectProperty<String> gatewayProperty() {
        return gateway;
    }

    /** The chosen gateway's route prefixes, to pick from; the path may be any other. */
    public ReadOnlyObjectProperty<List<String>> routesProperty() {
        return routes.getReadOnlyProperty();
    }

    /** The path requested, e.g. /orders. */
    public StringProperty pathProperty() {
        return path;
    }

    /** Where the path goes: "→ orders", or that no route takes it. */
    public ReadOnlyStringProperty destinationProperty() {
        return destination.getReadOnlyProperty();
    }

    public ObjectProperty<String> methodProperty() {
        return method;
    }

    /** A JSON body (for POST, PUT, PATCH), or empty. */
    public StringProperty bodyProperty() {
        return body;
    }

    /** Requests per second, as typed. */
    public StringProperty rateProperty() {
        return rate;
    }

    /** How long, in seconds, as typed. */
    public StringProperty secondsProperty() {
        return seconds;
    }

    /** Why nothing can be sent through a gateway: no run, no gateway running. */
    public ReadOnlyStringProperty gatewayErrorProperty() {
        return gatewayError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pathErrorProperty() {
        return pathError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bodyErrorProperty() {
        return bodyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateErrorProperty() {
        return rateError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty secondsErrorProperty() {
        return secondsError.getReadOnlyProperty();
    }

    /** The plan is sound, a gateway runs, and nothing is being sent. */
    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    // --- sending ---------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The share sent, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "120 of 600 sent". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** "600 sent, 0 errors · p50 2.1 ms · p95 4.0 ms · p99 6.3 ms". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "201 × 598, 503 × 2", or what went wrong when nothing answered. */
    public ReadOnlyStringProperty statusCodesProperty() {
        return statusCodes.getReadOnlyProperty();
    }

    /** Some requests failed (5xx or no answer). */
    public ReadOnlyBooleanProperty summaryProblemProperty() {
        return summaryProblem.getReadOnlyProperty();
    }

    /**
     * The dialog opens: the running design's gateways and routes are offered, and what the user
     * wrote last time stays where it still applies; a summary shown last time gives way to the plan.
     */
    public void open() {
        List<String> ids = gatewaysOf(run.runningTopology());
        gateways.set(ids);
        if (gateway.get() == null || !ids.contains(gateway.get())) {
            gateway.set(ids.isEmpty() ? null : ids.get(0));
        }
        showRoutes();
        if (path.get().isBlank() && !routes.get().isEmpty()) {
            path.set(routes.get().get(0));
        }
        if (phase.get() == Phase.DONE) {
            phase.set(Phase.EDITING);
        }
        check();
    }

    /** Starts sending the plan in the background. */
    public void send() {
        check();
        if (!canSend.get()) {
            return;
        }
        TrafficGenerator.Plan plan;
        try {
            plan = new TrafficGenerator.Plan(method.get(), URI.create(gatewayUrl().orElseThrow() + path.get().strip()),
                    body.get().strip(), Double.parseDouble(rate.get().strip()),
                    Duration.ofSeconds(Long.parseLong(seconds.get().strip())));
        } catch (IllegalArgumentException e) {
            rateError.set(e.getMessage());
            check();
            return;
        }
        TrafficSender sender = senders.get();
        sending = sender;
        cancelled = false;
        total = requests(plan.perSecond(), plan.duration().toSeconds());
        phase.set(Phase.SENDING);
        progress.set(0);
        progressText.set("0 of " + total + " sent");
        summary.set("");
        statusCodes.set("");
        summaryProblem.set(false);
        check();
        document.tell("Sending " + plan.method() + " " + path.get().strip() + " at " + rate.get().strip() + "/s for "
                + plan.duration().toSeconds() + " s…", false);
        BackgroundTask.wrap(() -> sender.send(plan, n -> ui.execute(() -> sent(sender, n))))
                .onSuccess(s -> done(sender, s))
                .onFailure(e -> failed(sender, e))
                .executeWith(longTasks);
    }

    /** Stops the traffic going out; the summary of what was sent follows. */
    public void cancel() {
        if (sending != null && !cancelled) {
            cancelled = true;
            // Said before stopping: the summary may follow at once, and must have the last word.
            progressText.set(progressText.get() + " · cancelling…");
            sending.stop();
        }
    }

    private void sent(TrafficSender sender, int n) {
        if (sending == sender && total > 0) {
            progress.set(Math.min(1, n / (double) total));
            progressText.set(Math.min(n, total) + " of " + total + " sent" + (cancelled ? " · cancelling…" : ""));
        }
    }

    private void done(TrafficSender sender, TrafficGenerator.Summary s) {
        if (sending != sender) {
            return;
        }
        sending = null;
        progress.set(cancelled ? progress.get() : 1);
        progressText.set(s.sent() + " of " + total + " sent" + (cancelled ? " · cancelled" : ""));
        summary.set(describe(s));
        statusCodes.set(codes(s));
        summaryProblem.set(s.errors() > 0);
        phase.set(Phase.DONE);
        check();
        document.tell((cancelled ? "Traffic cancelled: " : "Traffic sent: ") + summary.get(), s.errors() > 0);
    }

    private void failed(TrafficSender sender, Exception e) {
        if (sending != sender) {
            return;
        }
        sending = null;
        summary.set("Sending failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        statusCodes.set("");
        summaryProblem.set(true);
        phase.set(Phase.DONE);
        check();
        document.tell(summary.get(), true);
    }

    static String describe(TrafficGenerator.Summary s) {
        String text = s.sent() + " sent, " + s.errors() + (s.errors() == 1 ? " error" : " errors");
        if (s.answered() > 0) {
            text += String.format(Locale.ROOT, " · p50 %.1f ms · p95 %.1f ms · p99 %.1f ms", s.p50Ms(), s.p95Ms(),
                    s.p99Ms());
        }
        return text;
    }

    static String codes(TrafficGenerator.Summary s) {
        List<String> parts = new ArrayList<>();
        s.byStatus().forEach((code, count) -> parts.add(code + " × " + count));
        int unanswered = s.sent() - s.answered();
        if (unanswered > 0) {
            parts.add("no answer × " + unanswered);
        }
        return parts.isEmpty() ? "nothing sent" : "Status codes: " + String.join(", ", parts);
    }

    // --- checking the plan -----------------------------------------------------------------

    private void showRoutes() {
        String g = gateway.get();
        routes.set(run.runningTopology().map(t -> routesOf(t, g)).orElse(List.of()));
        check();
    }

    private static List<String> gatewaysOf(Optional<Topology> t) {
        return t.map(x -> x.nodes().stream().filter(GatewayNode.class::isInstance).map(n -> n.id()).toList())
                .orElse(List.of());
    }

    static List<String> routesOf(Topology t, String gateway) {
        return t.edges().stream().filter(e -> e.from().equals(gateway) && e.route().isPresent())
                .map(e -> e.route().get()).distinct().toList();
    }

    private Optional<String> gatewayUrl() {
        String g = gateway.get();
        NodeStatus s = g == null ? null : run.statusesProperty().get().get(g);
        return s == null || !s.state().isLive() ? Optional.empty()
                : s.url().filter(u -> u.startsWith("http://") || u.startsWith("https://"));
    }

    /** Checks every field: each gets its reason or none; the plan can go when none has one. */
    private void check() {
        boolean running = run.phaseProperty().get() == RunViewModel.Phase.RUNNING;
        boolean anyGateway = !gatewaysOf(run.runningTopology()).isEmpty();
        gatewayError.set(!running ? "Run ▶ the design first: traffic goes through its gateway"
                : !anyGateway ? "The design has no gateway to send traffic through"
                : gateway.get() == null ? "Choose a gateway"
                : gatewayUrl().isEmpty() ? gateway.get() + " is not running yet" : "");
        pathError.set(pathProblem(path.get()).orElse(""));
        destination.set(pathError.get().isEmpty() ? destinationOf(path.get().strip()) : "");
        bodyError.set(bodyProblem(body.get()).orElse(""));
        Optional<Double> r = number(rate.get());
        rateError.set(r.isEmpty() || r.get() < MIN_RATE || r.get() > MAX_RATE
                ? "A rate from 0.1 to 5,000 requests a second" : "");
        Optional<Double> s = number(seconds.get());
        boolean whole = s.isPresent() && s.get() == Math.rint(s.get());
        if (s.isEmpty() || !whole || s.get() < 1 || s.get() > MAX_SECONDS) {
            secondsError.set("A duration from 1 to 3,600 whole seconds");
        } else if (r.isPresent() && rateError.get().isEmpty() && requests(r.get(), s.get().longValue()) > MAX_REQUESTS) {
            secondsError.set(String.format(Locale.ROOT, "That is %,d requests: at most %,d in one go (%,d s at this rate)",
                    requests(r.get(), s.get().longValue()), MAX_REQUESTS, (long) Math.floor(MAX_REQUESTS / r.get())));
        } else {
            secondsError.set("");
        }
        canSend.set(phase.get() != Phase.SENDING && running && gatewayError.get().isEmpty() && pathError.get().isEmpty()
                && bodyError.get().isEmpty() && rateError.get().isEmpty() && secondsError.get().isEmpty()
                && method.get() != null);
    }

    static int requests(double perSecond, long seconds) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(perSecond * seconds)));
    }

    static Optional<String> pathProblem(String typed) {
        String p = typed == null ? "" : typed.strip();
        if (!p.startsWith("/")) {
            return Optional.of("A path starts with /, e.g. /orders");
        }
        if (p.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return Optional.of("A path has no spaces or control characters (write %20 for a space)");
        }
        if (p.length() > 2048) {
            return Optional.of("A path of at most 2,048 characters");
        }
        try {
            URI uri = URI.create("http://gateway" + p);
            if (uri.getRawAuthority() == null || !uri.getRawAuthority().equals("gateway")) {
                return Optional.of("Not a path: " + p);
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("Not a valid path: " + e.getMessage().replaceFirst("^Illegal character in path at index \\d+: .*",
                    "an illegal character"));
        }
        return Optional.empty();
    }

    static Optional<String> bodyProblem(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        try {
            JSON.readTree(typed);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage().replaceAll(" \\(code \\d+\\)", "");
            int end = message.indexOf('\n');
            return Optional.of("The body is not JSON: " + (end < 0 ? message : message.substring(0, end))
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")" : ""));
        }
    }

    /** Which service the gateway hands the path to: the route with the longest prefix it starts with. */
    private String destinationOf(String p) {
        Optional<Topology> t = run.runningTopology();
        String g = gateway.get();
        if (t.isEmpty() || g == null) {
            return "";
        }
        Optional<Edge> best = t.get().edges().stream()
                .filter(e -> e.from().equals(g) && e.route().isPresent() && p.startsWith(e.route().get()))
                .max(java.util.Comparator.comparingInt(e -> e.route().get().length()));
        return best.map(e -> "→ " + e.to()).orElse("No route of " + g + " takes this path: it will answer 404");
    }

    private static Optional<Double> number(String typed) {
        try {
            double v = Double.parseDouble(typed == null ? "" : typed.strip());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
