using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// Issue 13: one click once put a visit in progress 1 h 40 min early. A mistaken arrival is taken back within
/// five minutes: the visit is planned again for its arrival, its deadlines are armed again, and the archive
/// says who took it back and when (§4.2.3).
/// </summary>
public sealed class VisitArrivalUndoTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    private static async Task EventsUntilAsync(BoardListener listener, string type)
    {
        string seen;
        do
        {
            seen = (await listener.NextEventsAsync(1)).Single().Type;
        }
        while (seen != type);
    }

    private static Task<int> UnfiredVisitDeadlinesAsync(TestApp app, Guid visitId) =>
        app.QueryDbAsync(db => db.DueJobs.CountAsync(j => j.TargetId == visitId && j.FiredAt == null
            && (j.Kind == VisitDeadlines.ReadyByKind || j.Kind == VisitDeadlines.ArrivalKind)));

    [Fact]
    public async Task UndoArrival_WithinWindow_ReturnsVisitToPlannedAndRearmsDeadlines()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(100));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrive"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await UnfiredVisitDeadlinesAsync(app, id)); // arriving disarmed T-30 and the arrival

        clock.Advance(TimeSpan.FromMinutes(4));
        var undone = await (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrival/undo"))).ReadAsync<VisitDto>();

        Assert.Equal(VisitStatus.Planned, undone.Status);
        Assert.Null(undone.ArrivedAt);
        Assert.Equal(visit.Visit.Arrival, undone.Arrival);
        var armed = await app.QueryDbAsync(db => db.DueJobs.Where(j => j.TargetId == id && j.FiredAt == null).ToDictionaryAsync(j => j.Kind, j => j.DueAt));
        Assert.Equal(visit.Visit.ReadyBy, armed[VisitDeadlines.ReadyByKind]);
        Assert.Equal(visit.Visit.Arrival, armed[VisitDeadlines.ArrivalKind]);

        // And they fire as a planned visit's do: T-30 (§4.5.4), then the arrival.
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromMinutes(67));
        await EventsUntilAsync(listener, EventTypes.ReadyByReached);
        clock.Advance(TimeSpan.FromMinutes(30));
        await EventsUntilAsync(listener, EventTypes.ArrivalDue);
    }

    [Fact]
    public async Task UndoArrival_AfterT30PassedUnheard_SoundsT30AtOnce()
    {
        // Arrived by mistake at T-32 and taken back at T-28: T-30 (§4.5.4) passed while the visit looked under way.
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(32));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrive"))).EnsureSuccessStatusCode();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromMinutes(4));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrival/undo"))).EnsureSuccessStatusCode();

        await EventsUntilAsync(listener, EventTypes.ReadyByReached);
    }

    [Fact]
    public async Task UndoArrival_AfterWindow_Returns409()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddHours(2));
        var id = visit.Visit.Id;
        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrive"))).EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var english = await (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrival/undo"))).ReadProblemAsync(HttpStatusCode.Conflict);
        using var zh = app.Client(s.Command.Cookies, language: "zh-Hans");
        var chinese = await (await zh.SendJsonAsync(HttpMethod.Post, s.Url($"/{id}/arrival/undo"), new { })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("The arrival of “Delegation” was marked more than 5 minutes ago, so it can no longer be taken back: the visit is under way.",
            english.GetProperty("detail").GetString());
        Assert.Equal("“Delegation”的到达已标记超过 5 分钟，不能再撤回：接待已在进行中。", chinese.GetProperty("detail").GetString());
        Assert.Equal(VisitStatus.InProgress, (await s.GetAsync(id)).Visit.Status);
        Assert.Equal(0, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.VisitArrivalUndone)));
        Assert.Equal(0, await UnfiredVisitDeadlinesAsync(app, id));
    }

    [Fact]
    public async Task UndoArrival_OfAVisitNotArrived_Returns409()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));

        var problem = await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/arrival/undo"))).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("The visit “Delegation” is planned; only an arrival marked in the last few minutes can be taken back.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UndoArrival_IsRecordedInTheArchive()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));
        var id = visit.Visit.Id;
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        (await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrive"))).EnsureSuccessStatusCode();
        (await VisitSite.PostAsync(s.Manager, s.Url($"/{id}/arrival/undo"))).EnsureSuccessStatusCode();

        // Boards hear it as its own event...
        var pushed = await listener.NextEventsAsync(2);
        Assert.Equal([EventTypes.VisitArrived, EventTypes.VisitArrivalUndone], pushed.Select(e => e.Type));
        Assert.Equal(VisitStatus.Planned, pushed[1].DataAs<VisitChanged>().Status);
        // ...and the archive keeps who took it back, and when (§4.2.3).
        var stored = await app.QueryDbAsync(db => db.Events.SingleAsync(e => e.Type == EventTypes.VisitArrivalUndone));
        Assert.Equal(("user", s.Manager.Id.ToString()), (stored.ActorKind, stored.ActorId));
        using var http = s.Command.Http();
        var timeline = await (await http.GetAsync(s.Url($"/{id}/timeline"))).ReadAsync<List<VisitTimelineEntry>>();
        var undone = timeline.Single(t => t.Type == EventTypes.VisitArrivalUndone);
        Assert.Equal("manager", undone.Actor);
        Assert.Equal("Arrival taken back, the visit is planned again: Delegation", undone.What);
        Assert.Equal(stored.At, undone.At);
        Assert.True(undone.Seq > timeline.Single(t => t.Type == EventTypes.VisitArrived).Seq);
        Assert.Contains("Arrival taken back, the visit is planned again: Delegation", await http.GetStringAsync(s.Url($"/{id}/timeline/export")));
    }
}
