using Reception.Dashboard.Bench.Live;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Realtime;

/// <summary>
/// The live benchmark's load (tests/Reception.Dashboard.Bench/Live), small, against a real server
/// process: its count of what reached every client is proven on every CI run, not only when someone
/// benchmarks, and a broken delivery fails here first.
/// </summary>
public sealed class LiveBenchSmokeTests
{
    private const int ClientCount = 20;
    private const int WriterCount = 2;
    private const int WriteCount = 50;

    [Fact]
    public async Task LiveBench_SmallRun_DeliversEveryWriteOnceInOrder()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var db = await PreparedDatabase.CreateAsync();
        await using var server = await ServerProcess.StartAsync(db.DatabasePath, settings: LiveLoad.ServerSettings);
        var load = new LiveLoad(db, server.BaseAddress) { DrainWait = TimeSpan.FromSeconds(10) };
        await using var clients = await load.ConnectAsync(ClientCount, resume: false, via: null, timeout.Token);

        var result = await load.PacedAsync(clients, "smoke", WriterCount, rate: 25, total: WriteCount, timeout.Token);

        Assert.True(result.Failed == 0, $"{result.Failed} writes failed, the first with: {result.FirstError}");
        Assert.Equal(WriteCount, result.Acknowledged);
        Assert.True(result.Drained, $"Not every client held the last write within the drain wait: {result}");
        Assert.Equal(0L, result.Lost);
        Assert.Equal(0L, result.Duplicated);
        Assert.Equal(0L, result.OutOfOrder);
        Assert.Equal(0, result.ExtraResets);
        Assert.Equal((long)WriteCount * ClientCount, result.Delivered);
        Assert.Equal(result.Delivered, result.WriteToClient.Count);
    }
}
