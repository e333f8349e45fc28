using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class ConsoleErrorTests
{
    [Fact]
    public async Task EveryPage_OpenedByEachRoleThatMaySeeIt_LogsNoConsoleError()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visits = await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options);
        var values = new Dictionary<string, string> { ["{SiteId:guid}"] = siteId.ToString(), ["{VisitId:guid}"] = visits![0].Id.ToString() };
        var pages = Pages(values);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var errors = new List<string>();

        // Nobody signed in: the pages anyone may open.
        await VisitAsync(browser, app.BaseAddress, userName: null, pages.Where(p => p.Anonymous), errors);
        foreach (var (userName, _, role) in DemoData.Users)
        {
            await VisitAsync(browser, app.BaseAddress, userName, pages.Where(p => p.MaySee(role)), errors);
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Opens the pages one after another in a context of their own, signed in as <paramref name="userName"/> unless it is null.</summary>
    private static async Task VisitAsync(IBrowser browser, Uri baseAddress, string? userName, IEnumerable<PageRoute> pages, List<string> errors)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = new ConsoleWatch(page, userName ?? "(anonymous)", errors);
        if (userName is not null)
        {
            watch.Opening = "/sign-in";
            await SignedIn.AsAsync(page, baseAddress, userName, DemoData.DemoPassword);
        }

        foreach (var route in pages)
        {
            // Leaving a page closes its circuit, and the browser may report the closing as the old page
            // goes: that is about leaving, not about the page, so nothing is recorded on the way out.
            watch.Opening = null;
            await page.GotoAsync("about:blank");
            watch.Opening = route.Path;
            await page.GotoAsync(new Uri(baseAddress, route.Path).ToString());
            if (route.Interactive)
            {
                await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
            }
        }

        await context.CloseAsync();
    }

    /// <summary>
    /// Every routable page in the app, found the way the router finds them, so a new page is opened here
    /// without anyone adding it. A route parameter this test cannot fill fails the test rather than being skipped.
    /// </summary>
    private static List<PageRoute> Pages(IReadOnlyDictionary<string, string> values) =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>().Select(route => new PageRoute(type, Fill(route.Template, values))))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();

    private static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        var path = values.Aggregate(template, (text, value) => text.Replace(value.Key, value.Value, StringComparison.Ordinal));
        if (path.Contains('{', StringComparison.Ordinal))
        {
            Assert.Fail($"No value for a parameter of {template}: add one to this test.");
        }

        return path;
    }

    private sealed record PageRoute(Type Page, string Path)
    {
        public bool Anonymous => Page.IsDefined(typeof(AllowAnonymousAttribute));

        // Server-rendered forms (sign-in, PIN, phone) never start a circuit.
        public bool Interactive => !Page.IsDefined(typeof(ExcludeFromInteractiveRoutingAttribute));

        /// <summary>Whether a demo user holding <paramref name="role"/> passes the page's policies.</summary>
        public bool MaySee(SiteRole role) =>
            Anonymous || Page.GetCustomAttributes<AuthorizeAttribute>().All(a => a.Policy is null || Grants(role, a.Policy));

        private static bool Grants(SiteRole role, string policy) => policy switch
        {
            // The demo's only Admin, "admin", is also the system administrator.
            SitePermissionPolicies.AnyAdmin or SitePermissionPolicies.SystemAdmin => role == SiteRole.Admin,
            _ => Permissions.Grants(role, Enum.GetValues<Permission>().Single(p => SitePermissionPolicies.For(p) == policy)),
        };
    }

    /// <summary>Records console errors and uncaught exceptions, with who opened which page.</summary>
    private sealed class ConsoleWatch
    {
        public ConsoleWatch(IPage page, string who, List<string> errors)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error" && Opening is not null)
                {
                    lock (errors)
                    {
                        errors.Add($"{who} {Opening}: console error: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                if (Opening is not null)
                {
                    lock (errors)
                    {
                        errors.Add($"{who} {Opening}: uncaught: {error}");
                    }
                }
            };
        }

        /// <summary>The page being opened; null while leaving one.</summary>
        public string? Opening { get; set; }
    }
}
