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
        // The demo writes its visit as the system; the command center sends an order, so a row is theirs.
        using var command = (await app.SignInAsync("command", DemoData.DemoPassword)).Http();
        var gate = (await command.GetFromJsonAsync<VisitDetailDto>($"/api/sites/{siteId}/visits/{visit.Id}", BoardJson.Options))!.Posts.First(p => p.OnRoute).PostId;
        (await command.PostAsJsonAsync($"/api/sites/{siteId}/visits/{visit.Id}/orders", new SendOrder("保持东大门畅通", [gate]), BoardJson.Options)).EnsureSuccessStatusCode();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "manager", DemoData.DemoPassword);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/language/zh-Hans?returnUrl=/sites/{siteId}/visits/{visit.Id}/archive").ToString());

        // The command center's row names the role as the page speaks.
        await Expect(page.Locator("td", new() { HasText = "(指挥中心)" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain("(CommandCenter)", await page.Locator("body").InnerTextAsync());
    }
}
