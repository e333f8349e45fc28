using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Incidents;

/// <summary>
/// Who is on duty to receive an escalation (desk §2.7, §2.9): the person rostered for the duty on the shift running
/// now, in the site's time zone, whose staff record is linked to an account; else every holder of the role at the
/// site. The desk's shift lead (领班) is the foreman rostered at a front-desk post, else the supervisor on duty.
/// </summary>
public sealed class DutyResolverTests
{
    // Shanghai is UTC+8: the night shift of the 26th runs from 23:00 on the 26th to 07:00 on the 27th.
    private static readonly DateOnly Night26 = new(2026, 11, 26);

    [Theory]
    [InlineData("2026-11-26T15:30:00Z")] // 23:30 on the 26th
    [InlineData("2026-11-26T16:30:00Z")] // 00:30 on the 27th: still the night shift that began on the 26th
    [InlineData("2026-11-26T22:59:00Z")] // 06:59 on the 27th
    public async Task ShiftLead_IsTheForemanRosteredAtAFrontDeskPost_OnTheNightShiftAcrossMidnightInShanghai(string instant)
    {
        using var app = new TestApp();
        var (r, lead, leadStaff, supervisorStaff) = await ArrangeAsync(app);
        await r.RosterAsync(Night26, ShiftKind.Night,
            new RosterAssignment(leadStaff.Id, DutyKind.Foreman, null), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));

        var found = await r.ResolveAsync(Duty.ShiftLead, At(instant));

