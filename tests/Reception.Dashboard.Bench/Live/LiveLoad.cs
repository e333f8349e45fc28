using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Bench.Live;

/// <summary>
/// The live path under load, from outside: SDK clients subscribed to a server process, SDK writers
/// creating posts, and a count of what reached whom, checked against the server's own log. The
/// bench's <c>live</c> command and the suite's smoke test both run it.
/// </summary>
public sealed class LiveLoad(PreparedDatabase db, Uri server)
{
    /// <summary>For the server process: no rate limit in the way of one token shared by a thousand clients; the production heartbeat.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServerSettings = new Dictionary<string, string>
    {
        ["RateLimits:TokenRequestsPerMinute"] = "100000000",
        ["RateLimits:SignInPerMinute"] = "100000",
        ["Realtime:HeartbeatInterval"] = "00:00:03",
    };

    private const int LogPageSize = 1000;

    /// <summary>How long, after the last write, every client may take to hold it before what it lacks counts as lost.</summary>
    public TimeSpan DrainWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The SDK's defaults, as a screen runs it (not the fault tests' quicker ones), with the prepared token.</summary>
    /// <param name="via">Another way to the server, such as a proxy; the server itself by default.</param>
    public BoardClientOptions Options(Uri? via = null) => new() { BaseAddress = via ?? server, AccessToken = db.AccessToken };

    /// <summary>The site's epoch and last sequence number now.</summary>
    public async Task<StreamPosition> PositionAsync(CancellationToken ct)
    {
        using var commands = new BoardCommands(Options());
        var page = await commands.GetEventsAsync(db.SiteId, long.MaxValue, 1, ct);
        return new StreamPosition(db.SiteId, page.Epoch, page.LastSeq);
    }

    /// <summary>Connects <paramref name="count"/> clients and returns once all are live.</summary>
    /// <param name="resume">
    /// Start from the site's position now instead of a snapshot. The bench's own writes make the
    /// site's snapshot grow to thousands of posts, which no real board has; loading that a thousand
    /// times would measure the bench.
    /// </param>
    public async Task<Subscribers> ConnectAsync(int count, bool resume, Uri? via, CancellationToken ct)
    {
        var from = resume ? await PositionAsync(ct) : null;
        return await Subscribers.ConnectAsync(Options(via), db.SiteId, count, from, ct);
    }

    /// <summary>JIT, connection pools and the database's first pages, before anything is measured.</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await using var clients = await ConnectAsync(10, resume: false, via: null, ct);
        await PacedAsync(clients, "warm-up", writers: 2, rate: 50, total: 50, ct);
    }

    /// <summary><paramref name="total"/> writes at <paramref name="rate"/> per second in all, then the count.</summary>
    public async Task<DeliveryResult> PacedAsync(Subscribers clients, string phase, int writers, double rate, int total, CancellationToken ct)
    {
        var from = await PositionAsync(ct);
        clients.StartPhase();
        var writes = await Writers.PacedAsync(Options(), db.SiteId, phase, writers, rate, total, CancellationToken.None, ct);
        return await SettleAsync(clients, phase, writers, rate, from.LastSeq, writes, ct);
    }

    /// <summary>Writers as fast as they go for <paramref name="duration"/>, then the count.</summary>
    public async Task<DeliveryResult> SaturateAsync(Subscribers clients, int writers, TimeSpan duration, CancellationToken ct)
    {
        const string phase = "saturation";
        var from = await PositionAsync(ct);
        clients.StartPhase();
        var writes = await Writers.FlatOutAsync(Options(), db.SiteId, phase, writers, duration, ct);
        return await SettleAsync(clients, phase, writers, null, from.LastSeq, writes, ct);
    }

    /// <summary>
    /// Waits, at most <see cref="DrainWait"/>, until every client holds the last acknowledged write,
    /// then counts what each received of the writes.
    /// </summary>
    /// <param name="after">The site's last sequence number before the first of <paramref name="writes"/>.</param>
    public async Task<DeliveryResult> SettleAsync(
        Subscribers clients, string phase, int writers, double? rate, long after, IReadOnlyList<WriteRecord> writes, CancellationToken ct)
    {
        var seqByName = await SeqByNameAsync(after, ct);
        var last = writes.Where(w => w.Acknowledged).Select(w => seqByName.GetValueOrDefault(w.Name)).DefaultIfEmpty(0L).Max();
        var drained = await clients.WaitUntilAllAsync((client, _) => client.LastSeq >= last, DrainWait, ct);
        return Delivery.Tally(phase, clients.All, writers, rate, writes, seqByName, drained);
    }

    /// <summary>The server's log after <paramref name="after"/>: which sequence number each created post got.</summary>
    private async Task<Dictionary<string, long>> SeqByNameAsync(long after, CancellationToken ct)
    {
        using var commands = new BoardCommands(Options());
        var seqByName = new Dictionary<string, long>();
        EventPage page;
        do
        {
            page = await commands.GetEventsAsync(db.SiteId, after, LogPageSize, ct);
            foreach (var boardEvent in page.Events)
            {
                if (boardEvent.Type == EventTypes.PostCreated)
                {
                    seqByName[boardEvent.DataAs<PostChanged>().Name] = boardEvent.Seq;
                }

                after = boardEvent.Seq;
            }
        }
        while (page.HasMore);

        return seqByName;
    }
}
