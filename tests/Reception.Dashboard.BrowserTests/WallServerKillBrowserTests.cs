using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>Issue 15, fault test 6: a wall screen outlives its server's crash by itself, with nobody at it.</summary>
public sealed class WallServerKillBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Wall_WhenTheServerIsKilledAndRestarted_SaysStale_ThenHealsAndShowsWhatChanged()
    {
        using var database = await PreparedDatabase.CreateAsync();
        await using var server = await ServerProcess.StartAsync(database.DatabasePath);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        // Signed in against the separate process itself, so the cookie is one that process issued.
        await SignedIn.AsAsync(page, server.BaseAddress, TestApp.RootUserName, TestApp.Password);
        await page.GotoAsync(new Uri(server.BaseAddress, $"/sites/{database.SiteId}/wall").ToString());
        var status = page.Locator("#components-reconnect-modal");
        var openIncidents = page.GetByTestId("wall-desk-open");
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(status).ToHaveAttributeAsync("data-state", "live");
        await Expect(openIncidents).ToHaveTextAsync("0");

        var sinceKill = Stopwatch.StartNew();
        server.Kill();
        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting");
        var saidStale = sinceKill.Elapsed;
        await Expect(status).ToBeVisibleAsync();
        await Expect(status).ToContainTextAsync("Reconnecting…");
        await Expect(status).ToContainTextAsync("stale since");
        // The last figures stay in view under the banner while the server is gone.
        await Expect(openIncidents).ToHaveTextAsync("0");

        var sinceRestart = Stopwatch.StartNew();
        await using var restarted = await server.RestartAsync();
        var serverBack = sinceRestart.Elapsed;
        // Raised at once: the page has not healed yet, or is healing, and must show it either way.
        await RaiseAnIncidentAsync(restarted, database);

        // Its circuit died with the process: only a page that reloaded itself can show the new count. A page sent
        // to a pairing code instead has lost its sign-in cookie across the restart.
        var changeShown = page.Locator("[data-testid=wall-desk-open]", new() { HasTextString = "1" });
        var pairingCode = page.GetByTestId("pairing-code");
        await Expect(changeShown.Or(pairingCode)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var healed = sinceRestart.Elapsed;
        Assert.False(await pairingCode.IsVisibleAsync(), $"After the restart the wall went to {page.Url}: the sign-in cookie did not survive the restart.");
        await Expect(openIncidents).ToHaveTextAsync("1");
        await Expect(status).ToHaveAttributeAsync("data-state", "live");
        await Expect(status).ToHaveTextAsync("Live");

        output.WriteLine($"Stale shown {saidStale.TotalSeconds:0.0} s after the kill.");
        output.WriteLine($"Server answering again {serverBack.TotalSeconds:0.0} s after the restart began (its start-up: {restarted.StartupTime.TotalSeconds:0.0} s).");
        output.WriteLine($"Wall showed the change {healed.TotalSeconds:0.0} s after the restart began, {(healed - serverBack).TotalSeconds:0.0} s after the server answered.");
    }

    private static async Task RaiseAnIncidentAsync(ServerProcess server, PreparedDatabase database)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", database.AccessToken);
        using var response = await http.PostAsJsonAsync($"/api/sites/{database.SiteId}/incidents",
            new RaiseIncident(IncidentKind.Help, null, "电梯里有人被困 Someone stuck in the lift"), BoardJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
