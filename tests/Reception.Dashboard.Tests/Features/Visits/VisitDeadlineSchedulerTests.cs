using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// The due-time scheduler on a <see cref="FakeTimeProvider"/> started at the real current time (cookies
/// read the same clock): a whole visit's deadlines pass in milliseconds.
/// </summary>
public sealed class VisitDeadlineSchedulerTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    private static async Task<List<BoardEvent>> EventsUntilAsync(BoardListener listener, string type)
    {
        var seen = new List<BoardEvent>();
        while (seen.LastOrDefault()?.Type != type)
        {
            seen.AddRange(await listener.NextEventsAsync(1));
        }

        return seen;
    }

    [Fact]
    public async Task WholeVisit_OpenItemsTurnLateAtT30_ThenArrivalIsDue_EachOnce()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(45));
        var done = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items;
        foreach (var item in done)
        {
            (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();
        }

        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        // §4.5.4, §4.5.5: by T-30 everything must be done; what is open turns late, once.
        clock.Advance(TimeSpan.FromMinutes(16));
        var open = visit.Posts.Where(p => p.PostId != s.EastGate.Id).SelectMany(p => p.Items).ToList();
        // The item deadlines and T-30 fall at the same instant; they may fire in any order.
        var atT30 = new List<BoardEvent>();
        while (atT30.All(e => e.Type != EventTypes.ReadyByReached) || atT30.Count(e => e.Type == EventTypes.ItemLate) < open.Count)
        {
            atT30.AddRange(await listener.NextEventsAsync(1));
        }

        var late = atT30.Where(e => e.Type == EventTypes.ItemLate).Select(e => e.DataAs<ChecklistItemChanged>().ItemId).ToList();
        Assert.Equal(open.Select(i => i.Id).Order(), late.Order());
        // One readiness change per post, however many of its items turned late.
        var latePosts = atT30.Where(e => e.Type == EventTypes.PostReadiness).Select(e => e.DataAs<PostReadinessChanged>()).ToList();
        Assert.Equal(new[] { s.WestGate.Id, s.DutyRoom.Id }.Order(), latePosts.Select(r => r.PostId).Order());
        Assert.All(latePosts, r => Assert.Equal(ReadinessState.Late, r.State));
        var detail = await s.GetAsync(visit.Visit.Id);
        Assert.Equal((1, 2), (detail.Visit.Figures.Ready, detail.Visit.Figures.Late));

        clock.Advance(TimeSpan.FromMinutes(30));
        var atArrival = await EventsUntilAsync(listener, EventTypes.ArrivalDue);
        Assert.DoesNotContain(atArrival, e => e.Type == EventTypes.ItemLate);

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(open.Count, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ReadyByReached)));
    }

    [Fact]
    public async Task ShortNotice_ItemsAreDueNow_AndTurnLateOnlyAtTheArrival()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);

        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(20));

        Assert.True(visit.Visit.ShortNotice);
        Assert.All(visit.Posts.SelectMany(p => p.Items), i => Assert.Equal((true, ItemState.Open, visit.Visit.Arrival), (i.DueNow, i.State, i.DueAt)));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromMinutes(19));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.All((await s.GetAsync(visit.Visit.Id)).Posts, p => Assert.Equal(ReadinessState.Pending, p.State));

        clock.Advance(TimeSpan.FromMinutes(1));
        var events = await EventsUntilAsync(listener, EventTypes.ArrivalDue);
        Assert.Contains(events, e => e.Type == EventTypes.ItemLate);
        Assert.DoesNotContain(events, e => e.Type == EventTypes.ReadyByReached); // T-30 had passed before the announcement
    }

    [Fact]
    public async Task Reschedule_MovesEveryDeadline_ALateItemIsNoLongerLate_AndFiresAgainAtItsNewTime()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(40));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromMinutes(11));
        // Every item's job fires before the move: one that had not would be moved before it turned late, and counted once.
        var itemCount = visit.Posts.Sum(p => p.Items.Count);
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate)), itemCount);
        await EventsUntilAsync(listener, EventTypes.ReadyByReached);
        Assert.All((await s.GetAsync(visit.Visit.Id)).Posts, p => Assert.Equal(ReadinessState.Late, p.State));

        var newArrival = clock.GetUtcNow().UtcDateTime.AddHours(2);
        var moved = await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/reschedule"), new RescheduleVisit(newArrival))).ReadAsync<VisitDto>();

        var detail = await s.GetAsync(visit.Visit.Id);
        Assert.Equal(newArrival.AddMinutes(-30), moved.ReadyBy);
        Assert.All(detail.Posts.SelectMany(p => p.Items), i => Assert.Equal((newArrival.AddMinutes(-30), ItemState.Open), (i.DueAt, i.State)));
        Assert.All(detail.Posts, p => Assert.Equal(ReadinessState.Pending, p.State));
        var afterMove = await EventsUntilAsync(listener, EventTypes.VisitRescheduled);
        afterMove.AddRange(await listener.NextEventsAsync(detail.Posts.Count));
        Assert.Equal(detail.Posts.Select(p => p.PostId).Order(), afterMove.Where(e => e.Type == EventTypes.PostReadiness)
            .Select(e => e.DataAs<PostReadinessChanged>()).Where(r => r.State == ReadinessState.Pending).Select(r => r.PostId).Order());

        clock.Advance(TimeSpan.FromMinutes(91));
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate)), 2 * itemCount);
        Assert.Equal(2 * itemCount, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate)));
    }

    [Fact]
    public async Task Cancel_DisarmsEveryDeadline()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(45));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/cancel"), new CancelVisit("Postponed"))).EnsureSuccessStatusCode();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(0, await app.QueryDbAsync(db => db.DueJobs.CountAsync(j => j.FiredAt == null)));
    }

    [Fact]
    public async Task Restart_AfterDeadlinesPassedWhileDown_CatchesUpOnce()
    {
        var clock = Clock();
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        Guid visitId;
        int itemCount;
        Guid siteId;
        using (var first = new TestApp(clock: clock, folder: folder) { KeepFolder = true })
        {
            var s = await VisitSite.CreateAsync(first);
            var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(45));
            (visitId, siteId, itemCount) = (visit.Visit.Id, s.Site.Id, visit.Posts.Sum(p => p.Items.Count));
        }

        // Down through T-30 and the arrival.
        clock.Advance(TimeSpan.FromHours(1));
        using var second = new TestApp(clock: clock, folder: folder);
        await using var listener = await BoardListener.JoinAsync(second, siteId);
        await WaitForAsync(() => second.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ArrivalDue)), 1);

        Assert.Equal(itemCount, await second.QueryDbAsync(db => db.Events.CountAsync(e => e.VisitId == visitId && e.Type == EventTypes.ItemLate)));
        Assert.Equal(1, await second.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ReadyByReached)));
        Assert.Equal(0, await second.QueryDbAsync(db => db.DueJobs.CountAsync(j => j.FiredAt == null)));
    }

    private static async Task WaitForAsync(Func<Task<int>> count, int expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await count() < expected)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task AddPost_AfterT30_ItsItemsAreDueNow_NotLate()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(45));
        clock.Advance(TimeSpan.FromMinutes(20)); // T-25

        var detail = await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/posts"), new AddVisitPost(s.Patrol.Id))).ReadAsync<VisitDetailDto>();

        var patrol = detail.Posts.Single(p => p.PostId == s.Patrol.Id);
        Assert.Equal(ReadinessState.Pending, patrol.State);
        Assert.All(patrol.Items, i => Assert.Equal((true, ItemState.Open, visit.Visit.Arrival), (i.DueNow, i.State, i.DueAt)));
    }

    [Fact]
    public async Task Undo_AfterTheDeadline_TurnsTheItemLateAtOnce()
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(31));
        var item = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromSeconds(45));
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromSeconds(30)); // past T-30, within the minute

        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/undo"))).EnsureSuccessStatusCode();

        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate && e.Data.Contains(item.Id.ToString()))), 1);
        // Once the arrival has come, the scheduler has fired everything due before it: still one late event.
        clock.Advance(TimeSpan.FromMinutes(31));
        await EventsUntilAsync(listener, EventTypes.ArrivalDue);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate && e.Data.Contains(item.Id.ToString()))));
    }

    [Fact]
    public async Task Reschedule_AfterEngineeringWasTold_WithdrawsTheNotice_AndTellsThemAgainBeforeTheNewArrival() // §4.5.3
    {
        var clock = Clock();
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(20), level: 1); // short notice: told at once
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.NoticeSent)), 1);

        var arrival = clock.GetUtcNow().UtcDateTime.AddHours(2);
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/reschedule"), new RescheduleVisit(arrival))).EnsureSuccessStatusCode();

        var moved = await s.GetAsync(visit.Visit.Id);
        Assert.Empty(moved.Notices);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.NoticeWithdrawn)));
        Assert.Equal(ItemState.Open, moved.Posts.Single(p => p.PostId == s.DutyRoom.Id).Items.Single(i => i.Key == "fountain-notice").State);
        clock.Advance(TimeSpan.FromMinutes(89)); // one minute before the new T-30
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.NoticeSent)), 2);
        Assert.Single((await s.GetAsync(visit.Visit.Id)).Notices);
    }
}
