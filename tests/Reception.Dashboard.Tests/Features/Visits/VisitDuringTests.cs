using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>During a visit: orders, presence, violations and the engineering notice.</summary>
public sealed class VisitDuringTests
{
    private static DateTime InHours(double hours) => DateTime.UtcNow.AddHours(hours);

    [Fact]
    public async Task Order_ToAllPosts_EachPostAcknowledgesItsOwn_AnotherPostsIs403() // §4.4.2
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the east gate", AllPosts: true))).EnsureSuccessStatusCode();
        var sent = (await listener.NextEventsAsync(1)).Single();
        Assert.Equal((EventTypes.OrderSent, 3), (sent.Type, sent.DataAs<OrderChanged>().Posts));
        var orderId = sent.DataAs<OrderChanged>().OrderId;

        await (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/orders/{orderId}/acknowledge"), new AcknowledgeOrder(s.EastGate.Id)))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/orders/{orderId}/acknowledge"), new AcknowledgeOrder(s.EastGate.Id))).EnsureSuccessStatusCode();
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/orders/{orderId}/acknowledge"), new AcknowledgeOrder(s.EastGate.Id))).EnsureSuccessStatusCode();

        var acked = (await listener.NextEventsAsync(1)).Single();
        Assert.Equal((EventTypes.OrderAcknowledged, s.EastGate.Id, 1), (acked.Type, acked.DataAs<OrderChanged>().PostId, acked.DataAs<OrderChanged>().Acknowledged));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1))); // the second acknowledgement changed nothing
        var order = (await s.GetAsync(visit.Visit.Id)).Orders.Single();
        Assert.Equal(new[] { s.WestGate.Id, s.DutyRoom.Id }.Order(), order.Posts.Where(p => p.AcknowledgedAt is null).Select(p => p.PostId).Order());
        Assert.False(order.Overdue);
    }

    [Fact]
    public async Task Order_UnacknowledgedPastItsTime_StandsOut_Once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock, settings: new Dictionary<string, string> { ["Visits:OrderAcknowledgeWithin"] = "00:03:00" });
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddHours(2));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Clear the drive", [s.EastGate.Id]))).EnsureSuccessStatusCode();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(EventTypes.OrderOverdue, (await listener.NextEventsAsync(1)).Single().Type);
        Assert.True((await s.GetAsync(visit.Visit.Id)).Orders.Single().Overdue);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Leave_ApprovedWithAReplacement_PostStaysStaffed_WithoutOne_PostIsEmpty() // §4.2.1
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var id = visit.Visit.Id;
        using var admin = app.Http();
        var replacement = (await admin.GetFromJsonAsync<List<StaffDto>>($"/api/sites/{s.Site.Id}/staff", BoardJson.Options))!.Single(x => x.PostId == s.WestGate.Id);

        var asked = await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/posts/{s.EastGate.Id}/leave"), new RequestLeave("Unwell"))).ReadAsync<VisitPostDto>();
        Assert.Equal((PostPresence.LeaveRequested, "Unwell"), (asked.Presence, asked.LeaveReason));
        await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/posts/{s.EastGate.Id}/leave/decision"), new DecideLeave(true))).ReadProblemAsync(HttpStatusCode.Forbidden);
        var replaced = await (await VisitSite.PostAsync(s.Foreman, s.Url($"/{id}/posts/{s.EastGate.Id}/leave/decision"), new DecideLeave(true, replacement.Id))).ReadAsync<VisitPostDto>();
        Assert.Equal(PostPresence.Staffed, replaced.Presence);
        Assert.Equal([replacement.Id], replaced.Staff.Select(x => x.StaffId)); // the guard who left no longer acts for the post
        // The replacement now stands here; the east guard, who left, does not.
        var item = replaced.Items[0];
        await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/items/{item.Id}/tick"))).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{id}/posts/{s.EastGate.Id}/leave"), new RequestLeave("Called away"))).EnsureSuccessStatusCode();

        var empty = await (await VisitSite.PostAsync(s.Foreman, s.Url($"/{id}/posts/{s.EastGate.Id}/leave/decision"), new DecideLeave(true))).ReadAsync<VisitPostDto>();
        Assert.Equal(PostPresence.Empty, empty.Presence);
        Assert.Empty(empty.Staff);
        // Nobody is named any more, yet neither guard acts for the post: the one who left is gone, the other never stood here.
        await (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{id}/items/{item.Id}/tick"))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/items/{item.Id}/tick"))).ReadProblemAsync(HttpStatusCode.Forbidden);

        await (await VisitSite.PostAsync(s.Foreman, s.Url($"/{id}/posts/{s.EastGate.Id}/leave/decision"), new DecideLeave(true))).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{id}/posts/{s.EastGate.Id}/leave"), new RequestLeave(""))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        using var guard = s.Foreman.Http();
        var back = await (await guard.PutAsJsonAsync(s.Url($"/{id}/posts/{s.EastGate.Id}/presence"), new SetPresence(PostPresence.Staffed), BoardJson.Options)).ReadAsync<VisitPostDto>();
        Assert.Equal(PostPresence.Staffed, back.Presence);
        await (await guard.PutAsJsonAsync(s.Url($"/{id}/posts/{s.EastGate.Id}/presence"), new SetPresence(PostPresence.LeaveRequested), BoardJson.Options)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Violation_ReportedByAPatrol_IsOpenUntilCleared_AndNeedsADescription() // §4.2.2, §4.4.4, §4.5.2
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var id = visit.Visit.Id;
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var refused = await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/violations"), new ReportViolation(ViolationKind.IllegalParking, " "));
        var problem = await refused.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _));

        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/violations"), new ReportViolation(ViolationKind.IllegalParking, "Van on the drive", s.EastGate.Id))).EnsureSuccessStatusCode();
        var reported = (await listener.NextEventsAsync(1)).Single().DataAs<ViolationChanged>();
        Assert.False(reported.Cleared);
        Assert.Single((await s.GetAsync(id)).Violations, v => v.ClearedAt is null);

        await (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{id}/violations/{reported.ViolationId}/clear"))).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/violations/{reported.ViolationId}/clear"))).EnsureSuccessStatusCode();
        Assert.True((await listener.NextEventsAsync(1)).Single().DataAs<ViolationChanged>().Cleared);
        Assert.NotNull((await s.GetAsync(id)).Violations.Single().ClearedAt);
    }

    [Fact]
    public async Task FountainNotice_HalfAnHourAhead_GoesToEngineering_TicksTheDutyRoomItem_AndEngineeringMarksItDone() // §4.5.3
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var engineering = await app.CreateUserAsync("engineering", s.Site.Id, roles: SiteRole.Department);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(45), level: 1);
        Assert.Empty(visit.Notices);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        clock.Advance(TimeSpan.FromMinutes(14)); // T-31
        var events = new List<BoardEvent>();
        while (events.All(e => e.Type != EventTypes.NoticeSent))
        {
            events.AddRange(await listener.NextEventsAsync(1));
        }

        var detail = await s.GetAsync(visit.Visit.Id);
        var notice = detail.Notices.Single();
        Assert.Equal(("water-features", null), (notice.Kind, notice.Delivery)); // no webhook configured: in the product only
        var item = detail.Posts.Single(p => p.PostId == s.DutyRoom.Id).Items.Single(i => i.Key == "fountain-notice");
        Assert.Equal((ItemState.Done, "system:scheduler"), (item.State, item.DoneBy));

        await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/notices/{notice.Id}/done"))).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await VisitSite.PostAsync(engineering, s.Url($"/{visit.Visit.Id}/notices/{notice.Id}/done"))).EnsureSuccessStatusCode();
        Assert.NotNull((await s.GetAsync(visit.Visit.Id)).Notices.Single().DoneAt);

        clock.Advance(TimeSpan.FromMinutes(2)); // T-29: the item was done in time, so it never turns late
        while (events.All(e => e.Type != EventTypes.ReadyByReached))
        {
            events.AddRange(await listener.NextEventsAsync(1));
        }

        Assert.DoesNotContain(events, e => e.Type == EventTypes.ItemLate && e.DataAs<ChecklistItemChanged>().ItemId == item.Id);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.NoticeSent)));
    }

    [Fact]
    public async Task ShortNotice_Level2_SendsTheFountainNoticeAtOnce()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var visit = await s.AnnounceAsync(InHours(0.25), level: 2);

        var events = new List<BoardEvent>();
        while (events.All(e => e.Type != EventTypes.NoticeSent))
        {
            events.AddRange(await listener.NextEventsAsync(1));
        }

        Assert.Single((await s.GetAsync(visit.Visit.Id)).Notices);
    }
}
