using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>Issue 13: the keyboard alone can find where it is, get into and out of dialogs, and reach every editor.</summary>
public sealed class KeyboardBrowserTests
{
    // The ring around what has focus: its own outline, or for a text field the box drawn around the bare input.
    private const string FocusRing = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return { what: "body", width: 0 };
          const hidden = el.matches("input[type=checkbox], input[type=radio]");
          const ringed = (hidden ? el.closest(".mud-button-root") : el.closest(".mud-input-control")?.querySelector(".mud-input")) ?? el;
          const style = getComputedStyle(ringed);
          const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
          return { what: `${el.tagName} ${(el.getAttribute("data-testid") ?? el.textContent ?? "").trim().slice(0, 30)}`, width };
        }
        """;

    private sealed class Ring
    {
        public string What { get; set; } = "";
        public double Width { get; set; }
    }

    [Fact]
    public async Task VisitBoard_EveryStopOfTheTabKey_ShowsAVisibleRing()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var visit = (await app.Http().GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/visits/{visit.Id}").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("visit-title")).ToBeVisibleAsync();

        var faint = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var ring = await page.EvaluateAsync<Ring>(FocusRing);
            if (ring.Width < 2)
            {
                faint.Add($"{ring.What}: {ring.Width}px");
            }
        }

        Assert.True(faint.Count == 0, "Focus without a visible ring:\n" + string.Join("\n", faint));
    }

    [Fact]
    public async Task Dialog_TakesFocus_KeepsItInside_AndEscapeClosesItWithoutActing()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/roster").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("roster-copy-week").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog :focus")).ToHaveCountAsync(1);
        for (var i = 0; i < 6; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('.mud-dialog')"), $"Tab {i + 1} left the dialog");
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("roster-copied")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RosterEditor_At900PxHigh_OpensInView_WithFocusInIt()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/roster").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        // The last cell of the last row, opened from the keyboard.
        var cell = page.Locator("[data-testid^=roster-cell-]").Last;
        await cell.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var save = page.GetByTestId("save-roster-cell");
        await Expect(save).ToBeInViewportAsync();
        await Expect(page.GetByTestId("roster-editor").Locator(":focus")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task CommandCenter_WithTheKeyboardAlone_OpensTheVisit_SendsAnOrder_ReportsAViolation_AndMovesTheArrival()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/board").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("visit-link")).ToBeVisibleAsync();

        await TabToAsync(page, "[data-testid=visit-link]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("visit-title")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        await TabToAsync(page, "[data-testid=order-text]");
        await page.Keyboard.TypeAsync("全体岗位注意 All posts stand by");
        await TabToAsync(page, "[data-testid=order-all-posts]");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "[data-testid=send-order]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("order").Filter(new() { HasText = "All posts stand by" })).ToBeVisibleAsync();

        await TabToAsync(page, "[data-testid=violation-description]");
        await page.Keyboard.TypeAsync("Van on the VIP drive");
        await TabToAsync(page, "[data-testid=report-violation]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("violation").Filter(new() { HasText = "Van on the VIP drive" })).ToBeVisibleAsync();

        // The date-time field is filled where the focus is: typing into its segments is the browser's own business.
        var later = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddMinutes(90), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await TabToAsync(page, "[data-testid=new-arrival]");
        await page.Locator(":focus").FillAsync(later.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await TabToAsync(page, "[data-testid=reschedule]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("rescheduled")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("visit-times")).ToContainTextAsync(later.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Presses Tab until the focus is on (or inside) what the selector names, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 120; i++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement?.closest(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"The Tab key never reached {selector}");
    }
}
