using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class RoleNameBrowserTests
{
    [Fact]
    public async Task VisitArchive_InChinese_NamesRolesInChinese()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "manager", DemoData.DemoPassword);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/language/zh-Hans?returnUrl=/sites/{siteId}/visits/{visit.Id}/archive").ToString());

        // The demo visit was announced by the command center: its rows name the role as the page speaks.
        await Expect(page.Locator("td", new() { HasText = "(指挥中心)" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain("(CommandCenter)", await page.Locator("body").InnerTextAsync());
    }
}
