using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>The small things a new user trips over (issue 13, item 13): defaults, empty states, counts and names.</summary>
public sealed class SmallWordsBrowserTests
{
    [Fact]
    public async Task PostsAdmin_NewPost_ProposesThePlaceAfterTheLastPost_AgainAfterEachSave()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var posts = (await http.GetFromJsonAsync<List<PostDto>>($"/api/sites/{siteId}/posts", BoardJson.Options))!;
        var last = posts.Where(p => !p.Archived).Max(p => p.RouteOrder);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/posts").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var routeOrder = page.GetByLabel("Order on the route");

        await Expect(routeOrder).ToHaveValueAsync((last + 1).ToString(CultureInfo.InvariantCulture));
        await page.GetByTestId("post-name").FillAsync("南门岗 South gate");
        await page.GetByTestId("save-post").ClickAsync();
        await Expect(page.GetByTestId("posts-table")).ToContainTextAsync("南门岗 South gate");
        await Expect(routeOrder).ToHaveValueAsync((last + 2).ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("posts", "post-name", "save-post", "posts-table")]
    [InlineData("departments", "department-name", "save-department", "departments-table")]
    [InlineData("staff", "staff-name", "save-staff", "staff-table")]
    public async Task AdminForm_AfterASave_ComesBackEmptyWithoutARequiredError_UntilSavedEmpty(string list, string nameField, string save, string table)
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/language/zh-Hans?returnUrl=/sites/{siteId}/admin/{list}").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var name = page.GetByTestId(nameField);
        var form = page.Locator(".mud-paper", new() { Has = name });

        await name.FillAsync($"新增 {list}");
        await page.GetByTestId(save).ClickAsync();
        await Expect(page.GetByTestId(table)).ToContainTextAsync($"新增 {list}");
        await Expect(name).ToHaveValueAsync("");

        // The emptied field is a new start, not a mistake: no red, no "必填".
        await Expect(form.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(form).Not.ToContainTextAsync("必填");

        // Saving it empty is a mistake, and says so.
        await page.GetByTestId(save).ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Expect(form.Locator(".mud-input-error").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnitsImport_AfterALongPreview_SaysWhatItImported_WhereThePersonIsLooking()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var csv = new StringBuilder("building,room,name,phone,kind\n")
            .Append("C座,101,测试甲,,owner\n").Append("C座,101,测试乙,,tenant\n").Append("C座,102,测试丙,,owner\n");
        for (var i = 0; i < 30; i++)
        {
            // A kind nobody knows: 30 rows with problems make the preview longer than the screen.
            csv.Append(CultureInfo.InvariantCulture, $"C座,2{i:D2},住户{i},,landlord\n");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/units").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        await page.GetByTestId("csv-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "units.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("rows that can be imported: 3; rows with problems: 30");
        await page.GetByTestId("import-valid").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Import only the valid rows (3)" }).ClickAsync();

        var result = page.GetByTestId("import-result");
        await Expect(result).ToContainTextAsync("Import done. Units imported: 2; people added: 3; people updated: 0. Rows with problems skipped: 30.");
        await Expect(result).ToBeInViewportAsync();
    }

    [Fact]
    public async Task DeskSearch_SaysHowManyItDoesNotShow_ShowsMoreOnAsking_AndSaysWhenNothingMatches()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var units = (await http.GetFromJsonAsync<List<UnitDto>>($"/api/sites/{siteId}/units", BoardJson.Options))!.Count;
        Assert.True(units > 20, $"the demo site needs more than a screenful of units, it has {units}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "desk", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/desk").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var rows = page.GetByTestId("units").Locator("tbody tr");

        await Expect(rows).ToHaveCountAsync(20);
        await Expect(page.GetByTestId("unit-search-count")).ToHaveTextAsync($"Showing 20 of {units} units.");
        await page.GetByTestId("unit-search-more").ClickAsync();
        await Expect(rows).ToHaveCountAsync(Math.Min(units, 40));

        await page.GetByTestId("unit-search").FillAsync("无此住户");
        await Expect(page.GetByTestId("unit-search-empty")).ToHaveTextAsync("No unit or resident matches “无此住户”.");
        await Expect(page.GetByTestId("units")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnnounceForm_NamesTheSitesTimeZoneAsPeopleSayIt_InEitherLanguage()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);

        // The demo site keeps Asia/Shanghai: in China that is 北京时间.
        await page.GotoAsync(new Uri(app.BaseAddress, $"/language/zh-Hans?returnUrl=/sites/{siteId}/visits/new").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByLabel("预计到达（北京时间）")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Asia/Shanghai");

        await page.GotoAsync(new Uri(app.BaseAddress, $"/language/en?returnUrl=/sites/{siteId}/visits/new").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByLabel("Expected arrival (Beijing time)")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Asia/Shanghai");
    }

    [Fact]
    public async Task AnnounceForm_ProposesTheNextHalfHourAtLeastAnHourAhead_OnTheSitesClock()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var site = (await http.GetFromJsonAsync<SiteDto>($"/api/sites/{siteId}", BoardJson.Options))!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.TimeZoneId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        // A browser far from the site: the form still speaks the site's time.
        var page = await (await browser.NewContextAsync(new() { TimezoneId = "America/New_York" })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);

        var before = DateTimeOffset.UtcNow;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/visits/new").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var value = await page.GetByTestId("visit-arrival-input").InputValueAsync();
        var after = DateTimeOffset.UtcNow;

        // §4.5.4: the off-duty squads stand at their posts by T-30, so the arrival leaves an hour to call them in, on a whole half hour.
        var arrival = DateTime.ParseExact(value, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        Assert.True(arrival.Minute is 0 or 30, $"{value} is not on a whole half hour");
        Assert.InRange(arrival, TimeZoneInfo.ConvertTime(before, zone).DateTime.AddHours(1), TimeZoneInfo.ConvertTime(after, zone).DateTime.AddMinutes(90));
    }
}
