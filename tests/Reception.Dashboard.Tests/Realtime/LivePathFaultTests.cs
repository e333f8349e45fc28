using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Realtime;
using Reception.Dashboard.Tests.TestInfrastructure;
using Xunit.Abstractions;

namespace Reception.Dashboard.Tests.Realtime;

/// <summary>
/// Issue 15, fault tests 1 and 2, and the heartbeat's gap check: the live path under faults, as an
/// integrator meets it through the SDK. Whatever breaks (the server process, a client's link, a
/// single push), every event reaches every client once and in order. The figures go to the test
/// output for the issue's note.
/// </summary>
public sealed class LivePathFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WritingTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ServerKilledMidStream_AndRestarted_EveryAcknowledgedWriteReachesEveryClientOnceInOrder()
    {
        const int clientCount = 5;
        const int writerCount = 4;
        // Preparing the database and two cold starts of the server process take much of this on two busy cores.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;
        using var database = await PreparedDatabase.CreateAsync();
        var server = await ServerProcess.StartAsync(database.DatabasePath);
        var firstStartup = server.StartupTime;
        var feeds = new List<BoardFeed>();
        try
        {
            var recorders = new List<FeedRecorder>();
            for (var i = 0; i < clientCount; i++)
            {
                var feed = new BoardFeed(database.Options(server.BaseAddress));
                var recorder = new FeedRecorder(database.SiteId);
                recorder.Attach(feed);
                feeds.Add(feed);
                recorders.Add(recorder);
                // Not the test's deadline: a feed cancelled by it would stop quietly, and its failure read as missed posts.
                await feed.StartAsync();
            }

            await Task.WhenAll(feeds.Select(f => f.WaitUntilLiveAsync(ct)));

            IReadOnlySet<string> acknowledged;
            int acknowledgedBeforeKill, failed, retries;
            TimeSpan healed;
            await using (var writers = PostWriters.Start(database.Options(server.BaseAddress), database.SiteId, writerCount))
            {
                await Task.Delay(WritingTime, ct);
                acknowledgedBeforeKill = writers.Acknowledged;
                server.Kill();

                // The writers go on against a dead server, and then a starting one.
                var restartBegan = Stopwatch.GetTimestamp();
                server = await server.RestartAsync();
                await Task.WhenAll(recorders.Select(r => r.WaitUntilLiveAfterAsync(restartBegan, ct)));
                healed = Stopwatch.GetElapsedTime(restartBegan, recorders.Max(r => r.LiveSince));

                await Task.Delay(WritingTime, ct);
                acknowledged = await writers.StopAsync();
                failed = writers.Failed;
                retries = writers.Retries;
            }

            await WaitForPostsAsync(recorders, acknowledged);

            output.WriteLine($"Server killed (SIGKILL) after {WritingTime.TotalSeconds:0.#} s of writing, {clientCount} SDK clients, {writerCount} writers.");
            output.WriteLine($"Acknowledged writes: {acknowledged.Count} ({acknowledgedBeforeKill} before the kill); writes failed after the client's retries: {failed}; attempts retried: {retries}.");
            output.WriteLine($"Events checked per client: {string.Join(", ", recorders.Select(r => r.EventsChecked))}; gaps, duplicates or reorderings: {recorders.Sum(r => r.Violations.Count)}.");
            output.WriteLine($"Reconnects per client: {string.Join(", ", feeds.Select(f => f.Reconnects))}; gaps filled per client: {string.Join(", ", feeds.Select(f => f.GapsFilled))}.");
            output.WriteLine($"Server start-up (process start to /health 200): first {firstStartup.TotalSeconds:0.00} s, restart {server.StartupTime.TotalSeconds:0.00} s.");
            output.WriteLine($"Restart began to every client live again: {healed.TotalSeconds:0.00} s ({(healed - server.StartupTime).TotalSeconds:0.00} s after /health answered).");

            Assert.True(acknowledgedBeforeKill > 0, "No write was acknowledged before the kill: the server was not killed mid-stream.");
            Assert.All(feeds, f => Assert.True(f.Reconnects >= 1, "A client never lost its connection to the killed server."));
            for (var i = 0; i < recorders.Count; i++)
            {
                AssertEveryPostOnceInOrder(recorders[i], acknowledged, $"Client {i + 1}");
            }

            // Only acknowledged names: a write in flight when the writers stopped may have committed unanswered,
            // and reached some clients by now and others not yet. Unsorted: every client saw them in one order.
            var firstClientsPosts = recorders[0].PostNames.Where(acknowledged.Contains).ToList();
            Assert.All(recorders, r => Assert.Equal(firstClientsPosts, r.PostNames.Where(acknowledged.Contains)));
        }
        finally
        {
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync();
            }

            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConnectionCut_WhileWritesGoOn_ClientHealsWithEveryEventOnceInOrder()
    {
        var cutLength = FaultSettings.CutLength;
        using var timeout = new CancellationTokenSource(cutLength + TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        // The writers and the client share one token; its limit is not what is tested here.
        using var app = new TestApp(settings: new Dictionary<string, string> { ["RateLimits:TokenRequestsPerMinute"] = "1000000" });
        var site = await app.CreateSiteAsync();
        var token = await PreparedDatabase.CreateAccessTokenAsync(app, site.Id);
        using var proxy = new TcpProxy(app.BaseAddress.Port);
        var recorder = new FeedRecorder(site.Id);
        await using var feed = new BoardFeed(PreparedDatabase.ClientOptions(proxy.BaseAddress, token));
        recorder.Attach(feed);
        await feed.StartAsync(ct);
        await feed.WaitUntilLiveAsync(ct);

        IReadOnlySet<string> acknowledged;
        long healedAt;
        // Straight to the app, not through the proxy; paced so that even a minute's cut stays well within one catch-up.
        await using (var writers = PostWriters.Start(PreparedDatabase.ClientOptions(app.BaseAddress, token), site.Id, writers: 2, pause: TimeSpan.FromMilliseconds(50)))
        {
            await recorder.WaitForPostCountAsync(10, ct);
            proxy.Cut();
            await Task.Delay(cutLength, ct);
            healedAt = Stopwatch.GetTimestamp();
            proxy.Heal();
            await recorder.WaitUntilLiveAfterAsync(healedAt, ct);
            await Task.Delay(WritingTime, ct);
            acknowledged = await writers.StopAsync();
        }

        await WaitForPostsAsync([recorder], acknowledged);
        var healed = Stopwatch.GetElapsedTime(healedAt, recorder.LiveSince);

        output.WriteLine($"Connection cut for {cutLength.TotalSeconds:0.#} s ({FaultSettings.CutSecondsVariable}) while 2 writers went on.");
        output.WriteLine($"Acknowledged writes: {acknowledged.Count}; events checked: {recorder.EventsChecked}; gaps, duplicates or reorderings: {recorder.Violations.Count}.");
        output.WriteLine($"Heal to client live again: {healed.TotalSeconds:0.00} s; reconnects: {feed.Reconnects}; gaps filled: {feed.GapsFilled}.");

        Assert.True(feed.Reconnects >= 1, "The client never lost its connection through the cut proxy.");
        AssertEveryPostOnceInOrder(recorder, acknowledged, "The client");
    }

    [Fact]
    public async Task HeartbeatAhead_OfAMissedPush_ClientFetchesTheGapItself()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var connections = new HubConnectionLog();
        using var app = new TestApp(services: s => s.Configure<HubOptions>(o => o.AddFilter(connections)));
        var site = await app.CreateSiteAsync();
        var token = await PreparedDatabase.CreateAccessTokenAsync(app, site.Id);
        var recorder = new FeedRecorder(site.Id);
        // The default StaleAfter: the client must find the lost push from the heartbeat, not by reconnecting.
        await using var feed = new BoardFeed(new BoardClientOptions { BaseAddress = app.BaseAddress, AccessToken = token });
        recorder.Attach(feed);
        await feed.StartAsync(ct);
        await feed.WaitUntilLiveAsync(ct);
        // Another client of the site's group: once it has the push, the group's send is over.
        await using var witness = await BoardListener.JoinAsync(app, site.Id);
        var groups = app.Services.GetRequiredService<IHubContext<BoardHub, IBoardClient>>().Groups;
        var group = EventPublisher.GroupName(site.Id);
        var connectionId = connections.LastTokenConnection();
        var gapsBefore = feed.GapsFilled;

        await groups.RemoveFromGroupAsync(connectionId, group, ct);
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Pushed past the client", PostKind.Gate, null, 1), ct)).EnsureSuccessStatusCode();
        var missed = (await witness.NextEventsAsync(1)).Single();
        await groups.AddToGroupAsync(connectionId, group, ct);

        await WaitForPostsAsync([recorder], new HashSet<string> { "Pushed past the client" });

        output.WriteLine($"Gaps filled: {feed.GapsFilled - gapsBefore}; reconnects: {feed.Reconnects}; events checked: {recorder.EventsChecked}.");
        AssertEveryPostOnceInOrder(recorder, new HashSet<string> { "Pushed past the client" }, "The client");
        Assert.Equal(missed.Seq, feed.LastSeq(site.Id));
        Assert.True(feed.GapsFilled > gapsBefore, "The event arrived, but not through a fetch of the gap: the push was not lost.");
        Assert.Equal(0, feed.Reconnects);
    }

    /// <summary>Waits, bounded, for every client to hold every name; if some never come, the assertions after it say which.</summary>
    private static async Task WaitForPostsAsync(IEnumerable<FeedRecorder> recorders, IReadOnlySet<string> names)
    {
        using var catchUp = new CancellationTokenSource(CatchUpTimeout);
        try
        {
            await Task.WhenAll(recorders.Select(r => r.WaitForPostsAsync(names, catchUp.Token)));
        }
        catch (OperationCanceledException) when (catchUp.IsCancellationRequested)
        {
            // Reported by AssertEveryPostOnceInOrder.
        }
    }

    private static void AssertEveryPostOnceInOrder(FeedRecorder recorder, IReadOnlySet<string> acknowledged, string client)
    {
        var violations = recorder.Violations;
        Assert.True(violations.Count == 0, $"{client}, {violations.Count} times: {string.Join("; ", violations.Take(10))}");
        var duplicates = recorder.PostNames.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{client} got {duplicates.Count} posts more than once: {string.Join(", ", duplicates.Take(10))}");
        var missing = acknowledged.Except(recorder.PostNames).ToList();
        Assert.True(missing.Count == 0, $"{client} misses {missing.Count} acknowledged posts: {string.Join(", ", missing.Take(10))}");
    }
}
