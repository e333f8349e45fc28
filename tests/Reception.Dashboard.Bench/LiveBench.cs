using System.CommandLine;
using System.Text.Json;
using Reception.Dashboard.Bench.Live;

namespace Reception.Dashboard.Bench;

// Issue 16's benchmark: the live path at a thousand screens, beside the machine's floor, from
// outside a Release server process. Run: dotnet run -c Release --project tests/Reception.Dashboard.Bench -- live
public static class LiveBench
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(20);

    public static Command CreateCommand()
    {
        var clients = new Option<int>("--clients") { Description = "Subscribed SDK clients over WebSockets.", DefaultValueFactory = _ => 1000 };
        var writers = new Option<int>("--writers") { Description = "Writers creating posts through the SDK.", DefaultValueFactory = _ => 4 };
        var rate = new Option<double>("--rate") { Description = "Target writes per second, all writers together.", DefaultValueFactory = _ => 100 };
        var seconds = new Option<int>("--seconds") { Description = "Measured duration of the paced load.", DefaultValueFactory = _ => 20 };
        var pages = new Option<int>("--pages") { Description = "Board pages in headless Chromium for the memory per page; 0 skips them.", DefaultValueFactory = _ => 20 };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };
        var smoke = new Option<bool>("--smoke") { Description = "A tiny run that checks correctness only; its figures mean nothing." };
        var command = new Command("live", "Issue 16: N clients and M writers on a server process, saturation, memory, a reconnect storm, beside the machine's floor")
        {
            clients, writers, rate, seconds, pages, json, smoke,
        };
        command.SetAction((result, ct) =>
        {
            var plan = result.GetValue(smoke)
                ? LivePlan.Smoke(result.GetValue(pages))
                : new LivePlan(result.GetValue(clients), result.GetValue(writers), result.GetValue(rate), result.GetValue(seconds), result.GetValue(pages), 100, 32, 5);
            return RunAsync(plan, result.GetValue(json), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(LivePlan plan, string? jsonPath, CancellationToken ct)
    {
        if (plan.Clients < 1 || plan.Writers < 1 || plan.Rate <= 0 || plan.Seconds < 1 || plan.Pages < 0)
        {
            await Console.Error.WriteLineAsync("--clients, --writers, --rate and --seconds must be positive; --pages 0 or more.");
            return 2;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(RunLimit);
        var report = await LiveRun.RunAsync(plan, Console.Error, limit.Token);

        Console.WriteLine(LiveMarkdown.Render(report));
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), CancellationToken.None);
        }

        if (!report.Passed)
        {
            await Console.Error.WriteLineAsync("FAILED: a write was lost, doubled or reordered, or the storm did not heal; see the table.");
        }

        return report.Passed ? 0 : 1;
    }
}
