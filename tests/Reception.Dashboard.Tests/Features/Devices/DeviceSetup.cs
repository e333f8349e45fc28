using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Devices;

/// <summary>A site with a post, a foreman, a manager, and a guard whose staff record (number G-007) is linked to their account.</summary>
internal sealed record DeviceSite(TestApp App, SiteDto Site, PostDto Post, TestUser Foreman, TestUser Manager, TestUser Guard)
{
    public const string StaffNumber = "G-007";
    public const string Pin = "4821";

    public static async Task<DeviceSite> CreateAsync(TestApp app)
    {
        var site = await app.CreateSiteAsync();
        using var admin = app.Http();
        var post = await (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("East gate", PostKind.Gate, null, 1)))
            .ReadAsync<PostDto>(HttpStatusCode.Created);
        var foreman = await app.CreateUserAsync("foreman", site.Id, roles: SiteRole.Foreman);
        var manager = await app.CreateUserAsync("manager", site.Id, roles: SiteRole.Manager);
        var guard = await app.CreateUserAsync("guard", site.Id, roles: SiteRole.Guard);
        await LinkStaffAsync(app, site.Id, guard, StaffNumber, post.Id, "Wang Wei", "139 1234 5678");
        return new DeviceSite(app, site, post, foreman, manager, guard);
    }

    /// <summary>
    /// An existing site with a post and <paramref name="guard"/> linked to staff number <see cref="StaffNumber"/>
    /// with PIN <see cref="Pin"/>; the system administrator stands in for the foreman and the manager.
    /// </summary>
    public static async Task<DeviceSite> AtSiteAsync(TestApp app, SiteDto site, TestUser guard)
    {
        using var admin = app.Http();
        var post = await (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("East gate", PostKind.Gate, null, 1)))
            .ReadAsync<PostDto>(HttpStatusCode.Created);
        await LinkStaffAsync(app, site.Id, guard, StaffNumber, post.Id, guard.UserName, null);
        return new DeviceSite(app, site, post, app.Root, app.Root, guard);
    }

    /// <summary>A staff record numbered <paramref name="staffNumber"/>, linked to <paramref name="user"/>'s account, who then sets PIN <see cref="Pin"/>.</summary>
    public static async Task LinkStaffAsync(TestApp app, Guid siteId, TestUser user, string staffNumber, Guid? postId, string name, string? phone)
    {
        using var admin = app.Http();
        var staff = await (await admin.PostAsJsonAsync($"/api/sites/{siteId}/staff", new CreateStaff(name, phone, staffNumber, null, postId, null)))
            .ReadAsync<StaffDto>(HttpStatusCode.Created);
        (await admin.PutAsJsonAsync($"/api/sites/{siteId}/staff/{staff.Id}/user", new LinkStaffRequest(user.Id))).EnsureSuccessStatusCode();
        using var http = user.Http();
        (await http.PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, Pin))).EnsureSuccessStatusCode();
    }

    /// <summary>A foreman's enrolment code, redeemed by a fresh phone; answers the phone's cookies.</summary>
    public async Task<(CookieContainer Phone, PhoneEnrolmentDto Enrolment)> EnrolPhoneAsync()
    {
        using var foremanHttp = Foreman.Http();
        var enrolment = await (await foremanHttp.PostAsJsonAsync($"/api/sites/{Site.Id}/devices/phones", new EnrolPhoneRequest(Post.Id, null)))
            .ReadAsync<PhoneEnrolmentDto>(HttpStatusCode.Created);
        var phone = new CookieContainer();
        using var phoneHttp = App.Client(phone);
        (await phoneHttp.PostAsJsonAsync("/api/phone/enrol", new RedeemEnrolmentRequest(enrolment.Code))).EnsureSuccessStatusCode();
        return (phone, enrolment);
    }

    /// <summary>A newly enrolled phone on which <see cref="Guard"/> has signed in with staff number and PIN: the phone's cookies.</summary>
    public async Task<CookieContainer> GuardOnPhoneAsync()
    {
        var (phone, _) = await EnrolPhoneAsync();
        using var http = App.Client(phone);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(StaffNumber, Pin))).EnsureSuccessStatusCode();
        return phone;
    }

    /// <summary>A fresh browser opening /wall: its cookies and the code it shows.</summary>
    public Task<(CookieContainer Screen, string Code)> OpenWallAsync() => OpenWallAsync(App);

    public static async Task<(CookieContainer Screen, string Code)> OpenWallAsync(TestApp app)
    {
        var screen = new CookieContainer();
        using var http = app.Client(screen);
        return (screen, await PairingCodeAsync(http));
    }

    public static async Task<string> PairingCodeAsync(HttpClient screen)
    {
        var html = await screen.GetStringAsync("/wall");
        var match = Regex.Match(html, "data-code=\"([A-Z0-9]{6})\"");
        Assert.True(match.Success, "No pairing code on /wall:\n" + html);
        return match.Groups[1].Value;
    }

    public Task<CookieContainer> PairWallAsync(WallView view = WallView.Full) => PairWallAsync(App, Site.Id, Manager, view);

    /// <summary>A fresh browser opening /wall, paired by <paramref name="approver"/>: the screen's cookies.</summary>
    public static async Task<CookieContainer> PairWallAsync(TestApp app, Guid siteId, TestUser approver, WallView view = WallView.Full)
    {
        var (screen, code) = await OpenWallAsync(app);
        using var http = approver.Http();
        (await http.PostAsJsonAsync($"/api/sites/{siteId}/devices/screens", new ApproveScreenRequest(code, "Lobby screen", view))).EnsureSuccessStatusCode();
        return screen;
    }
}
