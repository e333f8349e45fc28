using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>
/// Issue 14, the screens: the desk raises an incident by keyboard alone (desk §0.1, §2.7), the board and the department
/// it is forwarded to (desk §4.5) see it live. The demo has incidents of its own, so each test finds its own by its text.
/// </summary>
public sealed class IncidentBrowserTests
{
    /// <summary>Presses keys on a page and counts them: the budget is for these, not for the text and the unit number typed.</summary>
    private sealed class CountedKeys(IKeyboard keyboard)
    {
        public List<string> Pressed { get; } = [];

        public async Task PressAsync(string key)
        {
            Pressed.Add(key);
            await keyboard.PressAsync(key);
        }
    }

    [Fact]
    public async Task Desk_RaisesAComplaintByKeyboardAlone_InAtMostTenKeystrokesBesidesTextAndUnit_AndTheBoardSeesItLive()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var board = await OpenAsync(browser, app, "command", $"/sites/{siteId}/board");
        // The demo's open incidents are on the board: the panel is loaded and live before the desk starts.
        await Expect(board.GetByTestId("incidents").GetByTestId("board-incident").First).ToBeVisibleAsync();
        await board.EvaluateAsync("() => window.__notReloaded = true");
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        const string text = "大堂空调太冷 Lobby air conditioning far too cold";
        var keys = new CountedKeys(desk.Keyboard);

        // The form opens with the kind chooser focused: one digit is the kind, the unit is next, Enter takes it and
        // the text follows. Typed in one burst, as a fast desk types, without waiting for the server between keys.
        await Expect(desk.GetByTestId("incident-kind")).ToBeFocusedAsync();
        await keys.PressAsync("1");
        await desk.Keyboard.TypeAsync("B203");
        await keys.PressAsync("Enter");
        await desk.Keyboard.TypeAsync(text);
        await Expect(desk.GetByTestId("incident-unit-chosen")).ToContainTextAsync("B座 203");
        await Expect(desk.GetByTestId("incident-unit")).ToHaveValueAsync("B203");
        await Expect(desk.GetByTestId("incident-text")).ToHaveValueAsync(text);
        await Expect(desk.GetByTestId("incident-kind-complaint")).ToHaveAttributeAsync("aria-pressed", "true");
        // The person, picked from the unit's owners and tenants.
        await keys.PressAsync("Tab");
        await Expect(desk.GetByTestId("incident-occupant").First).ToBeFocusedAsync();
        await keys.PressAsync("Enter");
        await Expect(desk.GetByTestId("incident-location")).ToBeFocusedAsync();
        await Expect(desk.GetByTestId("incident-person-name")).Not.ToHaveValueAsync("");
        var person = await desk.GetByTestId("incident-person-name").InputValueAsync();
        await keys.PressAsync("Control+Enter");

        await Expect(desk.GetByTestId("incident-raised")).ToContainTextAsync("Complaint B座 203");
        // desk §2.7: a complaint is taken at once, whatever its merit; the issue's budget is ten keystrokes.
        Assert.True(keys.Pressed.Count <= 10, $"{keys.Pressed.Count} keystrokes besides the text and the unit: {string.Join(", ", keys.Pressed)}");
        // Cleared for the next one, and back at its start.
        await Expect(desk.GetByTestId("incident-text")).ToHaveValueAsync("");
        await Expect(desk.GetByTestId("incident-kind")).ToBeFocusedAsync();
        await Expect(desk.GetByTestId("desk-incidents").GetByTestId("incident").Filter(new() { HasText = "大堂空调太冷" })).ToHaveCountAsync(1);

        // The command center's board, open all along, shows it without a reload.
        await Expect(board.GetByTestId("board-incident").Filter(new() { HasText = "大堂空调太冷" })).ToHaveCountAsync(1);
        Assert.True(await board.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the board reloaded");

        using var http = app.Http();
        var raised = (await http.GetFromJsonAsync<List<IncidentDto>>(
            $"/api/sites/{siteId}/incidents?search={Uri.EscapeDataString("大堂空调太冷")}", BoardJson.Options))!.Single();
        Assert.Equal((IncidentKind.Complaint, IncidentPriority.Normal, "B座 203", person, text),
            (raised.Kind, raised.Priority, raised.UnitNumber, raised.PersonName, raised.Text));
    }

