using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// The demo's visit at a restart: the product's own visit moves back to 45 minutes away, as the system;
/// one a person has worked on is theirs and stays where they put it.
/// </summary>
public sealed class DemoVisitTests
{
    [Fact]
    public async Task DemoRestart_UntouchedVisit_IsReanchoredByTheSystem()
    {
        var folder = NewFolder();
        Visit before;
        using (var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true })
        {
            before = Assert.Single(await DemoVisitsAsync(first));
        }

        var restarted = DateTime.UtcNow;
        using var second = new TestApp(seedDemoData: true, folder: folder);
        var after = Assert.Single(await DemoVisitsAsync(second));

        Assert.Equal((before.Id, VisitStatus.Planned), (after.Id, after.Status));
        Assert.InRange(after.Arrival, restarted + DemoVisit.Ahead, DateTime.UtcNow + DemoVisit.Ahead);
        var events = await second.QueryDbAsync(db => db.Events.AsNoTracking().Where(e => e.VisitId == before.Id).OrderBy(e => e.Seq).ToListAsync());
        // The demo's own writes and its deadlines firing: the system's, never a person's.
        Assert.All(events, e => Assert.Equal("system", e.ActorKind));
        Assert.Equal(DemoVisit.ActorName, events.Last(e => e.Type == EventTypes.VisitRescheduled).ActorId);

        using var http = second.Http();
        var timeline = await (await http.GetAsync($"/api/sites/{after.SiteId}/visits/{after.Id}/timeline")).ReadAsync<List<VisitTimelineEntry>>();
        var moved = timeline.Last(t => t.Type == EventTypes.VisitRescheduled);
        Assert.Equal("System (demo data)", moved.Actor);
        Assert.Null(moved.ActorRole);
        Assert.Equal("System (demo data)", timeline.First(t => t.Type == EventTypes.VisitAnnounced).Actor);
    }

    [Fact]
    public async Task DemoRestart_AfterAPersonMovedTheVisit_LeavesItWhereTheyPutIt()
    {
        var folder = NewFolder();
        VisitDto moved;
        using (var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true })
        {
            var demo = Assert.Single(await DemoVisitsAsync(first));
            var command = await first.SignInAsync("command", DemoData.DemoPassword);
            moved = await (await VisitSite.PostAsync(command, $"/api/sites/{demo.SiteId}/visits/{demo.Id}/reschedule", new RescheduleVisit(DateTime.UtcNow.AddHours(3))))
                .ReadAsync<VisitDto>();
        }

        using var second = new TestApp(seedDemoData: true, folder: folder);
        var after = Assert.Single(await DemoVisitsAsync(second));

        Assert.Equal((moved.Id, moved.Arrival), (after.Id, after.Arrival));
        var lastMove = await second.QueryDbAsync(db => db.Events.AsNoTracking()
            .Where(e => e.VisitId == moved.Id && e.Type == EventTypes.VisitRescheduled).OrderByDescending(e => e.Seq).FirstAsync());
        Assert.Equal("user", lastMove.ActorKind);
    }

    [Fact]
    public async Task DemoRestart_AfterAPersonCancelledTheVisit_AnnouncesAFreshOne()
    {
        var folder = NewFolder();
        Guid cancelled;
        using (var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true })
        {
            var demo = Assert.Single(await DemoVisitsAsync(first));
            var command = await first.SignInAsync("command", DemoData.DemoPassword);
            (await VisitSite.PostAsync(command, $"/api/sites/{demo.SiteId}/visits/{demo.Id}/cancel", new CancelVisit("Postponed"))).EnsureSuccessStatusCode();
            cancelled = demo.Id;
        }

        using var second = new TestApp(seedDemoData: true, folder: folder);
        var visits = await DemoVisitsAsync(second);

        Assert.Equal(VisitStatus.Cancelled, visits.Single(v => v.Id == cancelled).Status);
        var fresh = visits.Single(v => v.Id != cancelled);
        Assert.Equal(VisitStatus.Planned, fresh.Status);
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));

    private static Task<List<Visit>> DemoVisitsAsync(TestApp app) =>
        app.QueryDbAsync(db => db.Visits.AsNoTracking().Where(v => v.Title == DemoVisit.Title).ToListAsync());
}
