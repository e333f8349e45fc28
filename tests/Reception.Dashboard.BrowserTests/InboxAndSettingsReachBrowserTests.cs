using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>
/// Those an escalation or a setting is for reach it from the menu: the desk's shift lead (a front-desk person, not a
/// supervisor) the escalations inbox (desk §2.7), a manager the site settings' incident time limits.
/// </summary>
public sealed class InboxAndSettingsReachBrowserTests
{
    [Fact]
    public async Task ShiftLead_AtTheDesk_OpensTheInboxFromTheMenu_ReceivesAComplaintLive_AndAcknowledgesIt() // desk §2.7
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        await RosterTheDeskAsTheShiftLeadAsync(app, siteId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        var page = await IncidentFollowUpBrowserTests.OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        await page.Locator(".app-nav-wide").GetByTestId("nav-escalations").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/incidents/escalations").ToString());
        await Expect(page.GetByTestId("inbox-mine-only")).ToBeVisibleAsync();

        // The command center sends a complaint up: it goes to the shift lead on duty, the desk's own person here.
        const string text = "住户投诉快递柜占用通道 Parcel lockers block the corridor";
        using var command = (await app.SignInAsync("command", DemoData.DemoPassword)).Http();
        var raised = await (await command.PostAsJsonAsync($"/api/sites/{siteId}/incidents", new RaiseIncident(IncidentKind.Complaint, null, text), BoardJson.Options))
            .ReadAsync<IncidentDto>(HttpStatusCode.Created);
        (await command.PostAsJsonAsync($"/api/sites/{siteId}/incidents/{raised.Id}/escalate", new EscalateIncident(raised.Version), BoardJson.Options))
            .EnsureSuccessStatusCode();

        var item = page.GetByTestId("inbox-item").Filter(new() { HasText = "住户投诉快递柜占用通道" });
        await Expect(item).ToHaveAttributeAsync("data-acknowledged", "false");
        await Expect(item.GetByTestId("escalation-summary")).ToHaveAttributeAsync("data-duty", "shiftLead");
        await item.GetByTestId("inbox-acknowledge").ClickAsync();
        await Expect(page.GetByTestId("inbox-acknowledged")).ToBeVisibleAsync();
        await Expect(item).ToHaveCountAsync(0);

        using var http = app.Http();
        var escalation = Assert.Single((await http.GetFromJsonAsync<List<IncidentEscalationDto>>(
            $"/api/sites/{siteId}/incidents/{raised.Id}/escalations", BoardJson.Options))!);
        Assert.Equal("前台 Front desk", escalation.AcknowledgedBy);
    }

    [Fact]
    public async Task Manager_OpensTheSettingsFromTheMenu_SeesTheIncidentLimitsNotTheSite_AndSavesALimit()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        var page = await IncidentFollowUpBrowserTests.OpenAsync(browser, app, "manager", $"/sites/{siteId}/board");
        await page.Locator(".app-nav-wide").GetByTestId("nav-settings").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/site").ToString());

        // The site's name and time zone are the Admin's, and so is the administration the Admin comes back to.
        var section = page.GetByTestId("settings-incident-limits");
        await Expect(section.GetByTestId("limits-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("settings-site")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("settings-back")).ToHaveCountAsync(0);

        var forward = section.Locator($"[data-testid=limit][data-kind={IncidentKind.Complaint}][data-priority={IncidentPriority.Normal}]")
            .GetByTestId("limit-forward").Locator("input");
        await forward.FillAsync("27");
        await section.GetByTestId("limits-save").ClickAsync();
        await Expect(section.GetByTestId("limits-saved")).ToBeVisibleAsync();

        using var http = app.Http();
        var saved = (await http.GetFromJsonAsync<List<IncidentTimeLimitDto>>($"/api/sites/{siteId}/incidents/limits", BoardJson.Options))!;
        Assert.Equal(27, saved.Single(l => l is { Kind: IncidentKind.Complaint, Priority: IncidentPriority.Normal }).ForwardWithinMinutes);
    }

    /// <summary>
    /// Makes the demo's desk account the shift lead (领班) now: its staff record, at the front desk, rostered as foreman
    /// on the shift running, the rest of that shift as it was. The demo itself rosters no foreman at the desk.
    /// </summary>
    private static async Task RosterTheDeskAsTheShiftLeadAsync(TestApp app, Guid siteId)
    {
        var desk = await app.SignInAsync("desk", DemoData.DemoPassword);
        using var http = app.Http();
        var url = $"/api/sites/{siteId}";
        var staff = (await http.GetFromJsonAsync<List<StaffDto>>($"{url}/staff", BoardJson.Options))!.Single(s => s.UserId == desk.Id);
        var onDuty = (await http.GetFromJsonAsync<OnDutyDto>($"{url}/on-duty", BoardJson.Options))!;
        var shift = onDuty.Shifts.Single(s => s.Entries.Any(e => e.StaffId == staff.Id));
        var cell = shift.Entries
            .Select(e => new RosterAssignment(e.StaffId, e.StaffId == staff.Id ? DutyKind.Foreman : e.Duty, e.PostId))
            .ToList();
        (await http.SendJsonAsync(HttpMethod.Put, $"{url}/roster/{shift.Date:yyyy-MM-dd}/{shift.ShiftId}", new SetRosterCell(cell)))
            .EnsureSuccessStatusCode();
    }
}