    [Fact]
    public async Task Desk_RefusedRaise_KeepsWhatWasTyped_AndNamesTheField()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        const string text = "电梯按钮失灵 Lift button does not work";
        using var http = app.Http();
        var search = $"/api/sites/{siteId}/incidents?search={Uri.EscapeDataString("电梯按钮失灵")}";

        await desk.GetByTestId("incident-kind-repair").ClickAsync();
        await desk.GetByTestId("incident-text").FillAsync(text);
        await desk.GetByTestId("incident-person-name").FillAsync("王先生");
        await desk.GetByTestId("incident-person-phone").FillAsync("ask at the desk");
        await desk.GetByTestId("raise-incident").ClickAsync();

        // The refusal stands beside the phone field; nothing typed is lost and nothing was raised.
        var phoneField = desk.Locator(".mud-input-control").Filter(new() { Has = desk.GetByTestId("incident-person-phone") });
        await Expect(phoneField).ToContainTextAsync("Use digits, spaces and + - ( ) only.");
        await Expect(desk.GetByTestId("incident-text")).ToHaveValueAsync(text);
        await Expect(desk.GetByTestId("incident-person-name")).ToHaveValueAsync("王先生");
        await Expect(desk.GetByTestId("incident-person-phone")).ToHaveValueAsync("ask at the desk");
        await Expect(desk.GetByTestId("incident-kind-repair")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Empty((await http.GetFromJsonAsync<List<IncidentDto>>(search, BoardJson.Options))!);

        // What was kept is what goes: only the phone is corrected.
        await desk.GetByTestId("incident-person-phone").FillAsync("138 0000 1234");
        await desk.GetByTestId("raise-incident").ClickAsync();

        await Expect(desk.GetByTestId("incident-raised")).ToBeVisibleAsync();
        await Expect(phoneField).Not.ToContainTextAsync("Use digits");
        var raised = (await http.GetFromJsonAsync<List<IncidentDto>>(search, BoardJson.Options))!.Single();
        Assert.Equal((IncidentKind.Repair, text, "王先生", "138 0000 1234"), (raised.Kind, raised.Text, raised.PersonName, raised.PersonPhone));
    }

    [Fact]
    public async Task Department_ReceivesAForwardedIncidentLive_TakesAndResolvesIt()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        var phoneContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var phone = await phoneContext.NewPageAsync();
        const string text = "B座电梯厅灯不亮 Tower B lift lobby light out";

