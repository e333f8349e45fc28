using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class ArchiveBrowserTests
{
    [Fact]
    public async Task VisitArchive_InChinese_SaysTheOrdersWordsAndTheMoveFromWhenToWhen() // §4.2.3
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        var command = await app.SignInAsync("command", DemoData.DemoPassword);
        using var http = command.Http();
        var visit = (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
        var detail = (await http.GetFromJsonAsync<VisitDetailDto>($"/api/sites/{siteId}/visits/{visit.Id}", BoardJson.Options))!;
        var gate = detail.Posts.First(p => p.OnRoute).PostId;
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/visits/{visit.Id}/orders", new SendOrder("访客车辆改走西门", [gate]), BoardJson.Options)).EnsureSuccessStatusCode();
        // Two days later at 10:00 in the site's time (Beijing): a time without a kind is read as the site's.
        var from = TimeZoneInfo.ConvertTimeFromUtc(visit.Arrival, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var to = DateTime.SpecifyKind(from.Date.AddDays(2).AddHours(10), DateTimeKind.Unspecified);
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/visits/{visit.Id}/reschedule", new RescheduleVisit(to), BoardJson.Options)).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "manager", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/language/zh-Hans?returnUrl=/sites/{siteId}/visits/{visit.Id}/archive").ToString());

        var archive = page.GetByTestId("archive");
        await Expect(archive).ToContainTextAsync("发出指令：访客车辆改走西门");
        var move = $"{from.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} → {to.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";
        await Expect(archive.Locator("tr", new() { HasText = "接待时间已调整" }).Last).ToContainTextAsync(move);
    }

    [Fact]
    public async Task DemoRestart_ArchiveInChinese_KeepsThePersonsMove_AndRecordsTheDemosOwnWritesAsTheSystem()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reception-tests", Guid.NewGuid().ToString("N"));
        Guid siteId;
        VisitDto visit;
        DateTime to;
        using (var first = new TestApp(seedDemoData: true, folder: folder) { KeepFolder = true })
        {
            siteId = await first.DemoSiteIdAsync();
            using var http = (await first.SignInAsync("command", DemoData.DemoPassword)).Http();
            visit = (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();
            var from = TimeZoneInfo.ConvertTimeFromUtc(visit.Arrival, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            to = DateTime.SpecifyKind(from.Date.AddDays(2).AddHours(10), DateTimeKind.Unspecified);
            (await http.PostAsJsonAsync($"/api/sites/{siteId}/visits/{visit.Id}/reschedule", new RescheduleVisit(to), BoardJson.Options)).EnsureSuccessStatusCode();
        }

        using var second = new TestApp(seedDemoData: true, folder: folder);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await SignedIn.AsAsync(page, second.BaseAddress, "manager", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(second.BaseAddress, $"/language/zh-Hans?returnUrl=/sites/{siteId}/visits/{visit.Id}/archive").ToString());

        var archive = page.GetByTestId("archive");
        await Expect(archive.Locator("tr", new() { HasText = "接待已发布" })).ToContainTextAsync("系统（演示数据）");
        // The restart did not move it again: the one move is the command center's, to where they put it.
        var moves = archive.Locator("tr", new() { HasText = "接待时间已调整" });
        await Expect(moves).ToHaveCountAsync(1);
        await Expect(moves).ToContainTextAsync(to.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Expect(moves).ToContainTextAsync("(指挥中心)");
    }
}
