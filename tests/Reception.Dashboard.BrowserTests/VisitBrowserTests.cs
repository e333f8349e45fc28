using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class VisitBrowserTests
{
    [Fact]
    public async Task GuardTicksOnAPhone_CommandCenterBoardUpdatesWithoutReload()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
        var detail = (await http.GetFromJsonAsync<VisitDetailDto>($"/api/sites/{siteId}/visits/{visit.Id}", BoardJson.Options))!;
        var eastGate = detail.Posts.First(p => p.OnRoute);
        var open = eastGate.Items.First(i => i.State == ItemState.Open);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var phone = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true })).NewPageAsync();
        var command = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();

        await SignedIn.AsAsync(command, app.BaseAddress, "command", DemoData.DemoPassword);
        await command.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/visits/{visit.Id}").ToString());
        await Expect(command.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await command.Locator($"[data-testid=visit-post][data-post='{eastGate.PostId}']").ClickAsync();
        var commandItem = command.Locator($"[data-testid=post-detail] [data-item='{open.Id}']");
        await Expect(commandItem).ToHaveAttributeAsync("data-state", nameof(ItemState.Open));
        await command.EvaluateAsync("() => window.loadedOnce = true");

        await SignedIn.AsAsync(phone, app.BaseAddress, "guard", DemoData.DemoPassword);
        await phone.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/guard").ToString());
        await Expect(phone.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var phoneItem = phone.Locator($"[data-testid=guard-visit][data-post='{eastGate.PostId}'] [data-item='{open.Id}']");
        await phoneItem.GetByTestId("tick").TapAsync();

        await Expect(phoneItem).ToHaveAttributeAsync("data-state", nameof(ItemState.Done));
        await Expect(phoneItem.GetByTestId("undo")).ToBeVisibleAsync();
        await Expect(commandItem).ToHaveAttributeAsync("data-state", nameof(ItemState.Done));
        Assert.True(await command.EvaluateAsync<bool>("() => window.loadedOnce === true"));

        // The guard reports a problem; the command center sees the post blocked, first in the grid.
        await phone.Locator($"[data-testid=guard-visit][data-post='{eastGate.PostId}']").GetByTestId("report-problem").TapAsync();
        await Expect(phone.GetByTestId("form-error")).ToContainTextAsync("Say what the problem is");
        await phone.GetByTestId("problem-reason").FillAsync("Barrier arm stuck");
        await phone.GetByTestId("report-problem").TapAsync();
        await Expect(command.Locator($"[data-testid=visit-post][data-post='{eastGate.PostId}']")).ToHaveAttributeAsync("data-state", nameof(ReadinessState.Blocked));
        await Expect(command.GetByTestId("post-detail")).ToContainTextAsync("Barrier arm stuck");
    }

    [Fact]
    public async Task CommandCenter_AnnouncesAVisit_FromThePlanPreview_AndLandsOnItsBoard()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();

        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/board").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("visit-card")).ToHaveCountAsync(1); // the demo visit
        await page.GetByTestId("announce-visit").ClickAsync();
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        await page.GetByTestId("visit-title-input").FillAsync("Business unit tour");
        await page.GetByTestId("preview-plan").ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToContainTextAsync("designated route");
        await Expect(page.GetByTestId("visit-title-input")).ToHaveValueAsync("Business unit tour");

        await page.GetByTestId("visit-route").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "东大门岗 East gate" }).ClickAsync();
        await page.GetByTestId("add-route-post").ClickAsync();
        await Expect(page.GetByTestId("route-post")).ToHaveTextAsync(["东大门岗 East gate"]);
        await page.GetByTestId("preview-plan").ClickAsync();
        await Expect(page.GetByTestId("plan-post").First).ToContainTextAsync("East gate");
        await page.GetByTestId("confirm-announce").ClickAsync();

        await Expect(page.GetByTestId("visit-title")).ToHaveTextAsync("Business unit tour");
        await Expect(page.GetByTestId("visit-posts").GetByTestId("visit-post")).ToHaveCountAsync(2); // §4.3.1.3: the route and the duty room
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/board").ToString());
        await Expect(page.GetByTestId("visit-card")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Board_NewBlockedPost_SoundsOnce_AndNotWhenMuted()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
        var posts = (await http.GetFromJsonAsync<VisitDetailDto>($"/api/sites/{siteId}/visits/{visit.Id}", BoardJson.Options))!.Posts.Where(p => p.Problem is null).ToList();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/board").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var toggle = page.GetByTestId("alert-sound");
        await Expect(toggle).ToHaveAttributeAsync("data-muted", "false");
        await toggle.ClickAsync(); // muted: and the click lets the page make sound
        await Expect(toggle).ToHaveAttributeAsync("data-muted", "true");
        await toggle.ClickAsync(); // sound on again
        await Expect(toggle).ToHaveAttributeAsync("data-muted", "false");

        // What was on the board when it opened (the demo's blocked gate) does not sound; a new problem does.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.receptionAlerts.played"));
        (await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{siteId}/visits/{visit.Id}/posts/{posts[0].PostId}/problem", new ReportPostProblem("Gate motor failed"))).EnsureSuccessStatusCode();
        await Expect(page.Locator($"[data-testid=alert][data-key='blocked:{visit.Id}:{posts[0].PostId}']")).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-sounded", "1");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.receptionAlerts.played"));

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-muted", "true");
        (await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{siteId}/visits/{visit.Id}/posts/{posts[1].PostId}/problem", new ReportPostProblem("Radio dead"))).EnsureSuccessStatusCode();
        await Expect(page.Locator($"[data-testid=alert][data-key='blocked:{visit.Id}:{posts[1].PostId}']")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.receptionAlerts.played"));
        await page.ReloadAsync();
        await Expect(page.GetByTestId("alert-sound")).ToHaveAttributeAsync("data-muted", "true"); // remembered
    }
}
