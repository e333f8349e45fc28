using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Tests.Features.Devices;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>
/// Issue 14, part 2, the screens: the desk escalates by one action (desk §2.7, §2.9), the board sounds and marks it
/// until the supervisor acknowledges it in the inbox; the wall's front-desk row counts without a name (desk §2.8); the
/// site settings' time limits refuse in place. The demo has incidents and escalations of its own: each test finds its
/// own by its text.
/// </summary>
public sealed class IncidentFollowUpBrowserTests
{
    // The board keeps sounding for exactly the escalations it marks: counted rather than named, since a demo
    // incident's own clock may run out while a test runs and add one of its own.
    private const string SoundsForEveryEscalationShown = """
        () => Number(document.querySelector("[data-testid=alert-sound]").dataset.insistent)
          === document.querySelectorAll("[data-testid=board-escalation]").length
        """;

    [Fact]
    public async Task Desk_EscalatesAComplaint_TheBoardMarksAndSoundsIt_UntilTheSupervisorAcknowledgesItInTheInbox()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        const string text = "噪音投诉前台无法平息 Noise complaint the desk cannot settle";
        using var deskApi = (await app.SignInAsync("desk", DemoData.DemoPassword)).Http();
        var raised = await (await deskApi.PostAsJsonAsync($"/api/sites/{siteId}/incidents", new RaiseIncident(IncidentKind.Complaint, null, text), BoardJson.Options))
            .ReadAsync<IncidentDto>(HttpStatusCode.Created);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        var board = await OpenAsync(browser, app, "command", $"/sites/{siteId}/board");
        var boardRow = board.GetByTestId("board-incident").Filter(new() { HasText = "噪音投诉前台无法平息" });
        await Expect(boardRow).ToHaveAttributeAsync("data-escalated", "false");
        await Expect(boardRow.GetByTestId("incident-clock").First).ToHaveAttributeAsync("data-clock", "Forward");
        var sound = board.GetByTestId("alert-sound");
        await sound.ClickAsync(); // muted: and the click lets the page make sound
        await Expect(sound).ToHaveAttributeAsync("data-muted", "true");
        await sound.ClickAsync();
        await Expect(sound).ToHaveAttributeAsync("data-muted", "false");

        // desk §2.7: what the desk cannot solve of a complaint goes up at once, by one action and a confirmation.
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        var deskRow = desk.GetByTestId("incident").Filter(new() { HasText = "噪音投诉前台无法平息" });
        await deskRow.GetByTestId("row-open").ClickAsync();
        await Expect(deskRow.GetByTestId("incident-escalate")).ToHaveTextAsync("Escalate to the shift lead");
        await deskRow.GetByTestId("incident-escalate").ClickAsync();
        var played = await board.EvaluateAsync<int>("() => window.receptionAlerts.played");
        await desk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Escalate to the shift lead" }).ClickAsync();
        var deskEscalation = deskRow.GetByTestId("incident-escalation");
        await Expect(deskEscalation).ToHaveAttributeAsync("data-acknowledged", "false");
        await Expect(deskEscalation.GetByTestId("escalation-summary")).ToHaveAttributeAsync("data-reason", nameof(EscalationReason.ShiftLead));

        // The board, open all along: marked with whom it went to, among the first, and sounding.
        await Expect(boardRow).ToHaveAttributeAsync("data-escalated", "true");
        await Expect(boardRow.GetByTestId("board-escalation").GetByTestId("escalation-summary")).ToContainTextAsync("to the ");
        await board.WaitForFunctionAsync("played => window.receptionAlerts.played > played", played);
        await board.WaitForFunctionAsync(SoundsForEveryEscalationShown);
        var first = await board.GetByTestId("board-incident").EvaluateAllAsync<bool[]>(
            "rows => rows.map(r => r.dataset.escalated === 'true' || r.dataset.overdue === 'true')");
        Assert.True(first.SkipWhile(f => f).All(f => !f), "an escalated or overdue incident comes after one that is neither");
        Assert.Contains(raised.Id.ToString(), await board.GetByTestId("board-incident").EvaluateAllAsync<string[]>(
            $"rows => rows.slice(0, {first.Count(f => f)}).map(r => r.dataset.id)"));

        // The supervisor acknowledges it in the inbox; it leaves the open ones and stays in the history.
        var inbox = await OpenAsync(browser, app, "supervisor", $"/sites/{siteId}/incidents/escalations");
        var item = inbox.GetByTestId("inbox-item").Filter(new() { HasText = "噪音投诉前台无法平息" });
        await Expect(item).ToHaveAttributeAsync("data-acknowledged", "false");
        await item.GetByTestId("inbox-acknowledge").ClickAsync();
        await Expect(inbox.GetByTestId("inbox-acknowledged")).ToBeVisibleAsync();
        await Expect(item).ToHaveCountAsync(0);
        await inbox.GetByTestId("inbox-history").ClickAsync();
        await Expect(item).ToHaveAttributeAsync("data-acknowledged", "true");
        await Expect(item.GetByTestId("inbox-acknowledged-by")).ToBeVisibleAsync();

