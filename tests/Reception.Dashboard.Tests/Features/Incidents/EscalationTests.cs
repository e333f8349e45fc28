using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// The desk sends an incident up by one action: a complaint to its shift lead (desk §2.7), a lobby situation to the
/// supervisor on duty or the manager (desk §2.9), any other kind to the supervisor on duty. Its addressee, or any supervisor or manager, acknowledges it; the
/// shift lead it went to reads the person (desk §2.8). Each is an event with its actor.
/// </summary>
public sealed class EscalationTests
{
    [Fact]
    public async Task Complaint_GoesToTheShiftLeadByOneAction_WhoReadsItAndItsPersonInTheirInbox() // desk §2.7, §2.8
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, lead, _) = await ArrangeAsync(app, clock);
        var raised = await s.RaiseAsync();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        var escalated = await (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).ReadAsync<IncidentDto>();

        var escalation = Assert.Single(await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
        Assert.Equal((EscalationReason.ShiftLead, "shiftLead", clock.GetUtcNow().UtcDateTime), (escalation.Reason, escalation.Duty, escalation.At));
        Assert.Equal(["lead"], escalation.Addressees);
        Assert.Null(escalation.AcknowledgedAt);
        Assert.Equal((IncidentState.Open, raised.Version), (escalated.State, escalated.Version));
        var pushed = Assert.Single(await listener.NextEventsAsync(1));
        Assert.Equal((EventTypes.IncidentEscalated, s.Desk.Id), (pushed.Type, Guid.Parse(pushed.Actor!.Id)));
        Assert.Equal(new IncidentEscalationChanged(raised.Id, escalation.Id, EscalationReason.ShiftLead, "shiftLead", false), pushed.DataAs<IncidentEscalationChanged>());

        // The lead is a Foreman, who reads no incident otherwise: the one sent to them, with its person.
        using var leadHttp = lead.Http();
        var item = Assert.Single(await (await leadHttp.GetAsync(s.Url("/escalations"))).ReadAsync<List<EscalationInboxItemDto>>());
        Assert.Equal((escalation.Id, raised.Id), (item.Escalation.Id, item.Incident.Id));
        Assert.Equal((IncidentSite.OwnerName, IncidentSite.OwnerPhone), (item.Incident.PersonName, item.Incident.PersonPhone));
        Assert.Empty(await (await s.GetAsync(s.Guard, "/escalations")).ReadAsync<List<EscalationInboxItemDto>>());
    }

    [Fact]
    public async Task LobbySituation_GoesToTheSupervisorOnDuty_AndAnyManagerAcknowledgesIt() // desk §2.9
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, _, manager) = await ArrangeAsync(app, clock);
        var raised = await s.RaiseAsync(new RaiseIncident(IncidentKind.LobbySituation, IncidentPriority.Urgent, "两位访客在大堂争执 Two visitors arguing", Location: "大堂 Lobby"));

        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        var escalation = Assert.Single(await (await s.GetAsync(s.Supervisor, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
        var inbox = await (await s.GetAsync(s.Supervisor, "/escalations")).ReadAsync<List<EscalationInboxItemDto>>();
        clock.Advance(TimeSpan.FromMinutes(1));
        // The manager is not rostered, nor named in it: a manager acts on any escalation.
        var acknowledged = await (await s.SendAsync(manager, $"/{raised.Id}/escalations/{escalation.Id}/acknowledge", new { }))
            .ReadAsync<IncidentEscalationDto>();

        Assert.Equal((EscalationReason.Supervisor, "supervisor"), (escalation.Reason, escalation.Duty));
        Assert.Equal(["supervisor"], escalation.Addressees);
        Assert.Equal(escalation.Id, Assert.Single(inbox).Escalation.Id);
        Assert.Equal((clock.GetUtcNow().UtcDateTime, "manager"), (acknowledged.AcknowledgedAt, acknowledged.AcknowledgedBy));
        Assert.Empty(await (await s.GetAsync(s.Supervisor, "/escalations")).ReadAsync<List<EscalationInboxItemDto>>());
        Assert.Single(await (await s.GetAsync(s.Supervisor, "/escalations?openOnly=false")).ReadAsync<List<EscalationInboxItemDto>>());
    }

    [Fact]
    public async Task KindsWithNoNamedAddressee_GoToTheSupervisorOnDuty_NotTheShiftLead()
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, _, _) = await ArrangeAsync(app, clock);

        foreach (var kind in new[] { IncidentKind.Repair, IncidentKind.Help, IncidentKind.Other })
        {
            var raised = await s.RaiseAsync(new RaiseIncident(kind, null, "大堂灯不亮 A lobby light is out"));
            (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();

            var escalation = Assert.Single(await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
            Assert.Equal((EscalationReason.Supervisor, "supervisor"), (escalation.Reason, escalation.Duty));
            Assert.Equal(["supervisor"], escalation.Addressees);
        }
    }

    [Fact]
    public async Task AnEscalationOnATimeLimitWaiting_DoesNotStopTheDeskSendingAComplaintToItsShiftLead() // desk §2.7
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, _, _) = await ArrangeAsync(app, clock);
        var raised = await s.RaiseAsync(); // a normal complaint: forwarded within 15 minutes
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(EventTypes.IncidentEscalated, Assert.Single(await listener.NextEventsAsync(1)).Type);
        clock.Advance(TimeSpan.FromMinutes(1));

        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        var twice = await (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).ReadProblemAsync(HttpStatusCode.Conflict);

        var escalations = await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>();
        Assert.Equal([EscalationReason.NotForwardedInTime, EscalationReason.ShiftLead], escalations.Select(e => e.Reason));
        Assert.Equal(["supervisor", "shiftLead"], escalations.Select(e => e.Duty));
        Assert.Equal(["lead"], escalations[1].Addressees);
        Assert.All(escalations, e => Assert.Null(e.AcknowledgedAt));
        // The desk's own escalation, waiting, still stops a second one.
        Assert.Contains("lead", twice.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheWallCountsEachOpenIncidentWithEscalationsWaitingOnce_AndAResolvedOneNoMore() // desk §2.8: counts only
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, _, _) = await ArrangeAsync(app, clock);
        var raised = await s.RaiseAsync();
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(EventTypes.IncidentEscalated, Assert.Single(await listener.NextEventsAsync(1)).Type);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();

        var twoWaiting = await (await s.GetAsync(s.Desk, "/figures")).ReadAsync<FrontDeskFiguresDto>();
        await s.MoveAsync(s.Desk, raised, "resolve", new ResolveIncident("已向业主说明 Explained to the owner", raised.Version));
        var resolved = await (await s.GetAsync(s.Desk, "/figures")).ReadAsync<FrontDeskFiguresDto>();

        // The board stops sounding for a resolved incident, and the wall agrees, though both escalations still wait.
        Assert.Equal(new FrontDeskFiguresDto(1, 1, 1, raised.RaisedAt), twoWaiting);
        Assert.Equal(new FrontDeskFiguresDto(0, 0, 0, null), resolved);
        Assert.Equal(2, await app.QueryDbAsync(db => db.IncidentEscalations.CountAsync(e => e.AcknowledgedAt == null)));
    }

    [Fact]
    public async Task Acknowledge_ByAGuardOrTheDesk_IsRefused_ByTheAddresseeTwice_AnswersTheSame()
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, lead, _) = await ArrangeAsync(app, clock);
        var raised = await s.RaiseAsync();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        var escalation = Assert.Single(await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
        var path = $"/{raised.Id}/escalations/{escalation.Id}/acknowledge";

        var byGuard = await (await s.SendAsync(s.Guard, path, new { })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await s.SendAsync(s.Desk, path, new { })).ReadProblemAsync(HttpStatusCode.Forbidden);
        var first = await (await s.SendAsync(lead, path, new { })).ReadAsync<IncidentEscalationDto>();
        clock.Advance(TimeSpan.FromMinutes(1));
        var again = await (await s.SendAsync(lead, path, new { })).ReadAsync<IncidentEscalationDto>();
        await (await s.SendAsync(lead, $"/{raised.Id}/escalations/{Guid.NewGuid()}/acknowledge", new { })).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("supervisor or a manager", byGuard.GetProperty("detail").GetString());
        Assert.Equal((first.AcknowledgedAt, first.AcknowledgedBy), (again.AcknowledgedAt, again.AcknowledgedBy));
        Assert.Equal("lead", first.AcknowledgedBy);
        var acknowledgements = await app.QueryDbAsync(db => db.Events.Where(e => e.Type == EventTypes.EscalationAcknowledged).Select(e => e.ActorId).ToListAsync());
        Assert.Equal([lead.Id.ToString()], acknowledgements);
    }

    [Fact]
    public async Task EscalatingAgain_WhileTheFirstWaits_Is409NamingWhomItWentTo_OnceAcknowledged_ItGoesUpAgain()
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, lead, _) = await ArrangeAsync(app, clock);
        var raised = await s.RaiseAsync();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();

        var twice = await (await s.SendAsync(s.Command, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).ReadProblemAsync(HttpStatusCode.Conflict);
        var first = Assert.Single(await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
        (await s.SendAsync(lead, $"/{raised.Id}/escalations/{first.Id}/acknowledge", new { })).EnsureSuccessStatusCode();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();

        Assert.Contains("lead", twice.GetProperty("detail").GetString());
        Assert.Equal(2, (await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>()).Count);
    }

    [Fact]
    public async Task ResolvedIncident_OrAStaleVersion_IsNotEscalated_409()
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, _, _) = await ArrangeAsync(app, clock);
        var help = await s.RaiseAsync(new RaiseIncident(IncidentKind.Help, null, "Where are parcels kept?"));
        var resolved = await s.MoveAsync(s.Desk, help, "resolve", new ResolveIncident(null, help.Version));
        var open = await s.RaiseAsync();

        var refused = await (await s.SendAsync(s.Desk, $"/{help.Id}/escalate", new EscalateIncident(resolved.Version))).ReadProblemAsync(HttpStatusCode.Conflict);
        var stale = await (await s.SendAsync(s.Desk, $"/{open.Id}/escalate", new EscalateIncident(open.Version + 1))).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("resolved", refused.GetProperty("detail").GetString());
        Assert.Equal(open.Version, stale.GetProperty("currentVersion").GetInt64());
        Assert.Equal(0, await app.QueryDbAsync(db => db.IncidentEscalations.CountAsync()));
    }

    /// <summary>
    /// An incident site whose morning shift on the clock's day has "lead", a Foreman account, rostered as foreman at the
    /// front desk, and the site's "supervisor" rostered as the supervisor on duty; and "manager", a Manager account.
    /// </summary>
    private static async Task<(IncidentSite Site, TestUser Lead, TestUser Manager)> ArrangeAsync(TestApp app, FakeTimeProvider clock)
    {
        var s = await IncidentSite.CreateAsync(app);
        var r = await DutyRoster.CreateAsync(s);
        var lead = await app.CreateUserAsync("lead", s.Site.Id, roles: SiteRole.Foreman);
        var manager = await app.CreateUserAsync("manager", s.Site.Id, roles: SiteRole.Manager);
        var leadStaff = await r.StaffAsync("领班", r.FrontDesk, lead);
        var supervisorStaff = await r.StaffAsync("主管", r.DutyRoom, s.Supervisor);
        await r.RosterAsync(DutyRoster.LocalDate(clock), ShiftKind.Morning,
            new RosterAssignment(leadStaff.Id, DutyKind.Foreman, null), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));
        return (s, lead, manager);
    }
}
