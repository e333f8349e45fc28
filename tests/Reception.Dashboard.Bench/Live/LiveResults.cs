namespace Reception.Dashboard.Bench.Live;

/// <summary>Milliseconds, by nearest rank.</summary>
public sealed record Summary(int Count, double P50, double P95, double P99, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return new Summary(0, 0, 0, 0, 0);
        }

        Array.Sort(sorted);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Summary(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>What a run is asked to do.</summary>
public sealed record LivePlan(
    int Clients,
    int Writers,
    double Rate,
    int Seconds,
    int Pages,
    int SaturationClients,
    int SaturationWriters,
    int SaturationSeconds)
{
    /// <summary>A tiny run that proves every part works and delivers correctly; its figures mean nothing.</summary>
    public static LivePlan Smoke(int pages) => new(20, 2, 25, 2, Math.Min(pages, 2), 10, 4, 1);

    /// <summary>Writes of the paced phase: the target rate for the measured duration.</summary>
    public int PacedWrites => (int)Math.Round(Rate * Seconds);
}

/// <summary>
/// One phase's writes and what every client received of them. Lost: acknowledged, never received
/// within the drain wait. Duplicated: received twice. Out of order: a sequence number that was not
/// the previous one + 1. Extra resets: snapshots after the first, which would hide a gap.
/// </summary>
public sealed record DeliveryResult(
    string Phase,
    int Clients,
    int Writers,
    double? TargetRate,
    int Acknowledged,
    int Failed,
    string? FirstError,
    double Seconds,
    double WritesPerSecond,
    Summary WriteLatency,
    Summary WriteToClient,
    long Expected,
    long Delivered,
    long Lost,
    long Duplicated,
    long OutOfOrder,
    int ExtraResets,
    bool Drained)
{
    public bool Clean => Failed == 0 && Drained && Lost == 0 && Duplicated == 0 && OutOfOrder == 0 && ExtraResets == 0 && Delivered == Expected;
}

/// <summary>The machine's own floor, measured in the same run: what one commit and one push cost with nothing of ours around them.</summary>
public sealed record FloorResult(Summary SqliteCommit, string SqliteSettings, Summary WebSocketRoundTrip, int PayloadBytes);

/// <summary>
/// The server's resident set (VmRSS, so the GC's slack is in it) before and after opening board
/// pages, then after connecting idle hub clients on top of them.
/// </summary>
public sealed record MemoryResult(long BaselineKb, int Pages, long WithPagesKb, int Clients, long WithClientsKb)
{
    public double? KbPerPage => Pages > 0 ? (WithPagesKb - BaselineKb) / (double)Pages : null;

    public double KbPerConnection => Clients > 0 ? (WithClientsKb - WithPagesKb) / (double)Clients : 0;
}

/// <summary>
/// Every client's connection reset at once while writes go on. Dropped: from the cut until every
/// client had noticed. Resynced: from the heal until every client was live again, caught up.
/// </summary>
public sealed record StormResult(
    int Clients,
    bool AllDropped,
    double DroppedSeconds,
    bool AllResynced,
    double? ResyncSeconds,
    int Reconnects,
    int GapsFilled,
    DeliveryResult Delivery)
{
    public bool Clean => AllDropped && AllResynced && Delivery.Clean;
}

/// <summary>Everything one run measured, for the Markdown table and the JSON.</summary>
public sealed record LiveReport(
    MachineInfo Machine,
    LivePlan Plan,
    double ServerStartSeconds,
    FloorResult Floor,
    double ConnectSeconds,
    DeliveryResult Live,
    DeliveryResult Saturation,
    MemoryResult Memory,
    StormResult Storm)
{
    public bool Passed => Live.Clean && Saturation.Clean && Storm.Clean;
}