        Assert.Equal(Duty.ShiftLead, found.Duty);
        Assert.Equal([new DutyHolder(lead.Id, "lead")], found.People);
        Assert.Equal("shiftLead", found.DutyName);
    }

    [Fact]
    public async Task ShiftLead_WithNoLinkedForemanAtAFrontDeskPost_IsTheSupervisorOnDuty()
    {
        using var app = new TestApp();
        var (r, _, leadStaff, supervisorStaff) = await ArrangeAsync(app);
        var unlinkedAtTheDesk = await r.StaffAsync("无账号领班", r.FrontDesk);
        // The 26th: the foreman works the duty room that night. The 27th: the desk's foreman has no account.
        await r.RosterAsync(Night26, ShiftKind.Night,
            new RosterAssignment(leadStaff.Id, DutyKind.Foreman, r.DutyRoom.Id), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));
        await r.RosterAsync(Night26.AddDays(1), ShiftKind.Night,
            new RosterAssignment(unlinkedAtTheDesk.Id, DutyKind.Foreman, null), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));

        foreach (var instant in new[] { "2026-11-26T16:30:00Z", "2026-11-27T16:30:00Z" })
        {
            var found = await r.ResolveAsync(Duty.ShiftLead, At(instant));

            Assert.Equal(Duty.Supervisor, found.Duty);
            Assert.Equal([new DutyHolder(r.Site.Supervisor.Id, "supervisor")], found.People);
        }
    }

    [Fact]
    public async Task NobodyRosteredNowIsLinked_IsEveryHolderOfTheSupervisorRole()
    {
        using var app = new TestApp();
        var (r, _, _, _) = await ArrangeAsync(app);
        var second = await app.CreateUserAsync("supervisor2", r.Site.Site.Id, roles: SiteRole.Supervisor);
        var unlinked = await r.StaffAsync("无账号主管", r.DutyRoom);
        await r.RosterAsync(Night26, ShiftKind.Night, new RosterAssignment(unlinked.Id, DutyKind.Supervisor, null));
        var everySupervisor = new[] { new DutyHolder(r.Site.Supervisor.Id, "supervisor"), new DutyHolder(second.Id, "supervisor2") };

        // On the night shift its supervisor has no account; at 07:00 the morning shift has nobody rostered at all.
        foreach (var instant in new[] { "2026-11-26T16:30:00Z", "2026-11-26T23:00:00Z" })
        {
            var lead = await r.ResolveAsync(Duty.ShiftLead, At(instant));
            var supervisor = await r.ResolveAsync(Duty.Supervisor, At(instant));

            Assert.Equal((Duty.Supervisor, Duty.Supervisor), (lead.Duty, supervisor.Duty));
            Assert.Equal(everySupervisor, lead.People);
            Assert.Equal(everySupervisor, supervisor.People);
        }
    }

    [Fact]
    public async Task ASiteWithoutSupervisors_FallsToEveryManager_WhoAreNotRostered() // desk §2.9
    {
        using var app = new TestApp();
        var (r, _, _, supervisorStaff) = await ArrangeAsync(app);
        var manager = await app.CreateUserAsync("manager", r.Site.Site.Id, roles: SiteRole.Manager);
        await r.RosterAsync(Night26, ShiftKind.Night, new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));
        await app.QueryDbAsync(db => db.UserSiteRoles.Where(u => u.SiteId == r.Site.Site.Id && u.Role == SiteRole.Supervisor).ExecuteDeleteAsync());
        var managers = new[] { new DutyHolder(manager.Id, "manager") };

        // On the night shift the rostered supervisor's account no longer holds a role here; at 07:00 nobody is rostered.
        foreach (var instant in new[] { "2026-11-26T16:30:00Z", "2026-11-26T23:00:00Z" })
        {
            var found = await r.ResolveAsync(Duty.Supervisor, At(instant));

            Assert.Equal(Duty.Manager, found.Duty);
            Assert.Equal(managers, found.People);
        }
    }

    [Fact]
    public async Task DisabledAccountsRosteredNow_AreNobody_SoEachStepFallsToTheNext() // desk §2.7, §2.9
    {
        using var app = new TestApp();
        var (r, lead, leadStaff, supervisorStaff) = await ArrangeAsync(app);
        var second = await app.CreateUserAsync("supervisor2", r.Site.Site.Id, roles: SiteRole.Supervisor);
        await r.RosterAsync(Night26, ShiftKind.Night,
            new RosterAssignment(leadStaff.Id, DutyKind.Foreman, null), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));
        var instant = At("2026-11-26T16:30:00Z");

        await DisableAsync(app, lead);
        var leadDisabled = await r.ResolveAsync(Duty.ShiftLead, instant);
        await DisableAsync(app, r.Site.Supervisor);
        var bothDisabled = await r.ResolveAsync(Duty.ShiftLead, instant);

        // The rostered lead is disabled: the supervisor on duty. The supervisor too: every other Supervisor at the site.
        Assert.Equal((Duty.Supervisor, Duty.Supervisor), (leadDisabled.Duty, bothDisabled.Duty));
        Assert.Equal([new DutyHolder(r.Site.Supervisor.Id, "supervisor")], leadDisabled.People);
        Assert.Equal([new DutyHolder(second.Id, "supervisor2")], bothDisabled.People);
    }

    [Fact]
    public async Task ARosteredLeadWhoseAccountHoldsNoRoleAtTheSite_IsNobody_SoTheSupervisorOnDutyAnswers() // desk §2.7
    {
        using var app = new TestApp();
        var (r, _, _, supervisorStaff) = await ArrangeAsync(app);
        var elsewhere = await app.CreateSiteAsync("Other Plaza");
        var outsider = await app.CreateUserAsync("outsider", elsewhere.Id, roles: SiteRole.Foreman);
        var outsiderStaff = await r.StaffAsync("外场领班", r.FrontDesk, outsider);
        await r.RosterAsync(Night26, ShiftKind.Night,
            new RosterAssignment(outsiderStaff.Id, DutyKind.Foreman, null), new RosterAssignment(supervisorStaff.Id, DutyKind.Supervisor, null));

        var found = await r.ResolveAsync(Duty.ShiftLead, At("2026-11-26T16:30:00Z"));

        Assert.Equal(Duty.Supervisor, found.Duty);
        Assert.Equal([new DutyHolder(r.Site.Supervisor.Id, "supervisor")], found.People);
    }

    /// <summary>
    /// An incident site with a roster: "lead", a Foreman account, linked to a staff record at the front desk; the
    /// site's "supervisor" linked to one in the duty room. Rostered as each test says.
    /// </summary>
    private static async Task<(DutyRoster Roster, TestUser Lead, StaffDto LeadStaff, StaffDto SupervisorStaff)> ArrangeAsync(TestApp app)
    {
        var s = await IncidentSite.CreateAsync(app);
        var r = await DutyRoster.CreateAsync(s);
        var lead = await app.CreateUserAsync("lead", s.Site.Id, roles: SiteRole.Foreman);
        var leadStaff = await r.StaffAsync("领班", r.FrontDesk, lead);
        var supervisorStaff = await r.StaffAsync("主管", r.DutyRoom, s.Supervisor);
        return (r, lead, leadStaff, supervisorStaff);
    }

    private static async Task DisableAsync(TestApp app, TestUser user)
    {
        using var admin = app.Http();
        (await admin.PostAsync($"/api/users/{user.Id}/disable", null)).EnsureSuccessStatusCode();
    }

    private static DateTime At(string instant) =>
        DateTime.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