        // The engineer lands on Engineering's queue, where the demo's repair taken by Engineering already is.
        await SignedIn.AsAsync(phone, app.BaseAddress, "engineering", DemoData.DemoPassword);
        await Expect(phone).ToHaveURLAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/incidents/mine").ToString());
        await Expect(phone.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(phone.GetByTestId("queue-item").First).ToBeVisibleAsync();
        var item = phone.GetByTestId("queue-item").Filter(new() { HasText = "B座电梯厅灯不亮" });
        await Expect(item).ToHaveCountAsync(0);

        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/incidents", new RaiseIncident(IncidentKind.Repair, null, text, Location: "B座电梯厅"), BoardJson.Options))
            .EnsureSuccessStatusCode();
        var row = desk.GetByTestId("incident").Filter(new() { HasText = "B座电梯厅灯不亮" });
        await row.GetByTestId("row-open").ClickAsync();
        await row.GetByTestId("incident-forward-to").ClickAsync();
        await desk.GetByRole(AriaRole.Option, new() { Name = DemoData.EngineeringDepartment }).ClickAsync();
        await row.GetByTestId("incident-forward").ClickAsync();
        await Expect(row.GetByTestId("row-state")).ToHaveTextAsync("forwarded, not yet taken");

        // desk §4.5: it reaches the department at once, on a phone, without a reload; big enough for a thumb.
        await Expect(item).ToHaveCountAsync(1);
        var take = item.GetByTestId("queue-take");
        Assert.True((await take.BoundingBoxAsync())!.Height >= 48, "the take button is smaller than a thumb");
        await take.ClickAsync();
        await Expect(item.GetByTestId("queue-state")).ToHaveTextAsync("taken by the department");
        await Expect(row.GetByTestId("row-state")).ToHaveTextAsync("taken by the department");

        await item.GetByTestId("queue-resolution").FillAsync("换了灯管 Replaced the tube");
        await item.GetByTestId("queue-resolve").ClickAsync();

        await Expect(item).ToHaveCountAsync(0);
        await Expect(phone.GetByTestId("queue-resolved")).ToBeVisibleAsync();
        // The desk sees it resolved, with what was done, to tell the person before closing it.
        await Expect(row.GetByTestId("row-state")).ToHaveTextAsync("resolved");
        await Expect(row.GetByTestId("incident-resolution")).ToContainTextAsync("Replaced the tube");
        await Expect(row.GetByTestId("incident-close")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Desk_PromisesAReplySoon_OnceForADoubleTap_SeesItDueSoonInTheList_KeepsIt_AndSeesItKept()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        using var http = app.Http();
        var raised = await (await http.PostAsJsonAsync($"/api/sites/{siteId}/incidents",
            new RaiseIncident(IncidentKind.Help, null, "业主询问车位 Owner asks about a parking space"), BoardJson.Options)).Content.ReadFromJsonAsync<IncidentDto>(BoardJson.Options);
        var row = desk.GetByTestId("incident").Filter(new() { HasText = "业主询问车位" });
        await row.GetByTestId("row-open").ClickAsync();

        // desk §4.3: what was promised, and by when on the site's clock (the demo site keeps Beijing time). A few
        // minutes ahead, so the test sees it near its time without waiting for it.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var due = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddMinutes(6), zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await row.GetByTestId("promise-what-input").FillAsync("五分钟内回电 Call back within five minutes");
        await row.GetByTestId("promise-due-input").FillAsync(due);
        // A second tap while the first is on its way makes no second promise.
        await row.GetByTestId("promise-make").DblClickAsync();

        var promise = row.GetByTestId("promise").Filter(new() { HasText = "五分钟内回电" });
        await Expect(promise.GetByTestId("promise-state")).ToHaveTextAsync("pending");
        await Expect(promise.GetByTestId("promise-soon")).ToHaveTextAsync("due soon");
        // The desk's list of promises coming due shows it at once, marked as near its time.
        var listed = desk.GetByTestId("desk-promises-due").GetByTestId("promise-due").Filter(new() { HasText = "五分钟内回电" });
        await Expect(listed).ToHaveAttributeAsync("data-soon", "true");
        await Expect(listed.GetByTestId("promise-due-soon")).ToHaveTextAsync("due soon");
        // It says which incident it was made on: this one has no unit.
        await Expect(listed.GetByTestId("promise-due-incident")).ToHaveTextAsync("Help request · no unit");

        await promise.GetByTestId("promise-keep").ClickAsync();

        await Expect(promise.GetByTestId("promise-state")).ToHaveTextAsync("kept");
        await Expect(promise.GetByTestId("promise-keep")).ToHaveCountAsync(0);
        await Expect(listed).ToHaveCountAsync(0);
        // Both taps had reached the server by the time it was kept.
        Assert.Single((await http.GetFromJsonAsync<List<IncidentPromiseDto>>($"/api/sites/{siteId}/incidents/{raised!.Id}/promises", BoardJson.Options))!);
        await Expect(row.GetByTestId("promise")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Desk_PromiseDue_SaysItsIncidentsKindAndUnit_AndLeadsToItsRow()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        // A small screen stacks the desk's panels, so the list of incidents starts below the promises due.
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 800, Height = 600 } });
        var desk = await context.NewPageAsync();
        await SignedIn.AsAsync(desk, app.BaseAddress, "desk", DemoData.DemoPassword);
        await desk.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/desk").ToString());
        await Expect(desk.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        // desk §4.3: the demo's complaint about A座 101 carries a promise to call the owner back within the hour.
        var listed = desk.GetByTestId("desk-promises-due").GetByTestId("promise-due").Filter(new() { HasText = "联系装修户后回电业主" });
        var incident = listed.GetByTestId("promise-due-incident");
        await Expect(incident).ToHaveTextAsync("Complaint · A座 101");
        var row = desk.GetByTestId("desk-incidents").GetByTestId("incident").Filter(new() { HasText = "楼上装修" });
        await Expect(row).Not.ToBeInViewportAsync();

        await incident.ClickAsync();

        await Expect(row).ToBeInViewportAsync();
        Assert.EndsWith($"#incident-{await row.GetAttributeAsync("data-id")}", desk.Url);
    }

