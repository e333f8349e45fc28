using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Bench.Live;

/// <summary>
/// The whole run of issue 16's benchmark, in order: the floor; the server process on a fresh
/// database; memory per board page and per idle hub client; the paced load on every client;
/// saturation; the reconnect storm.
/// </summary>
public static class LiveRun
{
    // Long enough for the server to finish what connecting started before its memory is read.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<LiveReport> RunAsync(LivePlan plan, TextWriter progress, CancellationToken ct)
    {
        var machine = MachineInfo.Current();
        progress.WriteLine("Preparing a fresh database (demo data off) with a site and an access token…");
        using var db = await PreparedDatabase.CreateAsync();

        progress.WriteLine("Measuring the floor: SQLite commits and WebSocket round trips…");
        var floor = await Floor.MeasureAsync(db.Folder, ct);

        progress.WriteLine("Starting the server as its own process…");
        await using var server = await ServerProcess.StartAsync(db.DatabasePath, settings: LiveLoad.ServerSettings);
        var load = new LiveLoad(db, server.BaseAddress);
        await load.WarmUpAsync(ct);

        var (memory, connectSeconds, live) = await MemoryAndPacedAsync(plan, db, server, load, progress, ct);

        progress.WriteLine($"Saturation: {plan.SaturationWriters} writers as fast as they go, {plan.SaturationClients} clients…");
        DeliveryResult saturation;
        await using (var clients = await load.ConnectAsync(plan.SaturationClients, resume: true, via: null, ct))
        {
            saturation = await load.SaturateAsync(clients, plan.SaturationWriters, TimeSpan.FromSeconds(plan.SaturationSeconds), ct);
        }

        progress.WriteLine($"Reconnect storm: {plan.Clients} clients through a proxy, reset at once while writes go on…");
        // Writes go on through the storm at a rate the server sustains for this many clients, so the
        // time measured is the resync's, not a backlog's.
        var storm = await ReconnectStorm.RunAsync(load, server.Port, plan.Clients, plan.Writers, Math.Min(plan.Rate, StormRate), ct);

        return new LiveReport(machine, plan, server.StartupTime.TotalSeconds, floor, connectSeconds, live, saturation, memory, storm);
    }

    /// <summary>
    /// Server memory before and after opening board pages, then after connecting the idle clients
    /// on top of them; then, pages closed, the paced writes on those clients.
    /// </summary>
    /// <summary>Writes per second during the reconnect storm.</summary>
    public const double StormRate = 20;

    private static async Task<(MemoryResult Memory, double ConnectSeconds, DeliveryResult Live)> MemoryAndPacedAsync(
        LivePlan plan, PreparedDatabase db, ServerProcess server, LiveLoad load, TextWriter progress, CancellationToken ct)
    {
        // ServerProcess.ProcessId: the server's own pid (the dotnet host runs it in-process).
        var baseline = Proc.RssKilobytes(server.ProcessId);
        var withPages = baseline;
        BoardPages? pages = null;
        try
        {
            if (plan.Pages > 0)
            {
                progress.WriteLine($"Opening {plan.Pages} board pages in headless Chromium…");
                pages = await BoardPages.OpenAsync(server.BaseAddress, db.SiteId, plan.Pages);
                await Task.Delay(Settle, ct);
                withPages = Proc.RssKilobytes(server.ProcessId);
            }

            progress.WriteLine($"Connecting {plan.Clients} clients…");
            await using var clients = await load.ConnectAsync(plan.Clients, resume: false, via: null, ct);
            await Task.Delay(Settle, ct);
            var memory = new MemoryResult(baseline, plan.Pages, withPages, plan.Clients, Proc.RssKilobytes(server.ProcessId));

            // The pages would follow every write too; the paced load measures the hub clients alone.
            if (pages is not null)
            {
                await pages.DisposeAsync();
                pages = null;
            }

            progress.WriteLine($"Paced load: {plan.Writers} writers, {plan.PacedWrites} writes at {plan.Rate} writes/s, {plan.Clients} clients…");
            var live = await load.PacedAsync(clients, "live", plan.Writers, plan.Rate, plan.PacedWrites, ct);
            return (memory, clients.ConnectTime.TotalSeconds, live);
        }
        finally
        {
            if (pages is not null)
            {
                await pages.DisposeAsync();
            }
        }
    }
}
