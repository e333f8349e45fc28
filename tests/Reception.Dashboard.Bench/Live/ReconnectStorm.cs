using System.Diagnostics;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Bench.Live;

/// <summary>
/// Every client's connection reset at once, as a switch failing between the screens and the server
/// would: the clients reach the server through a <see cref="TcpProxy"/>, which is cut and healed
/// while writers go on writing directly. Then every client must be live again and hold every write.
/// </summary>
public static class ReconnectStorm
{
    private const string Phase = "storm";
    // The SDK notices a reset at once, a silent link only after StaleAfter (15 s by default).
    private static readonly TimeSpan DropWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResyncWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WritingAround = TimeSpan.FromSeconds(1);

    public static async Task<StormResult> RunAsync(LiveLoad load, int port, int count, int writers, double rate, CancellationToken ct)
    {
        using var proxy = new TcpProxy(port);
        await using var clients = await load.ConnectAsync(count, resume: true, via: proxy.BaseAddress, ct);
        var from = await load.PositionAsync(ct);
        clients.StartPhase();

        using var stopWriting = new CancellationTokenSource();
        var writing = Writers.PacedAsync(load.Options(), from.SiteId, Phase, writers, rate, long.MaxValue, stopWriting.Token, ct);
        (bool AllDropped, double DroppedSeconds, bool AllResynced, double? ResyncSeconds) storm;
        try
        {
            await Task.Delay(WritingAround, ct);
            storm = await CutAndHealAsync(clients, proxy, ct);
            await Task.Delay(WritingAround, ct);
        }
        finally
        {
            await stopWriting.CancelAsync();
        }

        var writes = await writing;
        var delivery = await load.SettleAsync(clients, Phase, writers, rate, from.LastSeq, writes, ct);
        return new StormResult(
            count,
            storm.AllDropped,
            storm.DroppedSeconds,
            storm.AllResynced,
            storm.ResyncSeconds,
            clients.All.Sum(c => c.Feed.Reconnects),
            clients.All.Sum(c => c.Feed.GapsFilled),
            delivery);
    }

    /// <summary>
    /// Cuts, waits until every client has noticed, heals, and times from the heal until the last
    /// client is live again: connected, rejoined and caught up on what it missed.
    /// </summary>
    private static async Task<(bool AllDropped, double DroppedSeconds, bool AllResynced, double? ResyncSeconds)> CutAndHealAsync(
        Subscribers clients, TcpProxy proxy, CancellationToken ct)
    {
        var dropsBefore = clients.All.Select(c => c.Drops).ToArray();
        var cutAt = Stopwatch.GetTimestamp();
        proxy.Cut();
        var allDropped = await clients.WaitUntilAllAsync((client, i) => client.Drops > dropsBefore[i], DropWait, ct);
        var droppedSeconds = Stopwatch.GetElapsedTime(cutAt).TotalSeconds;

        var healAt = Stopwatch.GetTimestamp();
        proxy.Heal();
        var allResynced = await clients.WaitUntilAllAsync((client, i) => client.Drops > dropsBefore[i] && client.LiveSinceDrop, ResyncWait, ct);
        // The last client's own moment of becoming live, not the poll that saw it.
        double? resyncSeconds = allResynced
            ? Math.Max(0, Stopwatch.GetElapsedTime(healAt, clients.All.Max(c => c.LiveAt)).TotalSeconds)
            : null;
        return (allDropped, droppedSeconds, allResynced, resyncSeconds);
    }
}
