using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Data;

public sealed class DatabaseTests
{
    [Fact]
    public async Task Start_EmptyDatabase_MigratesAndSeedsTheDemoSite()
    {
        using var app = new TestApp(seedDemoData: true);
        using var http = app.Http();

        var site = Assert.Single(await (await http.GetAsync("/api/sites")).ReadAsync<List<SiteDto>>());
        var snapshot = await (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadAsync<BoardSnapshot>();
        var staff = await (await http.GetAsync($"/api/sites/{site.Id}/staff")).ReadAsync<List<StaffDto>>();

        Assert.Equal(DemoData.SiteName, site.Name);
        Assert.Equal(12, snapshot.Posts.Count);
        Assert.Equal([ShiftKind.Morning, ShiftKind.Middle, ShiftKind.Night], snapshot.Shifts.Select(s => s.Kind));
        Assert.Equal(5, snapshot.Departments.Count);
        Assert.Equal(36, staff.Count);
        Assert.All(snapshot.Shifts, s => Assert.Equal(12, staff.Count(m => m.ShiftId == s.Id)));
        Assert.Empty(await app.QueryDbAsync(db => db.Database.GetPendingMigrationsAsync()));

        var units = await (await http.GetAsync($"/api/sites/{site.Id}/units")).ReadAsync<List<UnitDto>>();
        Assert.Equal(30, units.Count);
        var onDuty = await (await http.GetAsync($"/api/sites/{site.Id}/on-duty")).ReadAsync<OnDutyDto>();
        var running = Assert.Single(onDuty.Shifts);
        Assert.Equal(12, running.Entries.Count); // the demo roster covers today and tomorrow, so now always has a shift on duty
        Assert.Contains(running.Entries, e => e.Duty == DutyKind.Foreman);
    }

    [Fact]
    public async Task Start_DemoDataSwitchedOff_LeavesTheDatabaseEmpty()
    {
        using var app = new TestApp(seedDemoData: false);

        Assert.Equal(0, await app.QueryDbAsync(db => db.Sites.CountAsync()));
        Assert.True(File.Exists(app.DatabasePath));
    }

    [Fact]
    public async Task Start_TurnsOnWriteAheadLogging()
    {
        using var app = new TestApp();

        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Restart_SameDatabase_ContinuesTheSequenceInTheSameEpoch()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        SiteDto site;
        EventPage before;
        using (var first = new TestApp(folder: folder) { KeepFolder = true })
        {
            site = await first.CreateSiteAsync();
            using var http = first.Http();
            (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).EnsureSuccessStatusCode();
            before = await (await http.GetAsync($"/api/sites/{site.Id}/events")).ReadAsync<EventPage>();
        }

        using var second = new TestApp(folder: folder);
        await using var listener = await BoardListener.JoinAsync(second, site.Id);
        using var http2 = second.Http();
        (await http2.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Lobby", PostKind.Lobby, null, 2))).EnsureSuccessStatusCode();
        var pushed = (await listener.NextEventsAsync(1)).Single();

        Assert.Equal(2, listener.Joined!.LastSeq);
        Assert.Equal(3, pushed.Seq);
        Assert.Equal(before.Epoch, pushed.Epoch);
    }

    [Fact]
    public async Task NewDatabase_GetsANewEpoch()
    {
        using var one = new TestApp(seedDemoData: true);
        using var two = new TestApp(seedDemoData: true);
        using var http1 = one.Http();
        using var http2 = two.Http();

        var site1 = Assert.Single(await (await http1.GetAsync("/api/sites")).ReadAsync<List<SiteDto>>());
        var site2 = Assert.Single(await (await http2.GetAsync("/api/sites")).ReadAsync<List<SiteDto>>());
        var epoch1 = (await (await http1.GetAsync($"/api/sites/{site1.Id}/snapshot")).ReadAsync<BoardSnapshot>()).Epoch;
        var epoch2 = (await (await http2.GetAsync($"/api/sites/{site2.Id}/snapshot")).ReadAsync<BoardSnapshot>()).Epoch;

        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(site1.Id, epoch1); // the epoch names the history, not the site
    }
}
