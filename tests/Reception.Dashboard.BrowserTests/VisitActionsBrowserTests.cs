using System.Net.Http.Json;
using Microsoft.Playwright;
using Reception.Dashboard.Client;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

/// <summary>
/// Issue 13 on the visit board: "arrived" asks first and can be taken back (item 4), an order goes to all posts
/// only when that is chosen (item 6), and the words of an order to one post and of a missing cancel reason (item 13).
/// </summary>
public sealed class VisitActionsBrowserTests
{
    [Fact]
    public async Task MarkArrived_AsksFirst_BackLeavesItPlanned_AndConfirmedItCanBeTakenBack()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = await DemoVisitAsync(http, siteId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await OpenAsync(browser, app, $"/sites/{siteId}/visits/{visit.Id}");
        var dialog = page.Locator(".mud-dialog");

        // 45 minutes early with posts not ready: the question says so, and Back changes nothing.
        await page.GetByTestId("mark-arrived").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Arrival is due at");
        await Expect(dialog).ToContainTextAsync($"{visit.Figures.Ready} of {visit.Figures.Posts} posts are ready");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("countdown-arrival")).ToBeVisibleAsync();
        Assert.Equal(VisitStatus.Planned, (await DemoVisitAsync(http, siteId)).Status);

        await page.GetByTestId("mark-arrived").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Visitors have arrived" }).ClickAsync();
        await Expect(page.GetByTestId("visit-phase")).ToContainTextAsync("In progress");
        await Expect(page.GetByTestId("countdown-arrival")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("undo-arrival-left")).ToContainTextAsync("left to take it back");

        // Taking it back asks too, then the visit is planned again for the same arrival, countdowns and all.
        await page.GetByTestId("undo-arrival").ClickAsync();
        await Expect(dialog).ToContainTextAsync("The visit is planned again");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Take back the arrival" }).ClickAsync();
        await Expect(page.GetByTestId("visit-phase")).ToContainTextAsync("Preparing");
        await Expect(page.GetByTestId("countdown-arrival")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mark-arrived")).ToBeVisibleAsync();
        var after = await DemoVisitAsync(http, siteId);
        Assert.Equal((VisitStatus.Planned, visit.Arrival), (after.Status, after.Arrival));
    }

    [Fact]
    public async Task OrdersPanel_NoPostChosen_IsRefusedWithAMessage_AndKeepsTheText_AllPostsIsItsOwnChoice()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = await DemoVisitAsync(http, siteId);
        var before = await DetailAsync(http, siteId, visit.Id);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await OpenAsync(browser, app, $"/sites/{siteId}/visits/{visit.Id}");
        const string text = "西门保持畅通 Keep the west gate clear";

        await page.GetByTestId("order-text").FillAsync(text);
        await page.GetByTestId("send-order").ClickAsync();

        await Expect(page.GetByTestId("orders")).ToContainTextAsync("Choose the posts the order goes to, or choose all posts.");
        await Expect(page.GetByTestId("order-text")).ToHaveValueAsync(text);
        Assert.Equal(before.Orders.Count, (await DetailAsync(http, siteId, visit.Id)).Orders.Count);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "All posts" }).CheckAsync();
        await page.GetByTestId("send-order").ClickAsync();

        await Expect(page.GetByTestId("order")).ToHaveCountAsync(before.Orders.Count + 1);
        await Expect(page.GetByTestId("order-text")).ToHaveValueAsync("");
        var sent = (await DetailAsync(http, siteId, visit.Id)).Orders.Single(o => o.Text == text);
        Assert.Equal(before.Posts.Count, sent.Posts.Count);
    }

    [Fact]
    public async Task Feed_OrderToOnePost_SaysOnePost()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = await DemoVisitAsync(http, siteId);
        var post = (await DetailAsync(http, siteId, visit.Id)).Posts[0];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await OpenAsync(browser, app, $"/sites/{siteId}/board");

        (await http.SendJsonAsync(HttpMethod.Post, $"/api/sites/{siteId}/visits/{visit.Id}/orders", new SendOrder("Hold the gate", [post.PostId])))
            .EnsureSuccessStatusCode();

        var feed = page.GetByTestId("events");
        await Expect(feed).ToContainTextAsync("Order sent to 1 post");
        await Expect(feed).Not.ToContainTextAsync("Order sent to 1 posts");
    }

    [Fact]
    public async Task CancelVisit_WithoutAReason_InChinese_SaysTheCancelReasonIsNeeded()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var http = app.Http();
        var visit = await DemoVisitAsync(http, siteId);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await OpenAsync(browser, app, $"/language/zh-Hans?returnUrl=/sites/{siteId}/visits/{visit.Id}");

        await page.GetByTestId("cancel-visit").ClickAsync();

        var actions = page.GetByTestId("visit-actions");
        await Expect(actions).ToContainTextAsync("请填写取消接待的原因。");
        await Expect(actions).Not.ToContainTextAsync("请说明问题");
        Assert.Equal(VisitStatus.Planned, (await DemoVisitAsync(http, siteId)).Status);
    }

    /// <summary>Signs the command center in, as a person would, and opens the page once it is live.</summary>
    private static async Task<IPage> OpenAsync(IBrowser browser, TestApp app, string path)
    {
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        await SignedIn.AsAsync(page, app.BaseAddress, "command", DemoData.DemoPassword);
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await Expect(page.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }

    private static async Task<VisitDto> DemoVisitAsync(HttpClient http, Guid siteId) =>
        (await http.GetFromJsonAsync<List<VisitDto>>($"/api/sites/{siteId}/visits", BoardJson.Options))!.Single();

    private static async Task<VisitDetailDto> DetailAsync(HttpClient http, Guid siteId, Guid visitId) =>
        (await http.GetFromJsonAsync<VisitDetailDto>($"/api/sites/{siteId}/visits/{visitId}", BoardJson.Options))!;
}
