using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>Issue 13: thumbs need room, and the connection status must never lie over a control.</summary>
public sealed class PhoneLayoutTests
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    // What a person can reach: shown, and not in one of MudBlazor's closed popovers (kept in the page, off screen).
    // A MudSelect whose items have content shows its value in a div.mud-input-slot, beside a hidden input.
    private const string Controls = """
        const shown = (el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest(".mud-popover:not(.mud-popover-open)")
          && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
        const controls = () => [...document.querySelectorAll("button, a[href], input, textarea, select, [role=button], .mud-input-slot")].filter(shown);
        const describe = (el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} "${(el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`;
        """;

    private const string TooLow = "() => {\n" + Controls + """
            return controls().filter((el) => el.getBoundingClientRect().height < 48)
              .map((el) => `${describe(el)} is ${el.getBoundingClientRect().height.toFixed(1)} px high`);
        }
        """;

    // Brings each control into view as the browser does for focus (nearest edge), then asks whether the
    // status lies over it. A fixed element over the content fails wherever a control comes to rest under
    // it; a strip in room the page keeps free (and out of the scroll snapport) never does.
    private const string Covered = "() => {\n" + Controls + """
            const status = document.getElementById("components-reconnect-modal");
            const overlap = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1;
            const covered = [];
            for (const el of controls()) {
              el.scrollIntoView({ block: "nearest", inline: "nearest" });
              if (overlap(el.getBoundingClientRect(), status.getBoundingClientRect())) covered.push(describe(el));
            }
            return covered;
        }
        """;

    [Fact]
    public async Task GuardPage_OnAPhone_EveryControlIsAtLeast48PxHigh()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var phone = await PhoneAsync(browser);

        await OpenGuardPageAsync(phone, app.BaseAddress, siteId);

        var tooLow = await phone.EvaluateAsync<string[]>(TooLow);
        Assert.True(tooLow.Length == 0, "Below 48 px on the guard page:\n" + string.Join("\n", tooLow));
    }

    [Fact]
    public async Task ConnectionStatus_NeverCoversAControl()
    {
        await using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);

        // At desk size: the units list scrolled to its pager (the floating chip sat on "last page"), and the visit board.
        var desk = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } })).NewPageAsync();
        await SignedIn.AsAsync(desk, app.BaseAddress, "admin", DemoData.DemoPassword);
        await desk.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/admin/units").ToString());
        await Expect(desk.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(desk.GetByTestId("units-table")).ToBeVisibleAsync();
        await desk.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        await AssertCoversNothingAsync(desk, "units, 1280×800");

        var board = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } })).NewPageAsync();
        await SignedIn.AsAsync(board, app.BaseAddress, "command", DemoData.DemoPassword);
        await board.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/visits/{visit.Id}").ToString());
        await Expect(board.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(board.GetByTestId("visit-post").First).ToBeVisibleAsync();
        await AssertCoversNothingAsync(board, "visit board, 1280×800");

        var phone = await PhoneAsync(browser);
        await OpenGuardPageAsync(phone, app.BaseAddress, siteId);
        await AssertCoversNothingAsync(phone, "guard page, phone");

        // The server goes away: the banner says so in ordinary type, in a strip, and still covers nothing.
        await app.DisposeAsync();
        var status = phone.Locator("#components-reconnect-modal");
        await Expect(status).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await Expect(status).ToBeVisibleAsync();
        var banner = (await status.BoundingBoxAsync())!;
        Assert.True(banner.Height <= PhoneHeight * 0.2, $"The reconnecting banner is {banner.Height} px high on a {PhoneHeight} px phone");
        var fontSize = await status.EvaluateAsync<double>("el => parseFloat(getComputedStyle(el).fontSize)");
        Assert.True(fontSize <= 20, $"The reconnecting banner uses {fontSize} px type on a phone");
        await AssertCoversNothingAsync(phone, "guard page, phone, reconnecting", state: "reconnecting");
    }

    private static async Task<IPage> PhoneAsync(IBrowser browser) =>
        await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = PhoneWidth, Height = PhoneHeight }, IsMobile = true, HasTouch = true })).NewPageAsync();

    /// <summary>The demo guard's page, live, with the demo visit's checklist on it.</summary>
    private static async Task OpenGuardPageAsync(IPage phone, Uri baseAddress, Guid siteId)
    {
        await SignedIn.AsAsync(phone, baseAddress, "guard", DemoData.DemoPassword);
        await phone.GotoAsync(new Uri(baseAddress, $"/sites/{siteId}/guard").ToString());
        await Expect(phone.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(phone.Locator("[data-testid=guard-visit] [data-testid=checklist-item]").First).ToBeVisibleAsync();
    }

    private static async Task AssertCoversNothingAsync(IPage page, string where, string state = "live")
    {
        var status = page.Locator("#components-reconnect-modal");
        await Expect(status).ToHaveAttributeAsync("data-state", state);
        await Expect(status).ToBeVisibleAsync();
        var covered = await page.EvaluateAsync<string[]>(Covered);
        Assert.True(covered.Length == 0, $"The connection status covers, on the {where}:\n" + string.Join("\n", covered));
    }
}