        // The board stops marking it and sounding for it; the desk sees it acknowledged.
        await Expect(boardRow).ToHaveAttributeAsync("data-escalated", "false");
        await Expect(boardRow.GetByTestId("board-escalation")).ToHaveCountAsync(0);
        await board.WaitForFunctionAsync(SoundsForEveryEscalationShown);
        await Expect(deskEscalation).ToHaveAttributeAsync("data-acknowledged", "true");
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Wall_FrontDeskTiles_CountLive_NeverAName_AndTheWallStillFitsWithThreeBusyVisits(int width, int height)
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        // Two busy visits and a third counted as "+1 more": the tallest the wall gets, now with the front desk's row.
        await WallFitBrowserTests.AnnounceABusyVisitAsync(app, siteId);
        await AnnounceAVisitAsync(app, siteId);
        var screen = await DeviceSite.PairWallAsync(app, siteId, await app.SignInAsync("manager", DemoData.DemoPassword));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "reception.device", Value = screen.GetAllCookies()["reception.device"]!.Value, Url = app.BaseAddress.ToString() }]);
        var wall = await context.NewPageAsync();
        await wall.GotoAsync(new Uri(app.BaseAddress, "/wall").ToString());
        await Expect(wall.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(wall.Locator("#components-reconnect-modal")).ToHaveAttributeAsync("data-state", "live");
        await Expect(wall.GetByTestId("wall-more-visits")).ToBeVisibleAsync();
        await Expect(wall.GetByTestId("wall-desk-row").GetByTestId("wall-desk-tile")).ToHaveCountAsync(4);

        // The figures the API gives the desk: the demo's open incidents, the oldest of them waiting for hours or minutes.
        using var http = app.Http();
        var figures = (await http.GetFromJsonAsync<FrontDeskFiguresDto>($"/api/sites/{siteId}/incidents/figures", BoardJson.Options))!;
        await Expect(wall.GetByTestId("wall-desk-open")).ToHaveTextAsync(figures.Open.ToString());
        await Expect(wall.GetByTestId("wall-desk-overdue")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(wall.GetByTestId("wall-desk-oldest")).ToHaveTextAsync(new Regex(@"\d+ (min|h|d)"));

        // Live: a new incident is counted, and so is its escalation, without its text or its person's name (desk §2.8).
        const string name = "欧阳明月";
        const string text = "大堂旋转门夹到小孩 Revolving door caught a child";
        using var deskApi = (await app.SignInAsync("desk", DemoData.DemoPassword)).Http();
        var raised = await (await deskApi.PostAsJsonAsync($"/api/sites/{siteId}/incidents",
                new RaiseIncident(IncidentKind.LobbySituation, IncidentPriority.Urgent, text, PersonName: name, PersonPhone: "139 0000 5678"), BoardJson.Options))
            .ReadAsync<IncidentDto>(HttpStatusCode.Created);
        await Expect(wall.GetByTestId("wall-desk-open")).ToHaveTextAsync((figures.Open + 1).ToString());
        var escalated = int.Parse(await wall.GetByTestId("wall-desk-escalated").InnerTextAsync());
        (await deskApi.PostAsJsonAsync($"/api/sites/{siteId}/incidents/{raised.Id}/escalate", new EscalateIncident(raised.Version), BoardJson.Options))
            .EnsureSuccessStatusCode();
        // At least one more: a demo incident's own clock may run out meanwhile too.
        await wall.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-testid=wall-desk-escalated]').textContent) > n", escalated);

        var everyone = (await http.GetFromJsonAsync<List<IncidentDto>>($"/api/sites/{siteId}/incidents", BoardJson.Options))!;
        var shown = await wall.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("大堂旋转门夹到小孩", shown);
        Assert.All(everyone.Select(i => i.PersonName).OfType<string>().Append(name), person => Assert.DoesNotContain(person, shown));

        // Still one screen: nothing scrolls, nothing (the front desk's tiles among it) reaches the status strip.
        var placement = JsonSerializer.Deserialize<WallFitBrowserTests.Placement>(
            await wall.EvaluateAsync<string>(WallFitBrowserTests.Layout), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.True(placement.ScrollHeight <= placement.InnerHeight, $"the wall is {placement.ScrollHeight}px tall on a {placement.InnerHeight}px screen");
        Assert.All(placement.Shown, s => Assert.True(s.Bottom <= placement.StatusTop, $"'{s.Text}' ends at {s.Bottom}px, behind the status strip at {placement.StatusTop}px"));
    }

    [Fact]
    public async Task SiteSettings_IncidentTimeLimits_RefuseABadLimitBesideItsField_KeepEveryValueTyped_ThenSaveAndResetToDefaults()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var url = $"/api/sites/{siteId}/incidents/limits";
        var before = (await http.GetFromJsonAsync<List<IncidentTimeLimitDto>>(url, BoardJson.Options))!;
        Assert.Equal((IncidentKind.Complaint, IncidentPriority.Normal), (before[0].Kind, before[0].Priority));
        // The API's own words for a complaint's forward limit of -5 minutes: the field must show them.
        var refusal = await http.SendJsonAsync(HttpMethod.Put, url, new SetIncidentTimeLimits([before[0] with { ForwardWithinMinutes = -5 }, .. before.Skip(1)]));
        var message = (await refusal.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("limits[0].forwardWithinMinutes")[0].GetString()!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await OpenAsync(browser, app, "admin", $"/sites/{siteId}/admin/site");

        // The site's own section is still there; the time limits are the next.
        await Expect(page.GetByTestId("settings-site").GetByTestId("site-name")).ToBeVisibleAsync();
        var section = page.GetByTestId("settings-incident-limits");
        var complaintForwardCell = Cell(section, IncidentKind.Complaint, IncidentPriority.Normal, "limit-forward");
        var complaintForward = complaintForwardCell.Locator("input");
        var repairUrgentResolve = Cell(section, IncidentKind.Repair, IncidentPriority.Urgent, "limit-resolve").Locator("input");
        await complaintForward.FillAsync("-5");
        await repairUrgentResolve.FillAsync("95");
        await section.GetByTestId("limits-save").ClickAsync();

        await Expect(section.GetByTestId("limits-error")).ToBeVisibleAsync();
        await Expect(complaintForwardCell).ToContainTextAsync(message);
        await Expect(complaintForward).ToHaveValueAsync("-5");
        await Expect(repairUrgentResolve).ToHaveValueAsync("95");
        Assert.Equal(before, (await http.GetFromJsonAsync<List<IncidentTimeLimitDto>>(url, BoardJson.Options))!);

        // Corrected, it saves what was typed.
        await complaintForward.FillAsync("20");
        await section.GetByTestId("limits-save").ClickAsync();
        await Expect(section.GetByTestId("limits-saved")).ToBeVisibleAsync();
        await Expect(complaintForwardCell).Not.ToContainTextAsync(message);
        var saved = (await http.GetFromJsonAsync<List<IncidentTimeLimitDto>>(url, BoardJson.Options))!;
        Assert.Equal(20, saved.Single(l => l is { Kind: IncidentKind.Complaint, Priority: IncidentPriority.Normal }).ForwardWithinMinutes);
        Assert.Equal(95, saved.Single(l => l is { Kind: IncidentKind.Repair, Priority: IncidentPriority.Urgent }).ResolveWithinMinutes);

        // Back to the defaults, once confirmed.
        await section.GetByTestId("limits-reset").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Reset to defaults" }).ClickAsync();
        var defaults = before.Select(ToDefault).ToList();
        await Expect(complaintForward).ToHaveValueAsync(defaults[0].ForwardWithinMinutes.ToString());
        Assert.Equal(defaults, (await http.GetFromJsonAsync<List<IncidentTimeLimitDto>>(url, BoardJson.Options))!);
    }

    private static IncidentTimeLimitDto ToDefault(IncidentTimeLimitDto limit)
    {
        var (forward, resolve) = IncidentTimeLimits.Default(limit.Kind, limit.Priority);
        return limit with { ForwardWithinMinutes = (int)forward.TotalMinutes, ResolveWithinMinutes = (int)resolve.TotalMinutes };
    }

    /// <summary>The cell of one limit in the settings table: its field, and the refusal beside it.</summary>
    private static ILocator Cell(ILocator section, IncidentKind kind, IncidentPriority priority, string testId) =>
        section.Locator($"[data-testid=limit][data-kind={kind}][data-priority={priority}]").GetByTestId(testId);

    /// <summary>A plain visit two hours away over the first two posts: a third open visit, which the wall counts rather than shows.</summary>
    private static async Task AnnounceAVisitAsync(TestApp app, Guid siteId)
    {
        using var command = (await app.SignInAsync("command", DemoData.DemoPassword)).Http();
        var posts = (await command.GetFromJsonAsync<List<PostDto>>($"/api/sites/{siteId}/posts", BoardJson.Options))!
            .Where(p => !p.Archived).Select(p => p.Id).Take(2).ToList();
        (await command.PostAsJsonAsync($"/api/sites/{siteId}/visits", new AnnounceVisit("Evening delegation", 2, DateTime.UtcNow.AddHours(2), posts), BoardJson.Options))
            .EnsureSuccessStatusCode();
    }

    /// <summary>A desk-sized browser of its own, signed in as <paramref name="userName"/>, on <paramref name="path"/> once it is live.</summary>
    internal static async Task<IPage> OpenAsync(IBrowser browser, TestApp app, string userName, string path)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, userName, DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }
}
