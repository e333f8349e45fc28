using Microsoft.Playwright;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class WallScreenBrowserTests
{
    // Relative luminance and contrast ratio as WCAG defines them, over the element's own colour and
    // the first opaque background behind it.
    private const string Readability = """
        el => {
          const rgb = c => c.match(/[\d.]+/g).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          let bg = el;
          while (bg && (getComputedStyle(bg).backgroundColor === "rgba(0, 0, 0, 0)" || getComputedStyle(bg).backgroundColor === "transparent")) bg = bg.parentElement;
          const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(getComputedStyle(bg ?? document.body).backgroundColor))];
          return { size: parseFloat(getComputedStyle(el).fontSize), contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), text: el.textContent };
        }
        """;

    private sealed class Style
    {
        public double Size { get; set; }
        public double Contrast { get; set; }
        public string Text { get; set; } = "";
    }

    [Fact]
    public async Task PairedWall_At1920x1080_HasLargeFigures_LargeText_AndSevenToOneContrast()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var screen = await Reception.Dashboard.Tests.Features.Devices.DeviceSite.PairWallAsync(app, siteId, await app.SignInAsync("manager", DemoData.DemoPassword));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await context.AddCookiesAsync([new Cookie { Name = "reception.device", Value = screen.GetAllCookies()["reception.device"]!.Value, Url = app.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/wall").ToString());
        await Expect(page.GetByTestId("wall-site")).ToHaveTextAsync(DemoData.SiteName);
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("wall-heartbeat")).Not.ToHaveAttributeAsync("data-heartbeat", "0");
        await Expect(page.Locator("#components-reconnect-modal")).ToHaveAttributeAsync("data-state", "live");

        var figures = await StylesAsync(page, ".wall-number");
        var text = await StylesAsync(page, ".wall-header h1, .wall-clock, .wall-label, .wall-feed p, .wall-time, .wall-visit-title, .wall-alert, #components-reconnect-modal [data-text]");
        Assert.NotEmpty(figures);
        Assert.NotEmpty(text);
        Assert.Contains(text, t => t.Text.Contains("Barrier arm stuck")); // the demo visit's blocked post, by name
        Assert.All(figures, f => Assert.True(f.Size >= 48, $"figure '{f.Text}' is {f.Size}px"));
        Assert.All(text, t => Assert.True(t.Size >= 24, $"text '{t.Text}' is {t.Size}px"));
        Assert.All(figures.Concat(text), s => Assert.True(s.Contrast >= 7, $"'{s.Text}' has contrast {s.Contrast:0.0}:1"));
    }

    [Fact]
    public async Task Wall_WithoutAHeartbeatForTenSeconds_SaysItIsStale()
    {
        // Heartbeats an hour apart: the page's connection stays open, but nothing says the figures are current.
        using var app = new TestApp(seedDemoData: true, settings: new Dictionary<string, string> { ["Realtime:HeartbeatInterval"] = "01:00:00" });
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "manager", DemoData.DemoPassword);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/wall").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        var status = page.Locator("#components-reconnect-modal");
        await Expect(status).ToHaveAttributeAsync("data-state", "stale", new() { Timeout = 25_000 });
        await Expect(status).ToContainTextAsync("No update for 10 s");
        await Expect(status).ToBeVisibleAsync();
    }

    private static async Task<List<Style>> StylesAsync(IPage page, string selector)
    {
        var styles = new List<Style>();
        foreach (var element in await page.Locator(selector).AllAsync())
        {
            styles.Add(await element.EvaluateAsync<Style>(Readability));
        }

        return styles;
    }
}
