using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class BoardPageTests
{
    [Fact]
    public async Task Board_PostCreatedThroughApi_AppearsWithoutReload()
    {
        using var app = new TestApp(seedDemoData: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        // As a person would: the board asks for a sign-in first, then comes back to the board.
        await page.GotoAsync(new Uri(app.BaseAddress, "/board").ToString());
        await SignedIn.SubmitAsync(page, "command", DemoData.DemoPassword);
        await Expect(page.GetByTestId("site-name")).ToHaveTextAsync(DemoData.SiteName);
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await page.EvaluateAsync("() => window.loadedOnce = true");

        using var http = app.Http();
        var sites = await http.GetFromJsonAsync<List<SiteDto>>("/api/sites", BoardJson.Options);
        var response = await http.PostAsJsonAsync($"/api/sites/{sites![0].Id}/posts", new CreatePost("北门岗 North gate", PostKind.Gate, "North entrance", 13), BoardJson.Options);
        response.EnsureSuccessStatusCode();

        await Expect(page.GetByTestId("posts").GetByText("北门岗 North gate")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("events")).ToContainTextAsync("北门岗 North gate");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"));
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSo_AndKeepsTheUserName()
    {
        using var app = new TestApp(seedDemoData: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/sign-in").ToString());
        await SignedIn.SubmitAsync(page, "command", "not-the-password");

        await Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("Wrong user name or password");
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(); // a plain form has no live connection to report
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync("command");
    }
}
