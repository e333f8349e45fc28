using Microsoft.Playwright;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>Each role lands on its own page when it signs in, and its menu offers only the pages it can use.</summary>
public sealed class RoleLandingBrowserTests
{
    [Fact]
    public async Task SignIn_WithoutAReturnUrl_EachDemoAccount_LandsOnItsRolesPage()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var expected = new Dictionary<string, string>
        {
            ["admin"] = "admin",
            ["command"] = "board",
            ["foreman"] = "board",
            ["guard"] = "guard",
            ["desk"] = "desk",
            ["supervisor"] = "desk",
            ["manager"] = "board",
            ["engineering"] = "incidents/mine",
        };
        Assert.Equal(DemoData.Users.Select(u => u.UserName).Order(), expected.Keys.Order());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        foreach (var (userName, page) in expected)
        {
            var context = await browser.NewContextAsync();
            var tab = await context.NewPageAsync();

            await SignedIn.AsAsync(tab, app.BaseAddress, userName, DemoData.DemoPassword);

            await Expect(tab).ToHaveURLAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/{page}").ToString());
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task FrontDesk_LandsOnTheDesk_AndItsMenuOffersNeitherMyPostNorTheWall()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await SignedIn.AsAsync(page, app.BaseAddress, "desk", DemoData.DemoPassword);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/desk").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        var menu = page.Locator(".app-nav-wide");
        await Expect(menu.Locator("a[href='/desk']")).ToBeVisibleAsync();
        // 我的岗位 (/guard) and 大屏 (/wall) are pages the front desk cannot use; the escalations inbox is its shift lead's (desk §2.7).
        await Expect(menu.Locator("a[href='/guard']")).ToHaveCountAsync(0);
        await Expect(menu.Locator("a[href='/wall']")).ToHaveCountAsync(0);
        Assert.Equal(["account", "board", "desk", "escalations", "home", "pin", "tokens"], (await NavIdsAsync(menu)).Order());
    }

    [Fact]
    public async Task Guard_OnAPhone_LandsOnMyPost_AndItsMenuOffersNoBoardOrAdministration()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();

        await SignedIn.AsAsync(page, app.BaseAddress, "guard", DemoData.DemoPassword);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/guard").ToString());
        await Expect(page.GetByTestId("guard-post")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        // The links the wide app bar would show, present though hidden at phone size: none leads to the board or administration.
        foreach (var href in new[] { "/board", "/desk", "/wall", "/devices", "/admin", "/admin/users" })
        {
            await Expect(page.Locator($".app-nav-wide a[href='{href}']")).ToHaveCountAsync(0);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        var menu = page.Locator(".mud-popover-open");
        await Expect(menu.GetByTestId("nav-guard")).ToBeVisibleAsync();
        Assert.Equal(["account", "guard", "home", "pin", "tokens"], (await NavIdsAsync(menu)).Order());
    }

    /// <summary>The ids of the menu entries in <paramref name="menu"/>: "guard" for data-testid="nav-guard".</summary>
    private static async Task<string[]> NavIdsAsync(ILocator menu) =>
        await menu.Locator("[data-testid^='nav-']").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.testid.slice('nav-'.length))");
}
