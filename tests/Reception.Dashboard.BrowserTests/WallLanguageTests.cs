using System.Globalization;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>The wall keeps the reader's language and its last figures whatever reaches it, or stops reaching it.</summary>
public sealed class WallLanguageTests
{
    // Every text the wall's own figure labels and the page title ever show, so a flicker between two checks is caught too.
    private const string RecordLabels = """
        () => {
          window.shownLabels = new Set();
          const record = () => {
            for (const id of ["wall-posts", "wall-on-duty"]) {
              const label = document.querySelector(`[data-testid="${id}"] + .wall-label`);
              if (label) window.shownLabels.add(`${id}:${label.textContent.trim()}`);
            }
            window.shownLabels.add(`title:${document.title}`);
          };
          record();
          new MutationObserver(record).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
        }
        """;

    // Opacity multiplies down the tree: what the reader sees of an element is the product over its ancestors.
    private const string EffectiveOpacity = """
        el => { let opacity = 1; for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity); return opacity; }
        """;

    [Fact]
    public async Task Wall_InAChineseBrowser_StaysChineseThroughUpdates()
    {
        // The server's own threads (the heartbeat's, the publisher's) speak English here whatever the
        // machine's locale, so anything rendered in their culture rather than the browser's shows.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new()
        {
            Locale = "zh-CN",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
        });
        var page = await context.NewPageAsync();
        // The sign-in form by its fields' ids: its labels are in Chinese here.
        await page.GotoAsync(new Uri(app.BaseAddress, "/sign-in").ToString());
        await page.Locator("#userName").FillAsync("manager");
        await page.Locator("#password").FillAsync(DemoData.DemoPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/wall").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        var posts = page.GetByTestId("wall-posts");
        var postsLabel = page.Locator("[data-testid=wall-posts] + .wall-label");
        var onDutyLabel = page.Locator("[data-testid=wall-on-duty] + .wall-label");
        await Expect(postsLabel).ToHaveTextAsync(Word("Wall.Posts", "zh-Hans"));
        await page.EvaluateAsync(RecordLabels);

        var count = int.Parse((await posts.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);
        using var admin = app.Http();
        for (var i = 1; i <= 3; i++)
        {
            // An update from someone reading English, then two heartbeats (1 s apart in tests) after it.
            (await admin.PostAsJsonAsync($"/api/sites/{siteId}/posts", new CreatePost($"临时岗 {i}", PostKind.Gate, null, 40 + i), BoardJson.Options))
                .EnsureSuccessStatusCode();
            await Expect(posts).ToHaveTextAsync((count + i).ToString(CultureInfo.InvariantCulture));
            await NextHeartbeatAsync(page);
            await NextHeartbeatAsync(page);
        }

        await Expect(postsLabel).ToHaveTextAsync(Word("Wall.Posts", "zh-Hans"));
        await Expect(onDutyLabel).ToHaveTextAsync(Word("Wall.OnDuty", "zh-Hans"));
        // Each label only ever showed its Chinese word, and the title never turned English either.
        var shown = await page.EvaluateAsync<string[]>("() => [...window.shownLabels]");
        Assert.Equal(
            new[] { $"wall-on-duty:{Word("Wall.OnDuty", "zh-Hans")}", $"wall-posts:{Word("Wall.Posts", "zh-Hans")}" },
            shown.Where(s => s.StartsWith("wall-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain($"title:{Word("Wall.Title", "en")}", shown);
    }

    [Fact]
    public async Task Wall_DuringAnOutage_KeepsTheLastFiguresDimmedUnderTheBanner()
    {
        await using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "manager", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/wall").ToString());
        var status = page.Locator("#components-reconnect-modal");
        var posts = page.GetByTestId("wall-posts");
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(status).ToHaveAttributeAsync("data-state", "live");
        var lastFigure = (await posts.TextContentAsync())!.Trim();
        Assert.NotEmpty(lastFigure);
        Assert.Equal(1.0, await posts.EvaluateAsync<double>(EffectiveOpacity));

        await app.DisposeAsync();

        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await Expect(status).ToBeVisibleAsync();
        await Expect(status).ToContainTextAsync("Reconnecting");
        await Expect(posts).ToBeVisibleAsync();
        await Expect(posts).ToHaveTextAsync(lastFigure);
        var opacity = await posts.EvaluateAsync<double>(EffectiveOpacity);
        Assert.True(opacity < 1, $"the last figures are not dimmed (opacity {opacity})");

        var banner = (await status.BoundingBoxAsync())!;
        var figure = (await page.Locator(".wall-site-figures").BoundingBoxAsync())!;
        var site = (await page.GetByTestId("wall-site").BoundingBoxAsync())!;
        Assert.True(banner.Y <= 1, $"the banner starts at {banner.Y}px, not at the top");
        Assert.True(banner.Y + banner.Height <= site.Y, $"the banner (bottom {banner.Y + banner.Height}px) covers the site's name (top {site.Y}px)");
        Assert.True(banner.Y + banner.Height <= figure.Y, $"the banner (bottom {banner.Y + banner.Height}px) covers the figures (top {figure.Y}px)");
        Assert.True(await status.EvaluateAsync<double>("el => parseFloat(getComputedStyle(el).fontSize)") >= 48, "the banner lost its large type");
    }

    /// <summary>Waits for the wall to render the next heartbeat, which re-renders the whole page.</summary>
    private static async Task NextHeartbeatAsync(IPage page)
    {
        var heartbeat = page.GetByTestId("wall-heartbeat");
        var last = await heartbeat.GetAttributeAsync("data-heartbeat");
        await Expect(heartbeat).Not.ToHaveAttributeAsync("data-heartbeat", last ?? "0");
    }

    /// <summary>A text of Localization/Text, as the resx files say it.</summary>
    private static string Word(string key, string language)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Reception.Dashboard.sln")))
        {
            folder = folder.Parent;
        }

        var file = Path.Combine(
            folder?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository."),
            "src", "Reception.Dashboard", "Localization", language == "en" ? "Text.resx" : $"Text.{language}.resx");
        return XDocument.Load(file).Root!.Elements("data").Single(d => (string?)d.Attribute("name") == key).Element("value")!.Value;
    }
}
