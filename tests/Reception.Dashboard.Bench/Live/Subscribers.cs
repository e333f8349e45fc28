using System.Diagnostics;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Bench.Live;

/// <summary>Many subscribed screens on one site, connected in parallel batches.</summary>
public sealed class Subscribers : IAsyncDisposable
{
    // Enough at once to load the server's connect path; few enough that the batch's snapshots and
    // joins do not time out behind each other on two cores.
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private Subscribers(IReadOnlyList<Subscriber> all, TimeSpan connectTime)
    {
        All = all;
        ConnectTime = connectTime;
    }

    public IReadOnlyList<Subscriber> All { get; }

    /// <summary>From the first connect until the last client was live.</summary>
    public TimeSpan ConnectTime { get; }

    /// <summary>Connects <paramref name="count"/> clients and returns once every one is live.</summary>
    /// <param name="from">Where they resume without a first snapshot; null has each load one, as a screen opening does.</param>
    public static async Task<Subscribers> ConnectAsync(BoardClientOptions options, Guid siteId, int count, StreamPosition? from, CancellationToken ct)
    {
        var all = new List<Subscriber>(count);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var start = 0; start < count; start += BatchSize)
            {
                var batch = Enumerable.Range(0, Math.Min(BatchSize, count - start)).Select(_ => new Subscriber(options, siteId, from)).ToList();
                all.AddRange(batch);
                await Task.WhenAll(batch.Select(async s =>
                {
                    await s.Feed.StartAsync(ct);
                    await s.Feed.WaitUntilLiveAsync(ct);
                }));
            }
        }
        catch
        {
            await DisposeAllAsync(all);
            throw;
        }

        return new Subscribers(all, clock.Elapsed);
    }

    public void StartPhase()
    {
        foreach (var subscriber in All)
        {
            subscriber.StartPhase();
        }
    }

    /// <summary>Waits until <paramref name="holds"/> is true of every client (given with its index); false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitUntilAllAsync(Func<Subscriber, int, bool> holds, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!All.Select(holds).All(held => held))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, ct);
        }

        return true;
    }

    public ValueTask DisposeAsync() => new(DisposeAllAsync(All));

    private static Task DisposeAllAsync(IEnumerable<Subscriber> subscribers) =>
        Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
}
