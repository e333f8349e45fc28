using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>Issue 13: what a person types or taps while the server is gone is kept, or they are told it was not sent.</summary>
public sealed class OutageInputBrowserTests
{
    [Fact]
    public async Task TextTypedDuringAnOutage_SurvivesTheServersRestart_AndTheSendIsAnsweredNotSent()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        await using var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true };
        var port = first.BaseAddress.Port;
        var siteId = await first.DemoSiteIdAsync();
        var visit = await DemoVisitAsync(first, siteId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        await SignedIn.AsAsync(page, first.BaseAddress, "command", DemoData.DemoPassword);
        // Into the visit from the board, as an operator goes: a navigation inside the page, not a load.
        await page.GotoAsync(new Uri(first.BaseAddress, $"/sites/{siteId}/board").ToString());
        var status = page.Locator("#components-reconnect-modal");
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("visit-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/visits/{visit.Id}$"));
        await Expect(status).ToHaveAttributeAsync("data-state", "live");
        // Typed before the outage and never sent: the circuit that held it is about to go.
        await page.GetByTestId("order-text").FillAsync("西门保持畅通 Keep the west gate clear");

        await first.DisposeAsync();
        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await page.GetByTestId("violation-description").FillAsync("东门外违停 Van parked outside the east gate");
        await page.GetByTestId("report-violation").ClickAsync();
        await Expect(page.GetByTestId("not-sent")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-violation")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("not-sent"));

        // The restarted server has forgotten the page, which reloads: both texts are back in their fields.
        await using var second = new TestApp(folder: folder, port: port);
        await Expect(status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("order-text")).ToHaveValueAsync("西门保持畅通 Keep the west gate clear", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("violation-description")).ToHaveValueAsync("东门外违停 Van parked outside the east gate");
        await Expect(page.GetByTestId("not-sent")).ToHaveCountAsync(0);
        // Nothing was reported in the person's absence...
        var after = await second.Http().GetFromJsonAsync<VisitDetailDto>($"/api/sites/{siteId}/visits/{visit.Id}", BoardJson.Options);
        Assert.Empty(after!.Violations);

        // ...and the restored text is what the server receives when they send it now.
        await page.GetByTestId("report-violation").ClickAsync();
        await Expect(page.GetByTestId("violation")).ToContainTextAsync("Van parked outside the east gate");
    }

    [Fact]
    public async Task GuardTapDuringAnOutage_SaysNotSent_AndIsNotAppliedBehindTheirBack()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        await using var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true };
        var port = first.BaseAddress.Port;
        var siteId = await first.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var phone = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true })).NewPageAsync();
        await SignedIn.AsAsync(phone, first.BaseAddress, "guard", DemoData.DemoPassword);
        await phone.GotoAsync(new Uri(first.BaseAddress, $"/sites/{siteId}/guard").ToString());
        var status = phone.Locator("#components-reconnect-modal");
        await Expect(phone.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(status).ToHaveAttributeAsync("data-state", "live");
        var item = phone.Locator("[data-testid=checklist-item][data-state=Open]").First;
        var itemId = await item.GetAttributeAsync("data-item");

        await first.DisposeAsync();
        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await phone.Locator($"[data-item='{itemId}']").GetByTestId("tick").TapAsync();
        await Expect(phone.GetByTestId("not-sent")).ToBeVisibleAsync();

        await using var second = new TestApp(folder: folder, port: port);
        await Expect(status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        await Expect(phone.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(phone.GetByTestId("not-sent")).ToHaveCountAsync(0);
        // The tap was refused in front of the guard, so the item is still open until they tap again.
        var again = phone.Locator($"[data-item='{itemId}']");
        await Expect(again).ToHaveAttributeAsync("data-state", nameof(ItemState.Open));
        await again.GetByTestId("tick").TapAsync();
        await Expect(again).ToHaveAttributeAsync("data-state", nameof(ItemState.Done));
    }

    private static async Task<VisitDto> DemoVisitAsync(TestApp app, Guid siteId) =>
        (await app.Http().GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
}
