using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Dashboard.Data;
using Reception.Dashboard.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Dashboard.BrowserTests;

public sealed class DevicesBrowserTests
{
    [Fact]
    public async Task Foreman_EnrolsAPhone_GuardSignsInOnItWithStaffNumberAndPin()
    {
        using var app = new TestApp(seedDemoData: true);
        var (siteId, staffNumber) = await DemoGuardAsync(app);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var foreman = await (await browser.NewContextAsync()).NewPageAsync();
        var phone = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true })).NewPageAsync();

        await SignedIn.AsAsync(foreman, app.BaseAddress, "foreman", DemoData.DemoPassword);
        await foreman.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/devices").ToString());
        await Expect(foreman.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await foreman.GetByTestId("enrol-start").ClickAsync();
        await Expect(foreman.GetByTestId("enrolment").Locator("img.qr-code")).ToBeVisibleAsync();
        var link = await foreman.GetByTestId("enrolment-url").TextContentAsync();

        await phone.GotoAsync(link!.Trim());
        await Expect(phone.GetByTestId("enrol-target")).ToContainTextAsync("East gate");
        await phone.GetByTestId("enrol").ClickAsync();
        await phone.GetByLabel("Staff number").FillAsync(staffNumber);
        await phone.GetByLabel("PIN").FillAsync("1111");
        await phone.GetByTestId("phone-sign-in").ClickAsync();
        await Expect(phone.GetByTestId("phone-error")).ToContainTextAsync("Staff number or PIN is wrong");
        await Expect(phone.GetByLabel("Staff number")).ToHaveValueAsync(staffNumber);
        await phone.GetByLabel("PIN").FillAsync(DemoData.DemoPin);
        await phone.GetByTestId("phone-sign-in").ClickAsync();

        await Expect(phone.GetByTestId("guard-phone-post")).ToContainTextAsync("East gate");
        await Expect(phone.GetByTestId("guard-post")).ToBeVisibleAsync();
        // The devices page hears of the enrolment on the site's stream, without a reload.
        await Expect(foreman.GetByTestId("device-row")).ToContainTextAsync("In use");
    }

    [Fact]
    public async Task WallScreen_ShowsACode_ManagerPairsIt_ThenRevokesIt_AndItShowsACodeAgain()
    {
        using var app = new TestApp(seedDemoData: true);
        var siteId = await app.DemoSiteIdAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var screen = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } })).NewPageAsync();
        var manager = await (await browser.NewContextAsync()).NewPageAsync();

        await screen.GotoAsync(new Uri(app.BaseAddress, "/wall").ToString());
        var code = await screen.GetByTestId("pairing-code").GetAttributeAsync("data-code");
        await SignedIn.AsAsync(manager, app.BaseAddress, "manager", DemoData.DemoPassword);
        await manager.GotoAsync(new Uri(app.BaseAddress, $"/sites/{siteId}/devices").ToString());
        await Expect(manager.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");
        await manager.GetByTestId("pair-code").FillAsync(code!);
        await manager.GetByTestId("pair-approve").ClickAsync();
        await Expect(manager.GetByTestId("paired")).ToBeVisibleAsync();

        // Nobody touches the screen: it finds out by itself.
        await Expect(screen.GetByTestId("wall-site")).ToHaveTextAsync(DemoData.SiteName);
        await Expect(screen.GetByTestId("interactive")).ToHaveAttributeAsync("data-ready", "true");

        await manager.GetByTestId("revoke").ClickAsync();
        await manager.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();

        await Expect(screen.GetByTestId("pairing-code")).ToBeVisibleAsync();
        Assert.NotEqual(code, await screen.GetByTestId("pairing-code").GetAttributeAsync("data-code"));
    }

    internal static async Task<(Guid SiteId, string StaffNumber)> DemoGuardAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var guard = await db.Users.SingleAsync(u => u.UserName == "guard");
        var staff = await db.Staff.SingleAsync(s => s.UserId == guard.Id);
        return (staff.SiteId, staff.StaffNumber!);
    }
}
