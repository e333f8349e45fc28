using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Realtime;

/// <summary>
/// Issue 15: the SDK feed's ways back other than fetching a gap, against the real app on Kestrel.
/// A first connection to a server that is not up yet keeps trying; a history that changed while
/// the client was away (a new epoch), or more missed than it may fetch, makes it start again from
/// a snapshot, and the events after it go on from that snapshot's sequence number.
/// </summary>
public sealed class FeedRecoveryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FirstConnect_ToAServerThatIsNotUpYet_KeepsTrying_AndGoesLiveWhenItStarts()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var ct = timeout.Token;
        // The site and the token are made first; the server that serves them starts later.
        using var database = await PreparedDatabase.CreateAsync();
        var port = FreePort();
        var handed = new Handovers();
        await using var feed = new BoardFeed(database.Options(new Uri($"http://127.0.0.1:{port}/")));
        handed.Attach(feed, database.SiteId);
        await feed.StartAsync();

        // Long enough for several refused attempts: the first delays are 200 ms, doubling.
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        Assert.Equal(BoardFeedState.Reconnecting, feed.State);
        Assert.Empty(handed.Snapshots);

        using var app = new TestApp(folder: database.Folder, port: port) { KeepFolder = true };
        await feed.WaitUntilLiveAsync(ct);
        await CreatePostAsync(app, database.SiteId, "After the start", ct);
        var arrived = await handed.WaitForPostAsync("After the start", ct);

        var snapshot = Assert.Single(handed.Snapshots);
        Assert.Equal(snapshot.Epoch, arrived.Epoch);
        Assert.Equal(snapshot.Seq + 1, arrived.Seq);
    }

    [Fact]
    public async Task EpochChanged_WhileAway_ClientStartsAgainFromASnapshot()
    {
        using var timeout = new CancellationTokenSource(Bound);
        var ct = timeout.Token;
        using var database = await PreparedDatabase.CreateAsync();
        using var first = new TestApp(folder: database.Folder) { KeepFolder = true };
        var port = first.BaseAddress.Port;
        var handed = new Handovers();
        await using var feed = new BoardFeed(database.Options(first.BaseAddress));
        handed.Attach(feed, database.SiteId);
        await feed.StartAsync();
        await feed.WaitUntilLiveAsync(ct);
        for (var i = 1; i <= 3; i++)
        {
            await CreatePostAsync(first, database.SiteId, $"Gate {i}", ct);
        }

        await handed.WaitForPostAsync("Gate 3", ct);
        var before = Assert.Single(handed.Snapshots);

        first.Dispose();
        var epoch = Guid.NewGuid();
        await ChangeEpochAsync(database.DatabasePath, database.SiteId, before.Epoch, epoch);
        using var second = new TestApp(folder: database.Folder, port: port) { KeepFolder = true };
        var after = await handed.WaitForSnapshotAsync(2, ct);
        await CreatePostAsync(second, database.SiteId, "After the change", ct);
        var arrived = await handed.WaitForPostAsync("After the change", ct);

        Assert.Equal(epoch, after.Epoch);
        Assert.Equal(epoch, feed.Epoch(database.SiteId));
        Assert.Equal(2, feed.Resets);
        Assert.Equal(epoch, arrived.Epoch);
        Assert.Equal(after.Seq + 1, arrived.Seq);
    }

    [Fact]
    public async Task TooManyMissed_ClientStartsAgainFromASnapshot_InsteadOfFetching()
    {
        const int missed = 20;
        using var timeout = new CancellationTokenSource(Bound);
        var ct = timeout.Token;
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var token = await PreparedDatabase.CreateAccessTokenAsync(app, site.Id);
        using var proxy = new TcpProxy(app.BaseAddress.Port);
        var quick = PreparedDatabase.ClientOptions(proxy.BaseAddress, token);
        var handed = new Handovers();
        await using var feed = new BoardFeed(new BoardClientOptions
        {
            BaseAddress = quick.BaseAddress,
            AccessToken = quick.AccessToken,
            StaleAfter = quick.StaleAfter,
            ReconnectDelay = quick.ReconnectDelay,
            MaxReconnectDelay = quick.MaxReconnectDelay,
            MaxCatchUp = 5,
        });
        handed.Attach(feed, site.Id);
        await feed.StartAsync();
        await feed.WaitUntilLiveAsync(ct);

        // The feed must have lost its connection before the writes: a live one would fetch them after a heartbeat.
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.StateChanged += state =>
        {
            if (state == BoardFeedState.Reconnecting)
            {
                lost.TrySetResult();
            }
        };
        proxy.Cut();
        await lost.Task.WaitAsync(ct);
        var names = Enumerable.Range(1, missed).Select(i => $"Missed {i:D2}").ToList();
        foreach (var name in names)
        {
            await CreatePostAsync(app, site.Id, name, ct);
        }

        var lastWritten = await LastSeqAsync(app, site.Id, ct);
        proxy.Heal();
        var snapshot = await handed.WaitForSnapshotAsync(2, ct);
        await CreatePostAsync(app, site.Id, "After the heal", ct);
        var arrived = await handed.WaitForPostAsync("After the heal", ct);

        Assert.True(snapshot.Seq >= lastWritten, $"The second snapshot is at seq {snapshot.Seq}, before the last write's {lastWritten}");
        Assert.Empty(names.Except(snapshot.Posts.Select(p => p.Name)));
        Assert.Empty(handed.Events.Select(PostName).Intersect(names));
        var afterReset = handed.EventsAfterSnapshot(2);
        Assert.Equal(Enumerable.Range(1, afterReset.Count).Select(i => snapshot.Seq + i), afterReset.Select(e => e.Seq));
        Assert.Equal(snapshot.Seq + 1, arrived.Seq);
        Assert.Equal(2, feed.Resets);
    }

    private static async Task CreatePostAsync(TestApp app, Guid siteId, string name, CancellationToken ct)
    {
        using var http = app.Http();
        using var response = await http.PostAsJsonAsync($"/api/sites/{siteId}/posts", new CreatePost(name, PostKind.Gate, null, 1), BoardJson.Options, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The site's last committed sequence number, read straight from the app.</summary>
    private static async Task<long> LastSeqAsync(TestApp app, Guid siteId, CancellationToken ct)
    {
        using var http = app.Http();
        using var response = await http.GetAsync($"/api/sites/{siteId}/events?after=0&limit=1", ct);
        return (await response.ReadAsync<EventPage>()).LastSeq;
    }

    /// <summary>
    /// Gives the site another epoch in the database file, as a database restored from a backup or
    /// replaced would come back; the server must be down. EF Core keeps Guids in SQLite as uppercase
    /// TEXT: matching the old epoch written that way proves the new one is written as EF Core reads it.
    /// </summary>
    private static async Task ChangeEpochAsync(string databasePath, Guid siteId, Guid from, Guid to)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = """UPDATE "SiteStreams" SET "Epoch" = $to WHERE "SiteId" = $site AND "Epoch" = $from""";
        update.Parameters.AddWithValue("$to", to.ToString().ToUpperInvariant());
        update.Parameters.AddWithValue("$site", siteId.ToString().ToUpperInvariant());
        update.Parameters.AddWithValue("$from", from.ToString().ToUpperInvariant());
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>A loopback port nobody listens on, for a server that starts later.</summary>
    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The name of the post an event created, or null for any other event.</summary>
    private static string? PostName(BoardEvent e) => e.Type == EventTypes.PostCreated ? e.DataAs<PostChanged>().Name : null;

    /// <summary>
    /// What a feed handed over for one site, in order: its snapshots, and each event with the number
    /// of snapshots handed over before it. Unlike <see cref="FeedRecorder"/>, later snapshots are expected here.
    /// </summary>
    private sealed class Handovers
    {
        private readonly Lock _lock = new();
        private readonly List<BoardSnapshot> _snapshots = [];
        private readonly List<(int Snapshots, BoardEvent Event)> _events = [];
        private TaskCompletionSource _changed = NewSignal();

        public IReadOnlyList<BoardSnapshot> Snapshots
        {
            get
            {
                lock (_lock)
                {
                    return [.. _snapshots];
                }
            }
        }

        public IReadOnlyList<BoardEvent> Events
        {
            get
            {
                lock (_lock)
                {
                    return [.. _events.Select(e => e.Event)];
                }
            }
        }

        /// <summary>Follows the site on <paramref name="feed"/>; call before it starts.</summary>
        public void Attach(BoardFeed feed, Guid siteId) => feed.Follow(siteId, OnEvent, OnReset);

        /// <summary>The events handed over after the <paramref name="number"/>th snapshot (counting from 1) and before the next.</summary>
        public IReadOnlyList<BoardEvent> EventsAfterSnapshot(int number)
        {
            lock (_lock)
            {
                return [.. _events.Where(e => e.Snapshots == number).Select(e => e.Event)];
            }
        }

        /// <summary>Waits for the <paramref name="number"/>th snapshot (counting from 1) and returns it.</summary>
        public Task<BoardSnapshot> WaitForSnapshotAsync(int number, CancellationToken ct) =>
            WaitForAsync(() => _snapshots.Count >= number ? _snapshots[number - 1] : null, ct);

        /// <summary>Waits for the event that created the post named <paramref name="name"/> and returns it.</summary>
        public Task<BoardEvent> WaitForPostAsync(string name, CancellationToken ct) =>
            WaitForAsync(() => _events.Select(e => e.Event).FirstOrDefault(e => PostName(e) == name), ct);

        /// <summary>Looks with <paramref name="find"/>, under the lock, each time something is handed over.</summary>
        private async Task<T> WaitForAsync<T>(Func<T?> find, CancellationToken ct)
            where T : class
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (find() is { } found)
                    {
                        return found;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(ct);
            }
        }

        private Task OnReset(BoardSnapshot snapshot)
        {
            lock (_lock)
            {
                _snapshots.Add(snapshot);
                Signal();
            }

            return Task.CompletedTask;
        }

        private Task OnEvent(BoardEvent e)
        {
            lock (_lock)
            {
                _events.Add((_snapshots.Count, e));
                Signal();
            }

            return Task.CompletedTask;
        }

        private void Signal()
        {
            _changed.TrySetResult();
            _changed = NewSignal();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
