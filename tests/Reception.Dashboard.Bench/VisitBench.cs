using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;
using Spectre.Console;

namespace Reception.Dashboard.Bench;

// A level-1 visit on a big site: guards' ticks reaching the board, then the T-30 burst, when every open
// item turns late at once through the scheduler. The app's clock is a FakeTimeProvider, so T-30 comes
// when the bench says; latencies are wall-clock.
public static class VisitBench
{
    public static async Task<int> RunAsync(int posts, int concurrency)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock);
        var site = await app.CreateSiteAsync("Visit Bench Plaza");
        using var http = app.Http();
        var postIds = new List<Guid>();
        for (var i = 0; i < posts; i++)
        {
            var created = await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost($"Gate {i:D4}", PostKind.Gate, null, i), BoardJson.Options);
            postIds.Add((await created.Content.ReadFromJsonAsync<PostDto>(BoardJson.Options))!.Id);
        }

        var announced = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync($"/api/sites/{site.Id}/visits",
            new AnnounceVisit("Bench delegation", 1, clock.GetUtcNow().UtcDateTime.AddMinutes(45), postIds.Take(10).ToList()), BoardJson.Options);
        response.EnsureSuccessStatusCode();
        var announceMs = announced.Elapsed.TotalMilliseconds;
        var visit = (await response.Content.ReadFromJsonAsync<VisitDetailDto>(BoardJson.Options))!;
        var items = visit.Posts.SelectMany(p => p.Items).ToList();
        var toTick = visit.Posts.Take(visit.Posts.Count / 2).SelectMany(p => p.Items).ToList();

        var started = new ConcurrentDictionary<Guid, long>();
        var pushLatencies = new ConcurrentBag<double>();
        var ticked = new TaskCompletionSource();
        var late = new TaskCompletionSource();
        var ticks = 0;
        var lates = 0;
        var expectedLate = items.Count - toTick.Count;
        await using var hub = app.HubConnection();
        hub.On<BoardEvent>("ReceiveEvent", e =>
        {
            if (e.Type == EventTypes.ItemTicked && started.TryGetValue(e.DataAs<ChecklistItemChanged>().ItemId, out var at))
            {
                pushLatencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                if (Interlocked.Increment(ref ticks) == toTick.Count)
                {
                    ticked.TrySetResult();
                }
            }
            else if (e.Type == EventTypes.ItemLate && Interlocked.Increment(ref lates) == expectedLate)
            {
                late.TrySetResult();
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<StreamPosition>("JoinSite", site.Id);

        var tickLatencies = new ConcurrentBag<double>();
        var tickClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(toTick, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, ct) =>
        {
            started[item.Id] = Stopwatch.GetTimestamp();
            var tick = await http.PostAsync($"/api/sites/{site.Id}/visits/{visit.Visit.Id}/items/{item.Id}/tick", null, ct);
            tick.EnsureSuccessStatusCode();
            tickLatencies.Add(Stopwatch.GetElapsedTime(started[item.Id]).TotalMilliseconds);
        });
        var tickSeconds = tickClock.Elapsed.TotalSeconds;
        await ticked.Task.WaitAsync(TimeSpan.FromMinutes(2));

        var burst = Stopwatch.StartNew();
        clock.Advance(TimeSpan.FromMinutes(16));
        await late.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var burstSeconds = burst.Elapsed.TotalSeconds;

        var board = Stopwatch.StartNew();
        await http.GetAsync($"/api/sites/{site.Id}/visits/{visit.Visit.Id}");
        var boardMs = board.Elapsed.TotalMilliseconds;

        var table = new Table().AddColumns("measure", "value");
        table.AddRow("posts in the visit / checklist items", $"{visit.Posts.Count} / {items.Count}");
        table.AddRow("announce (plan, snapshot, deadlines armed)", $"{announceMs:F0} ms");
        table.AddRow("ticks × concurrency", $"{toTick.Count} × {concurrency}");
        table.AddRow("tick throughput", $"{toTick.Count / tickSeconds:F0} ticks/s");
        table.AddRow("tick latency p50 / p95 / p99", Percentiles(tickLatencies));
        table.AddRow("tick → hub client p50 / p95 / p99", Percentiles(pushLatencies));
        table.AddRow($"T-30: {expectedLate} items late, all on the hub after", $"{burstSeconds:F2} s");
        table.AddRow("visit board read after the burst", $"{boardMs:F0} ms");
        table.AddRow("process working set", $"{Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MiB (bench and server share the process)");
        AnsiConsole.Write(table);
        return 0;
    }

    private static string Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"{At(0.50):F1} / {At(0.95):F1} / {At(0.99):F1} ms";
    }
}