    [Fact]
    public async Task Desk_OverdueFilter_KeepsThoseOutOfTime_AndRowsMarkTheOverdueAndTheEscalated()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        var rows = desk.GetByTestId("desk-incidents").GetByTestId("incident");
        var complaint = rows.Filter(new() { HasText = "楼上装修" });
        var situation = rows.Filter(new() { HasText = "小孩在大堂" });

        // desk §2.9: the demo's lobby situation went up to the supervisor on duty, who has not acknowledged it yet.
        await Expect(situation.GetByTestId("row-escalated")).ToHaveTextAsync("Escalated");
        await Expect(situation.GetByTestId("row-overdue")).ToHaveCountAsync(0);
        // The demo's complaint has minutes left to be forwarded; the site now wants complaints forwarded within 5.
        await Expect(complaint.GetByTestId("incident-clock")).ToHaveAttributeAsync("data-clock", "Forward");
        using var http = app.Http();
        (await http.PutAsJsonAsync($"/api/sites/{siteId}/incidents/limits",
            new SetIncidentTimeLimits([new IncidentTimeLimitDto(IncidentKind.Complaint, IncidentPriority.Normal, 5, 60)]), BoardJson.Options))
            .EnsureSuccessStatusCode();

        // Out of time at once, live: marked overdue, and escalated by itself.
        await Expect(complaint.GetByTestId("row-overdue")).ToHaveTextAsync("Overdue");
        await Expect(complaint).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(complaint.GetByTestId("row-escalated")).ToBeVisibleAsync();

        await desk.GetByTestId("incident-filter-overdue").ClickAsync();

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(complaint).ToHaveCountAsync(1);

        await desk.GetByTestId("incident-filter-overdue").ClickAsync();

        await Expect(situation).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Desk_DownloadsTodaysIncidentsAsCsv_WithThePeople()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var desk = await OpenAsync(browser, app, "desk", $"/sites/{siteId}/desk");
        using var http = app.Http();
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/incidents",
            new RaiseIncident(IncidentKind.Help, null, "快递柜打不开 Parcel locker will not open", PersonName: "李女士", PersonPhone: "139 0000 5678"), BoardJson.Options))
            .EnsureSuccessStatusCode();
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The paper log of the site's today, unless the desk picks other days.
        var export = desk.GetByTestId("incident-export");
        await Expect(export.GetByTestId("incident-export-from")).ToHaveValueAsync(today);
        await Expect(export.GetByTestId("incident-export-to")).ToHaveValueAsync(today);
        var download = await desk.RunAndWaitForDownloadAsync(() => export.GetByTestId("incident-export-download").ClickAsync());
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path!);

        Assert.Equal($"incidents-{today}-{today}.csv", download.SuggestedFilename);
        Assert.StartsWith("Raised at,Kind,Priority,State,", csv.TrimStart('\uFEFF'));
        Assert.Contains("快递柜打不开 Parcel locker will not open", csv);
        Assert.Contains("李女士,139 0000 5678", csv);
        // The page stayed where it was: the file came down beside it.
        await Expect(desk.GetByTestId("desk-incidents")).ToBeVisibleAsync();
    }

    /// <summary>A desk-sized browser of its own, signed in as <paramref name="userName"/>, on <paramref name="path"/> once it is live.</summary>
    private static async Task<IPage> OpenAsync(IBrowser browser, TestApp app, string userName, string path)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, userName, DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }
}
