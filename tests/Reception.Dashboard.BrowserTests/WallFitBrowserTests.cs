using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>The wall is one screen at the sizes wall screens come in: what does not fit is counted, never pushed off.</summary>
public sealed class WallFitBrowserTests
{
    // Everything the wall shows, with where it ends, and where the status strip begins.
    internal const string Layout = """
        () => {
          const status = document.getElementById("components-reconnect-modal").getBoundingClientRect();
          const shown = [...document.querySelectorAll(".wall-header, .wall-desk-tile, [data-testid=wall-visit], .wall-alert, .wall-more, .wall-feed p")]
            .map(el => ({ text: el.textContent.trim().slice(0, 40), bottom: el.getBoundingClientRect().bottom }));
          return JSON.stringify({ statusTop: status.top, scrollHeight: document.documentElement.scrollHeight, innerHeight: window.innerHeight, shown });
        }
        """;

    internal sealed class Placement
    {
        public double StatusTop { get; set; }
        public double ScrollHeight { get; set; }
        public double InnerHeight { get; set; }
        public List<Shown> Shown { get; set; } = [];
    }

    internal sealed class Shown
    {
        public string Text { get; set; } = "";
        public double Bottom { get; set; }
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Wall_WithTwoBusyVisits_FitsTheScreen_MostUrgentFirst_RestCounted(int width, int height)
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        await AnnounceABusyVisitAsync(app, siteId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "manager", DemoData.DemoPassword);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/wall").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#components-reconnect-modal")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.GetByTestId("wall-visit")).ToHaveCountAsync(2);
        // The busy visit has more blocked, empty and late posts than its tile holds: the rest are counted.
        await Expect(page.GetByTestId("wall-visit-more")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("wall-visit-more")).ToContainTextAsync("+");
        await Expect(page.GetByTestId("wall-feed").Locator("p").First).ToBeVisibleAsync();

        var placement = System.Text.Json.JsonSerializer.Deserialize<Placement>(await page.EvaluateAsync<string>(Layout), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.True(placement.ScrollHeight <= placement.InnerHeight, $"the wall is {placement.ScrollHeight}px tall on a {placement.InnerHeight}px screen");
        Assert.All(placement.Shown, s => Assert.True(s.Bottom <= placement.StatusTop, $"'{s.Text}' ends at {s.Bottom}px, behind the status strip at {placement.StatusTop}px"));

        // Blocked posts head the busy tile (it arrives first, so it is the first tile).
        var busy = page.GetByTestId("wall-visit").First;
        await Expect(busy).ToContainTextAsync("Busy delegation");
        await Expect(busy.GetByTestId("wall-visit-alert").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("wall-alert-blocked"));
        await Expect(busy.GetByTestId("wall-visit-alert").First).ToContainTextAsync("Blocked");
    }

    /// <summary>
    /// A visit twenty minutes away over every post the demo site has (so its items are already late), four of
    /// them blocked, two left empty and a violation on the route: more lines than any tile holds.
    /// </summary>
    internal static async Task AnnounceABusyVisitAsync(TestApp app, Guid siteId)
    {
        var command = (await app.SignInAsync("command", DemoData.DemoPassword)).Http();
        var posts = (await command.GetFromJsonAsync<List<PostDto>>($"/api/sites/{siteId}/posts", BoardJson.Options))!
            .Where(p => !p.Archived && p.Kind is PostKind.Gate or PostKind.Lobby or PostKind.PatrolTeam).Select(p => p.Id).ToList();
        var arrival = DateTime.UtcNow.AddMinutes(20);
        var response = await command.PostAsJsonAsync($"/api/sites/{siteId}/visits", new AnnounceVisit("Busy delegation", 1, arrival, posts), BoardJson.Options);
        response.EnsureSuccessStatusCode();
        var visit = (await response.Content.ReadFromJsonAsync<VisitDetailDto>(BoardJson.Options))!;
        var url = $"/api/sites/{siteId}/visits/{visit.Visit.Id}";
        foreach (var post in visit.Posts.Take(4))
        {
            (await command.PostAsJsonAsync($"{url}/posts/{post.PostId}/problem", new ReportPostProblem("对讲机没电 Radio battery flat"), BoardJson.Options)).EnsureSuccessStatusCode();
        }

        foreach (var post in visit.Posts.Skip(4).Take(2))
        {
            (await command.PutAsJsonAsync($"{url}/posts/{post.PostId}/presence", new SetPresence(PostPresence.Empty), BoardJson.Options)).EnsureSuccessStatusCode();
        }

        (await command.PostAsJsonAsync($"{url}/violations", new ReportViolation(ViolationKind.IllegalParking, "Van on the VIP drive", visit.Posts[0].PostId), BoardJson.Options)).EnsureSuccessStatusCode();
    }
}
