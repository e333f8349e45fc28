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
    /// Writes <paramref name="total"/> posts at <paramref name="rate"/> per second in all, open loop:
    /// write i is sent when it is due (i ÷ rate seconds in), whether or not earlier ones have been
    /// answered, over <paramref name="writers"/> HTTP clients in turn, with at most
    /// <see cref="MaxInFlight"/> unanswered. Its latency runs from when it was due, so a server
    /// that falls behind the schedule shows it in the percentiles rather than in a lower rate.
    /// </summary>
    /// <param name="stop">Ends the writing early (no write is cut short); the storm writes until told.</param>
    public static async Task<IReadOnlyList<WriteRecord>> PacedAsync(
        BoardClientOptions options, Guid siteId, string phase, int writers, double rate, long total, CancellationToken stop, CancellationToken ct)
    {
        var clients = Enumerable.Range(0, writers).Select(_ => new BoardCommands(options)).ToArray();
        try
        {
            using var inFlight = new SemaphoreSlim(MaxInFlight);
            var start = Stopwatch.GetTimestamp();
            var writes = new List<Task<WriteRecord>>();
            for (long index = 0; index < total && !stop.IsCancellationRequested; index++)
            {
                var due = start + (long)(index / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                await inFlight.WaitAsync(ct);
                var (client, number) = (clients[index % writers], index);
                writes.Add(Task.Run(async () =>
                {
                    try
                    {
                        return await WriteAsync(client, siteId, phase, number, due, ct);
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }, ct));
            }

            return await Task.WhenAll(writes);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The most writes of a paced phase waiting for their answers at once.</summary>
    public const int MaxInFlight = 256;

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
                records.Add(await WriteAsync(commands, siteId, phase, Interlocked.Increment(ref next), Stopwatch.GetTimestamp(), ct));
            }

            return records;
        }, ct)));
        return [.. perWriter.SelectMany(records => records)];
    }

    private static async Task<WriteRecord> WriteAsync(BoardCommands commands, Guid siteId, string phase, long index, long started, CancellationToken ct)
    {
        var name = $"{phase} {index:D7}";
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
