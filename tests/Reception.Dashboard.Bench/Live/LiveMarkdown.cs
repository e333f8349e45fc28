using System.Globalization;
using System.Text;

namespace Reception.Dashboard.Bench.Live;

/// <summary>The run as the Markdown table the README's Performance section shows, with issue 16's targets beside the figures.</summary>
public static class LiveMarkdown
{
    public static string Render(LiveReport report)
    {
        var (m, plan, floor) = (report.Machine, report.Plan, report.Floor);
        var commitFloor = floor.SqliteCommit.P99;
        var pushFloor = floor.SqliteCommit.P99 + floor.WebSocketRoundTrip.P99;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Machine: {m.Cores} cores ({m.Cpu}), {m.MemoryMiB / 1024.0:F1} GiB, {m.Os}, {m.DotNet}; the server (Release, its own process) and the load on the same machine."));
        text.AppendLine();
        text.AppendLine("| measure | measured | target (issue 16) | p99 ÷ floor |");
        text.AppendLine("|---|---|---|---|");
        Row(text, $"floor: one SQLite commit of one event row ({floor.SqliteSettings}), p50 / p99", Ms(floor.SqliteCommit.P50, floor.SqliteCommit.P99), "", "1");
        Row(text, Invariant($"floor: one loopback WebSocket round trip of one board event ({floor.PayloadBytes} B), p50 / p99"), Ms(floor.WebSocketRoundTrip.P50, floor.WebSocketRoundTrip.P99), "", "1");
        Row(text, "server start until /health answers (demo data off)", Invariant($"{report.ServerStartSeconds:F1} s"), "", "");
        Row(text, Invariant($"connect {plan.Clients:N0} clients until every one is live"), Invariant($"{report.ConnectSeconds:F1} s"), "", "");

        var live = report.Live;
        var clients = Invariant($"{live.Clients:N0} clients, {live.Writers} writers at {live.TargetRate:N0} writes/s for {plan.Seconds} s");
        Row(text, $"{clients}: writes/s", Invariant($"{live.WritesPerSecond:F0} ({live.Acknowledged:N0} acknowledged, {live.Failed} failed)"), Invariant($"{live.TargetRate:N0}"), "");
        Row(text, $"{clients}: write p50 / p95 / p99 / max", Ms(live.WriteLatency), "", Ratio(live.WriteLatency.P99, commitFloor, "commit"));
        Row(text, $"{clients}: write → each client (every write × client pair) p50 / p95 / p99 / max", Ms(live.WriteToClient), "p99 ≤ 50 ms", Ratio(live.WriteToClient.P99, pushFloor, "commit + round trip"));
        Row(text, $"{clients}: delivered; lost / duplicated / out of order", Deliveries(live), "all; 0 / 0 / 0", "");

        var saturation = report.Saturation;
        var flatOut = Invariant($"saturation, {saturation.Clients:N0} clients, {saturation.Writers} writers for {plan.SaturationSeconds} s");
        Row(text, $"{flatOut}: durable writes/s", Invariant($"{saturation.WritesPerSecond:F0} ({saturation.Failed} failed)"), "≥ 1,000", "");
        Row(text, $"{flatOut}: write p50 / p99", Ms(saturation.WriteLatency.P50, saturation.WriteLatency.P99), "p99 ≤ 100 ms", Ratio(saturation.WriteLatency.P99, commitFloor, "commit"));
        Row(text, $"{flatOut}: write → client p50 / p99", Ms(saturation.WriteToClient.P50, saturation.WriteToClient.P99), "", Ratio(saturation.WriteToClient.P99, pushFloor, "commit + round trip"));
        Row(text, $"{flatOut}: delivered; lost / duplicated / out of order", Deliveries(saturation), "all; 0 / 0 / 0", "");

        var memory = report.Memory;
        Row(text, Invariant($"server memory per idle hub connection (RSS growth ÷ {memory.Clients:N0})"), Invariant($"{memory.KbPerConnection:F1} KiB"), "≤ 30 KB", "");
        Row(text, Invariant($"server memory per open board page (RSS growth ÷ {memory.Pages})"), memory.KbPerPage is { } perPage ? Invariant($"{perPage:F0} KiB") : "not measured", "report only", "");

        var storm = report.Storm;
        Row(text, Invariant($"reconnect storm, {storm.Clients:N0} clients reset at once, writes going on at {storm.Delivery.TargetRate:N0}/s: all live again after the heal"),
            storm.ResyncSeconds is { } resync ? Invariant($"{resync:F1} s ({storm.Reconnects:N0} reconnects, {storm.GapsFilled:N0} gaps fetched)") : "NOT ALL", "≤ 10 s", "");
        Row(text, "reconnect storm: delivered; lost / duplicated / out of order", Deliveries(storm.Delivery), "all; 0 / 0 / 0", "");
        text.AppendLine();
        text.AppendLine("Memory is the server process's resident set (VmRSS), so it includes the GC's slack. Write → client runs from the start of the writer's HTTP call to the event reaching the SDK client's handler.");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string measure, string measured, string target, string ratio) =>
        text.AppendLine($"| {measure} | {measured} | {target} | {ratio} |");

    private static string Ms(Summary s) => Invariant($"{s.P50:F1} / {s.P95:F1} / {s.P99:F1} / {s.Max:F1} ms");

    private static string Ms(double p50, double p99) => Invariant($"{p50:F2} / {p99:F2} ms");

    private static string Ratio(double p99, double floor, string of) => floor > 0 ? Invariant($"{p99 / floor:F0}× ({of})") : "";

    private static string Deliveries(DeliveryResult d)
    {
        var delivered = Invariant($"{d.Delivered:N0} of {d.Expected:N0}; {d.Lost} / {d.Duplicated} / {d.OutOfOrder}");
        return d.Clean ? delivered : $"**{delivered}** (extra resets {d.ExtraResets}, drained {(d.Drained ? "yes" : "no")})";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
