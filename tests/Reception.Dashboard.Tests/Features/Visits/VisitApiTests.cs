using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

public sealed class VisitApiTests
{
    private static DateTime InHours(double hours) => DateTime.UtcNow.AddHours(hours);

    [Fact]
    public async Task EveryAction_AnswersThroughTheApi_AndReachesHubClientsAsItsEvent()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var visit = await s.AnnounceAsync(InHours(2), level: 1);
        var id = visit.Visit.Id;
        Assert.Equal(VisitStatus.Planned, visit.Visit.Status);
        Assert.Equal(VisitPhase.Preparing, visit.Visit.Phase);
        var announced = (await listener.NextEventsAsync(1)).Single();
        Assert.Equal((EventTypes.VisitAnnounced, id), (announced.Type, announced.VisitId));

        async Task<List<BoardEvent>> Expect(HttpResponseMessage response, params string[] types)
        {
            await response.ReadAsync<object>();
            var events = await listener.NextEventsAsync(types.Length);
            Assert.Equal(types, events.Select(e => e.Type));
            Assert.All(events, e => Assert.Equal(id, e.VisitId));
            return events;
        }

        var eastItem = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];
        var ticked = await Expect(await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/items/{eastItem.Id}/tick")), EventTypes.ItemTicked);
        Assert.Equal(new ChecklistItemChanged(id, s.EastGate.Id, eastItem.Id, eastItem.Key, ItemState.Done, OnBehalf: false), ticked[0].DataAs<ChecklistItemChanged>());
        Assert.Equal(new Actor("user", s.EastGuard.Id.ToString(), nameof(SiteRole.Guard)), ticked[0].Actor);

        await Expect(await VisitSite.PostAsync(s.EastGuard, s.Url($"/{id}/items/{eastItem.Id}/undo")), EventTypes.ItemUndone);
        await Expect(await VisitSite.PostAsync(s.WestGuard, s.Url($"/{id}/posts/{s.WestGate.Id}/problem"), new ReportPostProblem("Barrier stuck")),
            EventTypes.PostBlocked, EventTypes.PostReadiness);
        using (var http = s.WestGuard.Http())
        {
            await Expect(await http.DeleteAsync(s.Url($"/{id}/posts/{s.WestGate.Id}/problem")), EventTypes.PostUnblocked, EventTypes.PostReadiness);
        }

        await Expect(await VisitSite.PostAsync(s.Foreman, s.Url($"/{id}/report")), EventTypes.ReportComposed);
        await Expect(await VisitSite.PostAsync(s.Manager, s.Url($"/{id}/report/acknowledge")), EventTypes.ReportAcknowledged);
        await Expect(await VisitSite.PostAsync(s.Command, s.Url($"/{id}/reschedule"), new RescheduleVisit(InHours(3))), EventTypes.VisitRescheduled);

        var extra = await app.CreateUserAsync("admin-x", s.Site.Id, roles: SiteRole.Admin);
        using (var admin = extra.Http())
        {
            var desk = await (await admin.PostAsJsonAsync($"/api/sites/{s.Site.Id}/posts", new CreatePost("Front desk", PostKind.FrontDesk, null, 9), BoardJson.Options)).ReadAsync<PostDto>(HttpStatusCode.Created);
            await listener.NextEventsAsync(1); // post.created
            await Expect(await VisitSite.PostAsync(s.Command, s.Url($"/{id}/posts"), new AddVisitPost(desk.Id)), EventTypes.VisitPlanChanged);
            using var command = s.Command.Http();
            await Expect(await command.PutAsJsonAsync(s.Url($"/{id}/posts/{desk.Id}/staff"), new AssignVisitStaff([]), BoardJson.Options));
            await Expect(await command.DeleteAsync(s.Url($"/{id}/posts/{desk.Id}")), EventTypes.VisitPlanChanged);
        }

        await Expect(await VisitSite.PostAsync(s.Command, s.Url($"/{id}/arrive")), EventTypes.VisitArrived);
        await Expect(await VisitSite.PostAsync(s.Command, s.Url($"/{id}/end")), EventTypes.VisitEnded);

        var other = await s.AnnounceAsync(InHours(4), title: "Second");
        await listener.NextEventsAsync(1);
        var cancelled = await VisitSite.PostAsync(s.Command, s.Url($"/{other.Visit.Id}/cancel"), new CancelVisit("Postponed by the group"));
        Assert.Equal(VisitStatus.Cancelled, (await cancelled.ReadAsync<VisitDto>()).Status);
        Assert.Equal(EventTypes.VisitCancelled, (await listener.NextEventsAsync(1)).Single().Type);
    }

    [Fact]
    public async Task Announce_WithoutAPlan_TakesTheLevelsPlan_AndSnapshotsTheChecklists()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);

        var level1 = await s.AnnounceAsync(InHours(2), level: 1);
        var level3 = await s.AnnounceAsync(InHours(3), level: 3);

        // §4.3.1.1: every security post; §4.3.1.3: the route and the duty room (cameras, music).
        Assert.Equal([s.EastGate.Id, s.WestGate.Id, s.Patrol.Id, s.DutyRoom.Id], level1.Posts.Select(p => p.PostId));
        Assert.Equal([s.EastGate.Id, s.WestGate.Id, s.DutyRoom.Id], level3.Posts.Select(p => p.PostId));
        var dutyRoom = level1.Posts.Single(p => p.PostId == s.DutyRoom.Id).Items.Select(i => i.Key).ToList();
        Assert.Contains("cameras-on-route", dutyRoom); // §4.5.1
        Assert.Contains("music-on", dutyRoom); // §4.5.5
        Assert.Contains("fountain-notice", dutyRoom); // §4.5.3
        Assert.DoesNotContain("fountain-notice", level3.Posts.Single(p => p.PostId == s.DutyRoom.Id).Items.Select(i => i.Key));
        Assert.Contains("patrol-dress", level1.Posts.Single(p => p.PostId == s.Patrol.Id).Items.Select(i => i.Key)); // §4.4.1.3
        Assert.All(level1.Posts.SelectMany(p => p.Items), i => Assert.Equal(level1.Visit.ReadyBy, i.DueAt));
    }

    [Fact]
    public async Task Plan_ForLevel1_NamesTheRosterOfEveryShift()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        using var admin = app.Http();
        var shifts = new List<ShiftDto>();
        foreach (var (kind, start, end) in new[] { (ShiftKind.Morning, 7, 15), (ShiftKind.Middle, 15, 23), (ShiftKind.Night, 23, 7) })
        {
            shifts.Add(await (await admin.PostAsJsonAsync($"/api/sites/{s.Site.Id}/shifts", new CreateShift(kind, new TimeOnly(start, 0), new TimeOnly(end, 0)), BoardJson.Options))
                .ReadAsync<ShiftDto>(HttpStatusCode.Created));
        }

        var staff = await admin.GetFromJsonAsync<List<StaffDto>>($"/api/sites/{s.Site.Id}/staff", BoardJson.Options);
        var east = staff!.Single(x => x.PostId == s.EastGate.Id);
        var west = staff!.Single(x => x.PostId == s.WestGate.Id);
        var day = new DateOnly(2027, 1, 5);
        (await admin.PutAsJsonAsync($"/api/sites/{s.Site.Id}/roster/{day:yyyy-MM-dd}/{shifts[0].Id}", new SetRosterCell([new RosterAssignment(east.Id, DutyKind.Post, null)]), BoardJson.Options)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/sites/{s.Site.Id}/roster/{day:yyyy-MM-dd}/{shifts[2].Id}", new SetRosterCell([new RosterAssignment(west.Id, DutyKind.Post, s.EastGate.Id)]), BoardJson.Options)).EnsureSuccessStatusCode();

        using var command = s.Command.Http();
        // 10:00 in Shanghai: the morning shift is on duty; the night shift is called in (§4.3.1.1, §4.5.4).
        var plan = await (await command.GetAsync(s.Url($"/plan?level=1&arrival=2027-01-05T10:00:00&route={s.EastGate.Id}"))).ReadAsync<StaffingPlanDto>();

        Assert.Equal(ShiftKind.Morning, plan.ShiftOnDuty);
        var gate = plan.Posts.Single(p => p.PostId == s.EastGate.Id);
        Assert.True(gate.OnRoute);
        Assert.Equal([(east.Id, false), (west.Id, true)], gate.Staff.Select(x => (x.StaffId, x.CalledIn)).OrderBy(x => x.Item2));
    }

    [Fact]
    public async Task Tick_ByAGuardOfAnotherPost_Returns403_AndWritesNothing()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var eastItem = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];

        var refused = await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/items/{eastItem.Id}/tick"));

        var problem = await refused.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not your post", problem.GetProperty("detail").GetString());
        Assert.Null(await app.QueryDbAsync(db => db.VisitItems.Where(i => i.Id == eastItem.Id).Select(i => i.DoneAt).SingleAsync()));
        var blocked = await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}/problem"), new ReportPostProblem("x"));
        await blocked.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tick_Twice_WritesOneEvent_AndTheSecondAnswersTheSameState()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        var item = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];

        var first = await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).ReadAsync<VisitPostDto>();
        var second = await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).ReadAsync<VisitPostDto>();

        Assert.Equal(first.Items.Single(i => i.Id == item.Id), second.Items.Single(i => i.Id == item.Id));
        Assert.Equal(EventTypes.ItemTicked, (await listener.NextEventsAsync(1)).Single().Type);
        Assert.True(await listener.StaysQuietAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemTicked)));
    }

    [Fact]
    public async Task Tick_ByTheCommandCenter_IsOnTheGuardsBehalf_AndRecordsWho()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var item = visit.Posts.Single(p => p.PostId == s.WestGate.Id).Items[0];

        var post = await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).ReadAsync<VisitPostDto>();

        var done = post.Items.Single(i => i.Id == item.Id);
        Assert.True(done.DoneOnBehalf);
        Assert.Equal(nameof(SiteRole.CommandCenter), done.DoneByRole);
        var stored = await app.QueryDbAsync(db => db.Events.SingleAsync(e => e.Type == EventTypes.ItemTicked));
        Assert.Equal(("user", s.Command.Id.ToString()), (stored.ActorKind, stored.ActorId));
        Assert.Contains("\"onBehalf\":true", stored.Data);
    }

    [Fact]
    public async Task Undo_AfterAMinute_Returns409_AndTheTickStays()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock);
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddHours(2));
        var item = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromSeconds(61));
        var refused = await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/undo"));

        await refused.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ItemState.Done, (await s.GetAsync(visit.Visit.Id)).Posts.Single(p => p.PostId == s.EastGate.Id).Items.Single(i => i.Id == item.Id).State);
    }

    [Fact]
    public async Task Undo_BySomeoneElseAtTheSamePost_Returns403()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var item = visit.Posts.Single(p => p.PostId == s.WestGate.Id).Items[0];
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();

        var refused = await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/undo"));

        await refused.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Visit_AllPostsReady_AndReportAcknowledged_IsReady()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        foreach (var item in visit.Posts.SelectMany(p => p.Items))
        {
            (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();
        }

        Assert.Equal(VisitPhase.Preparing, (await s.GetAsync(visit.Visit.Id)).Visit.Phase); // DOMAIN §2: the report is still missing
        var reported = await (await VisitSite.PostAsync(s.Foreman, s.Url($"/{visit.Visit.Id}/report"))).ReadAsync<VisitDto>();
        Assert.Equal((3, 3, 0, 0), (reported.Report!.Posts, reported.Report.Ready, reported.Report.Late, reported.Report.Blocked));
        var acknowledged = await (await VisitSite.PostAsync(s.Manager, s.Url($"/{visit.Visit.Id}/report/acknowledge"))).ReadAsync<VisitDto>();

        Assert.Equal(VisitPhase.Ready, acknowledged.Phase);
        Assert.NotNull(acknowledged.Report!.AcknowledgedAt);

        // A problem after the acknowledgement makes the visit not ready again (§4.4.3 reports a state, it does not freeze it).
        await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}/problem"), new ReportPostProblem("Gate arm stuck"));
        var after = await s.GetAsync(visit.Visit.Id);
        Assert.Equal(VisitPhase.Preparing, after.Visit.Phase);
        Assert.Equal(ReadinessState.Blocked, after.Posts.Single(p => p.PostId == s.EastGate.Id).State);
    }

    [Theory]
    [InlineData("end")] // a planned visit has not started
    [InlineData("report/acknowledge")] // nothing reported yet
    public async Task IllegalMove_OnAPlannedVisit_Returns409(string action)
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var user = action.StartsWith("report") ? s.Manager : s.Command;

        await (await VisitSite.PostAsync(user, s.Url($"/{visit.Visit.Id}/{action}"))).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ClosedVisit_TickRescheduleOrCancel_Returns409()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var cancelled = await s.AnnounceAsync(InHours(2));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{cancelled.Visit.Id}/cancel"), new CancelVisit("Postponed"))).EnsureSuccessStatusCode();
        var ended = await s.AnnounceAsync(InHours(3));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{ended.Visit.Id}/arrive"))).EnsureSuccessStatusCode();
        (await VisitSite.PostAsync(s.Command, s.Url($"/{ended.Visit.Id}/end"))).EnsureSuccessStatusCode();

        foreach (var visit in new[] { cancelled, ended })
        {
            var item = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];
            await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).ReadProblemAsync(HttpStatusCode.Conflict);
            await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}/problem"), new ReportPostProblem("x"))).ReadProblemAsync(HttpStatusCode.Conflict);
            await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/reschedule"), new RescheduleVisit(InHours(5)))).ReadProblemAsync(HttpStatusCode.Conflict);
            await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/cancel"), new CancelVisit("again"))).ReadProblemAsync(HttpStatusCode.Conflict);
            await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/arrive"))).ReadProblemAsync(HttpStatusCode.Conflict);
        }
    }

    public static TheoryData<string, string> BadAnnouncements() => new()
    {
        { """{"title":"V","level":1,"arrival":"2020-01-01T10:00:00","route":["ROUTE"]}""", "arrival" },
        { """{"title":"V","level":0,"arrival":"FUTURE","route":["ROUTE"]}""", "level" },
        { """{"title":"V","level":4,"arrival":"FUTURE","route":["ROUTE"]}""", "level" },
        { """{"title":"V","level":1,"arrival":"FUTURE","route":["00000000-0000-0000-0000-000000000001"]}""", "route[0]" },
        { """{"title":"V","level":1,"arrival":"FUTURE","route":["ROUTE","ROUTE"]}""", "route" },
        { """{"title":"V","level":1,"arrival":"FUTURE","route":[]}""", "route" },
        { """{"title":"","level":1,"arrival":"FUTURE","route":["ROUTE"]}""", "title" },
        { """{"title":"V","level":1,"route":["ROUTE"]}""", "arrival" },
        { """{"title":"V","level":1,"arrival":"FUTURE","route":["ROUTE"],"posts":[{"postId":"00000000-0000-0000-0000-000000000002"}]}""", "posts[0].postId" },
        { """{"title":"V","level":1,"arrival":"FUTURE","route":["ROUTE"],"posts":[null]}""", "posts[0]" },
        { """{"title":"V","level":1,"arrival":"FUTURE","route":["ROUTE"],"posts":[{"postId":"ROUTE","staffIds":["00000000-0000-0000-0000-000000000003"]}]}""", "posts[0].staffIds" },
    };

    [Theory]
    [MemberData(nameof(BadAnnouncements))]
    public async Task Announce_BadInput_Returns422ForTheField_AndWritesNothing(string body, string field)
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        using var http = s.Command.Http();

        var future = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ss");
        var response = await http.SendRawAsync(HttpMethod.Post, s.Url(), body.Replace("ROUTE", s.EastGate.Id.ToString()).Replace("FUTURE", future));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await app.QueryDbAsync(db => db.Visits.CountAsync()));
        Assert.Equal(0, await app.QueryDbAsync(db => db.DueJobs.CountAsync()));
    }

    [Fact]
    public async Task ReportProblem_WithAnEmptyReason_Returns422()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));

        var response = await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}/problem"), new ReportPostProblem("   "));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(ReadinessState.Pending, (await s.GetAsync(visit.Visit.Id)).Posts.Single(p => p.PostId == s.EastGate.Id).State);
    }

    [Fact]
    public async Task Reschedule_IntoThePast_Returns422_AndKeepsTheArrival()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));

        var response = await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/reschedule"), new RescheduleVisit(InHours(-1)));

        await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(visit.Visit.Arrival, (await s.GetAsync(visit.Visit.Id)).Visit.Arrival);
    }

    [Fact]
    public async Task RemovePost_OnTheRoute_Returns409()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        using var http = s.Command.Http();

        await (await http.DeleteAsync(s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}"))).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Timeline_ListsTheVisitsEventsInOrder_WithWhoDidThem_AsPageDataAndCsv()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        var item = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];
        (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the gate", AllPosts: true))).EnsureSuccessStatusCode();
        await s.AnnounceAsync(InHours(3), title: "Unrelated");
        using var http = s.Command.Http();

        // §4.2.3: the command center keeps the visit's archive.
        var timeline = await (await http.GetAsync(s.Url($"/{visit.Visit.Id}/timeline"))).ReadAsync<List<VisitTimelineEntry>>();
        var csv = await http.GetStringAsync(s.Url($"/{visit.Visit.Id}/timeline/export"));

        Assert.Equal([EventTypes.VisitAnnounced, EventTypes.ItemTicked, EventTypes.OrderSent], timeline.Select(t => t.Type));
        Assert.Equal(["command", "east-guard", "command"], timeline.Select(t => t.Actor));
        Assert.Equal([null, s.EastGate.Id, null], timeline.Select(t => t.PostId));
        Assert.Contains("East gate", timeline[1].What);
        Assert.StartsWith("\uFEFF", csv);
        Assert.Contains(",east-guard,", csv);
        Assert.Equal(4, csv.Trim().Split('\n').Length);
        await (await s.EastGuard.Http().GetAsync(s.Url($"/{visit.Visit.Id}/timeline"))).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ChecklistTemplate_EditedByAManager_AppliesToVisitsAnnouncedAfter_NotBefore()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var before = await s.AnnounceAsync(InHours(2));
        using var http = s.Manager.Http();
        var items = new List<ChecklistTemplateItemDto> { new("radio-check", "§4.4.2", "对讲机已测试", "Radio tested", [PostKind.Gate], [3], 45) };

        var saved = await (await http.PutAsJsonAsync($"/api/sites/{s.Site.Id}/checklist-template", new SetChecklistTemplate(items), BoardJson.Options))
            .ReadAsync<List<ChecklistTemplateItemDto>>();
        var after = await s.AnnounceAsync(InHours(2));

        Assert.Equal("radio-check", saved.Single().Key);
        Assert.Equal(["radio-check"], after.Posts.Single(p => p.PostId == s.EastGate.Id).Items.Select(i => i.Key));
        Assert.Equal(after.Visit.Arrival.AddMinutes(-45), after.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0].DueAt);
        Assert.Empty(after.Posts.Single(p => p.PostId == s.DutyRoom.Id).Items);
        Assert.NotEqual(["radio-check"], (await s.GetAsync(before.Visit.Id)).Posts.Single(p => p.PostId == s.EastGate.Id).Items.Select(i => i.Key));

        var bad = await http.PutAsJsonAsync($"/api/sites/{s.Site.Id}/checklist-template",
            new SetChecklistTemplate([new("x", "", "", "", [], [7], -1)]), BoardJson.Options);
        var problem = await bad.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0].levels", out _));
        var guardTry = await s.EastGuard.Http().PutAsJsonAsync($"/api/sites/{s.Site.Id}/checklist-template", new SetChecklistTemplate(items), BoardJson.Options);
        await guardTry.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Announce_WithTheSameIdempotencyKey_AnnouncesOnce()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var request = new AnnounceVisit("Once", 3, InHours(2), [s.EastGate.Id]);

        var first = await (await VisitSite.PostAsync(s.Command, s.Url(), request, "key-1")).ReadAsync<VisitDetailDto>(HttpStatusCode.Created);
        var second = await (await VisitSite.PostAsync(s.Command, s.Url(), request, "key-1")).ReadAsync<VisitDetailDto>(HttpStatusCode.Created);

        Assert.Equal(first.Visit.Id, second.Visit.Id);
        Assert.Equal(1, await app.QueryDbAsync(db => db.Visits.CountAsync()));
    }

    [Fact]
    public async Task Tick_AtTheUsualPost_WhenThePlanNamesOthers_Returns403()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        using var admin = app.Http();
        var west = (await admin.GetFromJsonAsync<List<StaffDto>>($"/api/sites/{s.Site.Id}/staff", BoardJson.Options))!.Single(x => x.PostId == s.WestGate.Id);
        using var command = s.Command.Http();
        (await command.PutAsJsonAsync(s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}/staff"), new AssignVisitStaff([west.Id]), BoardJson.Options)).EnsureSuccessStatusCode();
        var item = visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items[0];

        // The east guard usually stands at the east gate, but this visit's plan names the west guard there.
        await (await VisitSite.PostAsync(s.EastGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/items/{item.Id}/tick"))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ChecklistTemplate_WithANullItem_Returns422()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        using var http = s.Manager.Http();

        var response = await http.SendRawAsync(HttpMethod.Put, $"/api/sites/{s.Site.Id}/checklist-template", """{"items":[null]}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0]", out _));
    }

    [Fact]
    public async Task Reschedule_AnEndedVisitIntoThePast_Returns409NotA422()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/arrive"))).EnsureSuccessStatusCode();

        await (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/reschedule"), new RescheduleVisit(InHours(-1)))).ReadProblemAsync(HttpStatusCode.Conflict);
    }
}
