using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class AccountPagesTests
{
    [Fact]
    public async Task SetupLink_CreatesTheFirstAdministrator_WhoCanSignIn()
    {
        using var app = new TestApp(createRoot: false);
        var code = app.Services.GetRequiredService<SetupCode>().Current;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, $"/setup?code={code}").ToString());
        await page.GetByLabel("User name").FillAsync("boss");
        await page.GetByLabel("Display name").FillAsync("物业经理 Property manager");
        await page.GetByLabel("Password (8 characters or more)").FillAsync("first-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The administrator was created");

        await SignedIn.AsAsync(page, app.BaseAddress, "boss", "first-password");
        await Expect(page.GetByText("No site to show")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_FromTheMenu_EndsTheSession()
    {
        using var app = new TestApp(seedDemoData: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "guard", DemoData.DemoPassword);
        var copied = (await page.Context.CookiesAsync()).Single(c => c.Name == AccountsRegistration.AuthCookieName);

        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page.GetByTestId("sign-in-link")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/board").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        // A copy of the cookie taken before signing out opens nothing: the session itself ended.
        var cookies = new System.Net.CookieContainer();
        cookies.Add(app.BaseAddress, new System.Net.Cookie(copied.Name, copied.Value));
        using var thief = app.Client(cookies);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task SiteAdmin_CreatesAnAccount_WithItsFirstRole_AndSeesItsOneTimePassword()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        await app.CreateUserAsync("site-admin", site.Id, roles: Reception.Dashboard.Client.Contracts.SiteRole.Admin);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "site-admin", TestApp.Password);

        await page.GotoAsync(new Uri(app.BaseAddress, "/admin/users").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("new-user-name").FillAsync("new-guard");
        await page.GetByTestId("new-display-name").FillAsync("新保安 New guard");
        await page.GetByTestId("create-user").ClickAsync();

        await Expect(page.GetByTestId("one-time-password")).ToContainTextAsync("new-guard");
        await Expect(page.GetByTestId("users-error")).ToHaveCountAsync(0);
    }
}
