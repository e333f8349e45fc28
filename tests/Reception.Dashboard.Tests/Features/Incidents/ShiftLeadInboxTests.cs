using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// The desk's shift lead (领班) is a front-desk person rostered as foreman at a front-desk post, not a supervisor: a
/// complaint the desk cannot solve reaches them (desk §2.7), and they read and acknowledge it in the escalations inbox.
/// Anyone else at the desk opens the inbox too, and is told that nothing waits for them.
/// </summary>
public sealed class ShiftLeadInboxTests
{
    [Fact]
    public async Task ShiftLead_AtTheFrontDesk_OpensTheInbox_SeesTheComplaintSentToThem_AndAcknowledgesIt() // desk §2.7
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, lead) = await ArrangeAsync(app, clock, ShiftKind.Morning);
        var raised = await s.RaiseAsync();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        using var leadHttp = lead.Http();

        var page = await leadHttp.GetAsync($"/sites/{s.Site.Id}/incidents/escalations");
        var html = await page.Content.ReadAsStringAsync();
        var item = Assert.Single(await (await leadHttp.GetAsync(s.Url("/escalations"))).ReadAsync<List<EscalationInboxItemDto>>());
        var acknowledged = await (await s.SendAsync(lead, $"/{raised.Id}/escalations/{item.Escalation.Id}/acknowledge", new { }))
            .ReadAsync<IncidentEscalationDto>();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal((raised.Id, "shiftLead", true), (item.Incident.Id, item.Escalation.Duty, item.MayAcknowledge));
        Assert.Equal(["lead"], item.Escalation.Addressees);
        // The page as it first arrives: their escalation, with the button that acknowledges it, and what the list holds.
        Assert.Contains($"data-id=\"{item.Escalation.Id}\"", html);
        Assert.Contains("data-testid=\"inbox-acknowledge\"", html);
        Assert.Contains("data-testid=\"inbox-mine-only\"", html);
        Assert.Equal("lead", acknowledged.AcknowledgedBy);
        Assert.Empty(await (await leadHttp.GetAsync(s.Url("/escalations"))).ReadAsync<List<EscalationInboxItemDto>>());
    }

    [Fact]
    public async Task Inbox_ForTheDeskItWasNotSentTo_SaysNothingWaitsForThem_TheSupervisorSeesIt_AGuardIsRefused() // desk §2.7
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(10, 0));
        using var app = new TestApp(clock: clock);
        var (s, _) = await ArrangeAsync(app, clock, ShiftKind.Morning);
        var raised = await s.RaiseAsync();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        var path = $"/sites/{s.Site.Id}/incidents/escalations";
        using var desk = s.Desk.Http();
        using var supervisor = s.Supervisor.Http();
        using var guard = s.Guard.Http();

        var deskPage = await desk.GetAsync(path);
        var deskHtml = await deskPage.Content.ReadAsStringAsync();
        var supervisorHtml = await supervisor.GetStringAsync(path);
        var refused = await guard.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, deskPage.StatusCode);
        Assert.Contains("data-testid=\"inbox-empty\"", deskHtml);
        Assert.Contains("Nothing is waiting for you.", deskHtml);
        Assert.DoesNotContain("data-testid=\"inbox-item\"", deskHtml);
        // Supervisors act on any escalation: they see it, and are not told the list is only theirs.
        Assert.Contains($"data-incident=\"{raised.Id}\"", supervisorHtml);
        Assert.DoesNotContain("data-testid=\"inbox-mine-only\"", supervisorHtml);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Inbox_AnEscalationFromBeforeMidnight_ShowsItsDate_NotOnlyItsTime()
    {
        var clock = DutyRoster.ClockAtTomorrow(new TimeOnly(23, 30));
        using var app = new TestApp(clock: clock);
        var (s, lead) = await ArrangeAsync(app, clock, ShiftKind.Night);
        var raised = await s.RaiseAsync();
        (await s.SendAsync(s.Desk, $"/{raised.Id}/escalate", new EscalateIncident(raised.Version))).EnsureSuccessStatusCode();
        var escalation = Assert.Single(await (await s.GetAsync(s.Desk, $"/{raised.Id}/escalations")).ReadAsync<List<IncidentEscalationDto>>());
        using var leadHttp = lead.Http();

        // Past midnight in Shanghai: 23:30 alone would read as tonight's.
        clock.Advance(TimeSpan.FromHours(1));
        var html = await leadHttp.GetStringAsync($"/sites/{s.Site.Id}/incidents/escalations");

        var at = TimeZoneInfo.ConvertTimeFromUtc(escalation.At, DutyRoster.Shanghai).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.EndsWith("23:30", at);
        Assert.Contains($"escalated {at}", html);
    }

    /// <summary>
    /// An incident site whose shift <paramref name="shift"/> starting on the clock's day has "lead", a FrontDesk account,
    /// rostered as foreman at the front desk, and the site's "supervisor" rostered as the supervisor on duty.
    /// </summary>
    private static async Task<(IncidentSite Site, TestUser Lead)> ArrangeAsync(TestApp app, FakeTimeProvider clock, ShiftKind shift)
    {
        var s = await IncidentSite.CreateAsync(app);
        var r = await DutyRoster.CreateAsync(s);
        var lead = await app.CreateUserAsync("lead", s.Site.Id, roles: SiteRole.FrontDesk);
        var leadStaff = await r.StaffAsync("领班", r.FrontDesk, lead);
        var supervisorStaff = await r.StaffAsync("主管", r.DutyRoom, s.Supervisor);
        await r.RosterAsync(DutyRoster.LocalDate(clock), shift,
            new RosterAssignment(leadStaff.Id, DutyKind.Foreman, null), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));
        return (s, lead);
    }
}
