using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class SecurityBrowserTests
{
    private static readonly string[] Payloads =
    [
        "<script>window.__xss = 1</script>",
        "<img src=x onerror=\"window.__xss = 2\">",
        "javascript:window.__xss = 3",
    ];

    [Fact]
    public async Task EveryPage_RunsUnderTheContentSecurityPolicy_WithoutAViolation()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());
        await page.GotoAsync(new Uri(app.BaseAddress, "/phone").ToString());
        await page.GotoAsync(new Uri(app.BaseAddress, "/phone/enrol?code=NOTACODE00").ToString());
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);
        string[] pages =
        [
            "/board", "/desk", "/guard", "/admin", "/admin/users", "/devices", "/account/tokens",
            $"/sites/{siteId}/board", $"/sites/{siteId}/desk", $"/sites/{siteId}/guard", $"/sites/{siteId}/wall", $"/sites/{siteId}/devices",
            $"/sites/{siteId}/admin", $"/sites/{siteId}/admin/site", $"/sites/{siteId}/admin/posts", $"/sites/{siteId}/admin/shifts",
            $"/sites/{siteId}/admin/departments", $"/sites/{siteId}/admin/staff", $"/sites/{siteId}/admin/roster", $"/sites/{siteId}/admin/units",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
            await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        }

        // Forms that set cookies are plain server-rendered pages.
        await page.GotoAsync(new Uri(app.BaseAddress, "/account/password").ToString());
        await page.GotoAsync(new Uri(app.BaseAddress, "/account/pin").ToString());

        // The enrolment QR code is a data: image, which the policy allows.
        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/devices").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("enrol-start").ClickAsync();
        await Expect(page.GetByTestId("enrolment").Locator("img.qr-code")).ToBeVisibleAsync();
        Assert.True(await page.Locator("img.qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));

        var wall = await browser.NewPageAsync();
        wall.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{wall.Url}: {message.Text}");
            }
        };
        await wall.GotoAsync(new Uri(app.BaseAddress, "/wall").ToString());
        await Expect(wall.GetByTestId("pairing-code")).ToBeVisibleAsync();

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task ScriptPayloads_InEveryFreeTextField_RenderAsText_OnTheBoardDeskAndWall()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var site = await http.GetFromJsonAsync<SiteDto>($"/api/sites/{siteId}", BoardJson.Options);
        (await http.PutAsJsonAsync($"/api/sites/{siteId}", new UpdateSite(Payloads[0], site!.TimeZoneId, site.Version), BoardJson.Options)).EnsureSuccessStatusCode();
        for (var i = 0; i < Payloads.Length; i++)
        {
            (await http.PostAsJsonAsync($"/api/sites/{siteId}/posts", new CreatePost(Payloads[i], PostKind.Gate, Payloads[(i + 1) % Payloads.Length], 20 + i), BoardJson.Options)).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/sites/{siteId}/departments", new CreateDepartment(Payloads[i]), BoardJson.Options)).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/sites/{siteId}/staff", new CreateStaff(Payloads[i], null, null, null, null, null), BoardJson.Options)).EnsureSuccessStatusCode();
        }

        var csv = new StringBuilder("building,room,name,phone,kind\n");
        for (var i = 0; i < Payloads.Length; i++)
        {
            csv.Append($"X座,90{i},\"{Payloads[i].Replace("\"", "\"\"")}\",138 0000 999{i},owner\n");
        }

        (await http.PostCsvAsync($"/api/sites/{siteId}/units/import", csv.ToString())).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        var strayRequests = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseAddress.ToString().TrimEnd('/')) && !request.Url.StartsWith("data:"))
            {
                strayRequests.Add(request.Url);
            }
            else if (request.Url.EndsWith("/x"))
            {
                strayRequests.Add(request.Url); // the <img src=x> would load /x from here
            }
        };
        await SignedIn.AsAsync(page, app.BaseAddress, "admin", DemoData.DemoPassword);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/board").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("posts")).ToContainTextAsync(Payloads[1]);
        await Expect(page.GetByTestId("posts")).ToContainTextAsync(Payloads[2]);
        await Expect(page.GetByTestId("site-name")).ToHaveTextAsync(Payloads[0]);
        // A post renamed while the board is open arrives through the live path, not the first render.
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/posts", new CreatePost("<svg onload=\"window.__xss = 4\">", PostKind.Gate, null, 30), BoardJson.Options)).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId("posts")).ToContainTextAsync("<svg onload=");

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/desk").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await page.GetByTestId("unit-search").FillAsync("X座");
        await Expect(page.GetByTestId("units")).ToContainTextAsync(Payloads[1]);

        await page.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/wall").ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.GetByTestId("wall-site")).ToHaveTextAsync(Payloads[0]);
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/departments", new CreateDepartment("<svg onload=\"window.__xss = 5\">"), BoardJson.Options)).EnsureSuccessStatusCode();
        await Expect(page.GetByTestId("wall-feed")).ToContainTextAsync("<svg onload=\"window.__xss = 5\">");

        Assert.Equal(0, dialogs);
        Assert.Empty(strayRequests);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('script:not([src]), img[src=\"x\"], svg[onload], [onerror]').length"));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
    }
}
