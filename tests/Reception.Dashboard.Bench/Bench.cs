using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;
using Spectre.Console;

namespace Reception.Dashboard.Bench;

// Measures the event spine end to end: HTTP write → commit → publisher → SignalR client, on real
// Kestrel with a real SQLite file. Run in Release: dotnet run -c Release --project tests/Reception.Dashboard.Bench
public static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        var writesOption = new Option<int>("--writes") { Description = "How many writes to send.", DefaultValueFactory = _ => 1000 };
        var concurrencyOption = new Option<int>("--concurrency") { Description = "How many writers at once.", DefaultValueFactory = _ => 16 };
        var root = new RootCommand("Reception.Dashboard event-stream benchmark") { writesOption, concurrencyOption };
        root.SetAction(result => RunAsync(result.GetValue(writesOption), result.GetValue(concurrencyOption)));

        var postsOption = new Option<int>("--posts") { Description = "How many posts take part in the visit.", DefaultValueFactory = _ => 100 };
        var visitConcurrency = new Option<int>("--concurrency") { Description = "How many guards tick at once.", DefaultValueFactory = _ => 16 };
        var visit = new Command("visit", "A level-1 visit: guards' ticks to the board, then the T-30 burst through the scheduler") { postsOption, visitConcurrency };
        visit.SetAction(result => VisitBench.RunAsync(result.GetValue(postsOption), result.GetValue(visitConcurrency)));
        root.Subcommands.Add(visit);
        root.Subcommands.Add(LiveBench.CreateCommand());
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(int writes, int concurrency)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync("Bench Plaza");
        using var http = app.Http();

        var started = new ConcurrentDictionary<string, long>();
        var pushLatencies = new ConcurrentBag<double>();
        var received = new List<long>();
        var allReceived = new TaskCompletionSource();
        await using var hub = app.HubConnection();
        hub.On<BoardEvent>("ReceiveEvent", e =>
        {
            if (e.Type != EventTypes.PostCreated)
            {
                return; // the site's own creation may still be in flight when the bench joins
            }

            var name = e.DataAs<PostChanged>().Name;
            pushLatencies.Add(Stopwatch.GetElapsedTime(started[name]).TotalMilliseconds);
            lock (received)
            {
                received.Add(e.Seq);
                if (received.Count == writes)
                {
                    allReceived.TrySetResult();
                }
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<StreamPosition>("JoinSite", site.Id);

        // Warm up the JIT and the connection pools, then measure.
        for (var i = 0; i < 20; i++)
        {
            await http.GetAsync($"/api/sites/{site.Id}/posts");
        }

        var writeLatencies = new ConcurrentBag<double>();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, writes), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var name = $"Post {i:D6}";
            started[name] = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost(name, PostKind.Gate, null, i % 1000), BoardJson.Options, ct);
            response.EnsureSuccessStatusCode();
            writeLatencies.Add(Stopwatch.GetElapsedTime(started[name]).TotalMilliseconds);
        });
        var writeSeconds = total.Elapsed.TotalSeconds;
        await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var deliveredSeconds = total.Elapsed.TotalSeconds;

        var inOrder = received.SequenceEqual(Enumerable.Range(2, writes).Select(i => (long)i));

        var catchUp = Stopwatch.StartNew();
        long after = 0;
        var read = 0;
        EventPage page;
        do
        {
            page = (await http.GetFromJsonAsync<EventPage>($"/api/sites/{site.Id}/events?after={after}&limit=1000", BoardJson.Options))!;
            read += page.Events.Count;
            after = page.Events.Count > 0 ? page.Events[^1].Seq : after;
        }
        while (page.HasMore);
        var catchUpMs = catchUp.Elapsed.TotalMilliseconds;

        var table = new Table().AddColumns("measure", "value");
        table.AddRow("writes × concurrency", $"{writes} × {concurrency}");
        table.AddRow("write throughput", $"{writes / writeSeconds:F0} writes/s");
        table.AddRow("write latency p50 / p95 / p99", Percentiles(writeLatencies));
        table.AddRow("write → hub client p50 / p95 / p99", Percentiles(pushLatencies));
        table.AddRow("all delivered after", $"{deliveredSeconds:F2} s");
        table.AddRow("delivered in order, no gaps", inOrder ? "yes" : "NO");
        table.AddRow($"catch-up read of {read} events", $"{catchUpMs:F0} ms");
        table.AddRow("server working set", $"{Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MiB (bench and server share the process)");
        AnsiConsole.Write(table);
        return inOrder ? 0 : 1;
    }

    private static string Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return $"{At(0.50):F1} / {At(0.95):F1} / {At(0.99):F1} ms";
    }
}
