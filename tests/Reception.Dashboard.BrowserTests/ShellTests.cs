using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class ShellTests
{
    [Fact]
    public async Task AdminCreatesAPost_TheBoardInAnotherWindowShowsItWithoutReload()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var admin = await (await browser.NewContextAsync()).NewPageAsync();
        var operatorPage = await (await browser.NewContextAsync()).NewPageAsync();
        await SignedIn.AsAsync(admin, app.BaseAddress, "admin", DemoData.DemoPassword);
        await SignedIn.AsAsync(operatorPage, app.BaseAddress, "command", DemoData.DemoPassword);
        await operatorPage.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/board").ToString());
        await Expect(operatorPage.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await operatorPage.EvaluateAsync("() => window.loadedOnce = true");

        await admin.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/posts").ToString());
        await Expect(admin.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await admin.GetByTestId("post-name").FillAsync("南门岗 South gate");
        await admin.GetByTestId("save-post").ClickAsync();
        await Expect(admin.GetByTestId("posts-table")).ToContainTextAsync("南门岗 South gate");

        await Expect(operatorPage.GetByTestId("posts")).ToContainTextAsync("南门岗 South gate");
        Assert.True(await operatorPage.EvaluateAsync<bool>("() => window.loadedOnce === true"));
    }

    [Fact]
    public async Task AdminForm_RefusedValue_ShowsTheProblemAndKeepsWhatWasTyped()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/posts").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        // A name the demo site already uses: the service refuses it with 409.
        await page.GetByTestId("post-name").FillAsync("总台 Front desk");
        await page.GetByTestId("save-post").ClickAsync();

        await Expect(page.GetByTestId("form-error")).ToContainTextAsync("already exists");
        await Expect(page.GetByTestId("post-name")).ToHaveValueAsync("总台 Front desk");
    }

    [Fact]
    public async Task LanguageSwitch_ShowsChinese_AndIsRemembered()
    {
        using var app = new TestApp(seedDemoData: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { Locale = "en-US" })).NewPageAsync();
        await page.GotoAsync(app.BaseAddress.ToString());
        await Expect(page.GetByTestId("open-board")).ToHaveTextAsync("Open my page");
        // A click while the circuit attaches can be lost on a busy machine: click once it is live.
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        await page.GetByTestId("language").ClickAsync();

        await Expect(page.GetByTestId("open-board")).ToHaveTextAsync("打开我的页面");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("open-board")).ToHaveTextAsync("打开我的页面");
    }

    [Fact]
    public async Task WallScreen_ServerStopped_SaysStaleSince_AndReturnsToLiveWhenItIsBack()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        await using var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true };
        var port = first.BaseAddress.Port;
        var siteId = await first.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, first.BaseAddress, "manager", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(first.BaseAddress, $"/sites/{siteId}/wall").ToString());
        var status = page.Locator("#components-reconnect-modal");
        await Expect(page.GetByTestId("wall-site")).ToHaveTextAsync(DemoData.SiteName);
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(status).ToHaveAttributeAsync("data-state", "live");

        await first.DisposeAsync();

        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await Expect(status).ToContainTextAsync("stale since");

        using var second = new TestApp(folder: folder, port: port);
        await Expect(status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("wall-site")).ToHaveTextAsync(DemoData.SiteName);
    }
}
