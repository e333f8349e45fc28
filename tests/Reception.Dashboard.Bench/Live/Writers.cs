using System.Diagnostics;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Bench.Live;

/// <summary>One write: the post's unique name, when the call started and ended (<see cref="Stopwatch"/> timestamps), and why it failed if it did.</summary>
public sealed record WriteRecord(string Name, long StartedAt, long EndedAt, string? Error)
{
    public bool Acknowledged => Error is null;

    public double Milliseconds => Stopwatch.GetElapsedTime(StartedAt, EndedAt).TotalMilliseconds;
}

/// <summary>Writers creating posts through the SDK's commands, each with its own HTTP client.</summary>
public static class Writers
{
    /// <summary>
    /// Writes <paramref name="total"/> posts at <paramref name="rate"/> per second in all. Write i is
    /// due at i ÷ rate seconds and belongs to writer i mod <paramref name="writers"/>: each writer
    /// keeps its own schedule, so a slow answer makes it catch up rather than shift every later write.
    /// </summary>
    /// <param name="stop">Ends the writing early (no write is cut short); the storm writes until told.</param>
    public static async Task<IReadOnlyList<WriteRecord>> PacedAsync(
        BoardClientOptions options, Guid siteId, string phase, int writers, double rate, long total, CancellationToken stop, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            using var commands = new BoardCommands(options);
            var records = new List<WriteRecord>();
            for (long index = writer; index < total && !stop.IsCancellationRequested; index += writers)
            {
                var wait = TimeSpan.FromSeconds(index / rate) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                records.Add(await WriteAsync(commands, siteId, phase, index, ct));
            }

            return records;
        }, ct)));
        return [.. perWriter.SelectMany(records => records)];
    }

    /// <summary>Writes as fast as <paramref name="writers"/> callers can, one write each at a time, for <paramref name="duration"/>.</summary>
    public static async Task<IReadOnlyList<WriteRecord>> FlatOutAsync(
        BoardClientOptions options, Guid siteId, string phase, int writers, TimeSpan duration, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        long next = -1;
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            using var commands = new BoardCommands(options);
            var records = new List<WriteRecord>();
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                records.Add(await WriteAsync(commands, siteId, phase, Interlocked.Increment(ref next), ct));
            }

            return records;
        }, ct)));
        return [.. perWriter.SelectMany(records => records)];
    }

    private static async Task<WriteRecord> WriteAsync(BoardCommands commands, Guid siteId, string phase, long index, CancellationToken ct)
    {
        var name = $"{phase} {index:D7}";
        var started = Stopwatch.GetTimestamp();
        try
        {
            await commands.CreatePostAsync(siteId, new CreatePost(name, PostKind.Gate, null, (int)(index % 1000)), ct: ct);
            return new WriteRecord(name, started, Stopwatch.GetTimestamp(), null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Counted, not fatal: a refusal is reported beside the deliveries, and its event, if it
            // was written after all, is simply not expected.
            return new WriteRecord(name, started, Stopwatch.GetTimestamp(), ex.Message);
        }
    }
}
