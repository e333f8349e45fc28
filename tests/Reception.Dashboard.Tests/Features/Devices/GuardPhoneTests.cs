using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Devices;

public sealed class GuardPhoneTests
{
    [Fact]
    public async Task EnrolledPhone_StaffNumberAndPin_SignsTheGuardIn()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, enrolment) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);

        var signedIn = await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin)))
            .ReadAsync<PhoneSignedInDto>();

        Assert.Equal(setup.Site.Id, signedIn.SiteId);
        Assert.Equal(setup.Guard.Id, (await (await http.GetAsync("/api/auth/me")).ReadAsync<MeDto>()).UserId);
        Assert.EndsWith($"/phone/enrol?code={enrolment.Code}", enrolment.Url);
        var listed = await (await setup.Foreman.Http().GetAsync($"/api/sites/{setup.Site.Id}/devices")).ReadAsync<List<DeviceDto>>();
        Assert.Equal(DeviceStatus.Active, Assert.Single(listed).Status);
    }

    [Fact]
    public async Task EnrolmentCode_UsedTwice_SecondPhoneIsRefused()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (_, enrolment) = await setup.EnrolPhoneAsync();
        using var second = app.Client();

        var problem = await (await second.PostAsJsonAsync("/api/phone/enrol", new RedeemEnrolmentRequest(enrolment.Code)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("unknown, used or expired", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PinSignIn_OnABrowserThatIsNotAnEnrolledPhone_Answers409()
    {
        using var app = new TestApp();
        await DeviceSite.CreateAsync(app);
        using var http = app.Client();

        var problem = await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin)))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("not enrolled", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PinSignIn_FiveWrongPins_LocksTheAccount_EvenForTheRightPin()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);

        for (var i = 0; i < 5; i++)
        {
            await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, "0000")))
                .ReadProblemAsync(HttpStatusCode.Unauthorized);
        }

        var problem = await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin)))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Too many wrong PINs", problem.GetProperty("detail").GetString());
        // Whoever holds the post's phone cannot lock the person out of their password sign-in.
        await app.SignInAsync("guard");
    }

    [Fact]
    public async Task PhoneSession_OfAnAdministrator_MayOnlyDoWhatAGuardMay()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var chief = await app.CreateUserAsync("chief", setup.Site.Id, roles: [SiteRole.Admin, SiteRole.Manager, SiteRole.Guard]);
        using (var admin = app.Http())
        {
            var staff = await (await admin.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/staff", new CreateStaff("Chief", null, "C-001", null, null, null)))
                .ReadAsync<StaffDto>(HttpStatusCode.Created);
            (await admin.PutAsJsonAsync($"/api/sites/{setup.Site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(chief.Id))).EnsureSuccessStatusCode();
        }

        (await chief.Http().PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, "7777"))).EnsureSuccessStatusCode();
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest("C-001", "7777"))).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/posts", new CreatePost("Back door", PostKind.Gate, null, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/sites/{setup.Site.Id}/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("x", setup.Site.Id, SiteRole.Guard, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, "1234"))).StatusCode);
    }

    [Fact]
    public async Task PinSignIn_AfterTheGuardRoleIsRemoved_IsRefused_AndTheOpenPhoneSessionEnds()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);

        (await app.Http().DeleteAsync($"/api/sites/{setup.Site.Id}/roles/{setup.Guard.Id}/Guard")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);
        var problem = await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin)))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("wrong", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);
    }

    [Fact]
    public async Task PhoneSession_WhoseGuardRoleRowIsGone_EndsEvenWithTheSameStamp()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).EnsureSuccessStatusCode();

        // Straight in the database, so the security stamp stays as it was.
        await app.QueryDbAsync(db => db.UserSiteRoles.Where(r => r.UserId == setup.Guard.Id && r.Role == SiteRole.Guard).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);
    }

    [Fact]
    public async Task PinSignIn_ByAGuardOfAnotherSiteOnly_IsRefused()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var other = await app.CreateSiteAsync("Other Plaza");
        var outsider = await app.CreateUserAsync("outsider", other.Id, roles: SiteRole.Guard);
        (await outsider.Http().PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, "5555"))).EnsureSuccessStatusCode();
        using (var admin = app.Http())
        {
            var staff = await (await admin.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/staff", new CreateStaff("Outsider", null, "O-001", null, null, null)))
                .ReadAsync<StaffDto>(HttpStatusCode.Created);
            (await admin.PutAsJsonAsync($"/api/sites/{setup.Site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(outsider.Id))).EnsureSuccessStatusCode();
        }

        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);

        await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest("O-001", "5555"))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/sites/{setup.Site.Id}/snapshot")).StatusCode);
    }

    [Fact]
    public async Task PinSignIn_ByAManagerWhoIsNoGuardHere_IsRefused()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using (var admin = app.Http())
        {
            var staff = await (await admin.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/staff", new CreateStaff("Manager", null, "M-001", null, null, null)))
                .ReadAsync<StaffDto>(HttpStatusCode.Created);
            (await admin.PutAsJsonAsync($"/api/sites/{setup.Site.Id}/staff/{staff.Id}/user", new LinkStaffRequest(setup.Manager.Id))).EnsureSuccessStatusCode();
        }

        (await setup.Manager.Http().PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, "6666"))).EnsureSuccessStatusCode();
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);

        await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest("M-001", "6666"))).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordReset_ClearsThePin()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, _) = await setup.EnrolPhoneAsync();

        (await app.Http().PostAsync($"/api/users/{setup.Guard.Id}/reset-password", null)).EnsureSuccessStatusCode();

        using var http = app.Client(phone);
        await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EnrolledPhone_OpeningTheWallPage_KeepsItsEnrolment()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);

        var wall = await http.GetStringAsync("/wall");

        Assert.Contains("enrolled guard phone", wall);
        Assert.DoesNotContain("data-code", wall);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task PinSignIn_UnknownStaffNumber_GetsTheSameAnswerAsAWrongPin()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);

        var unknown = await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest("X-999", DeviceSite.Pin))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var wrongPin = await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, "9999"))).ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPin.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RevokedPhone_SignsTheGuardOut_AndItsPagesLeadToTheEnrolmentPage()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        var (phone, enrolment) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).EnsureSuccessStatusCode();

        using var foreman = setup.Foreman.Http();
        var revoked = await (await foreman.PostAsync($"/api/sites/{setup.Site.Id}/devices/{enrolment.Device.Id}/revoke", null)).ReadAsync<DeviceDto>();

        Assert.Equal(DeviceStatus.Revoked, revoked.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/auth/me")).StatusCode);
        var guardPage = await http.GetAsync($"/sites/{setup.Site.Id}/guard");
        Assert.Equal(HttpStatusCode.Redirect, guardPage.StatusCode);
        Assert.Equal("/phone", guardPage.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"phone-not-enrolled\"", await http.GetStringAsync("/phone"));
        await (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Revoke_AWallScreen_ByAForeman_IsNotFound()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        await setup.PairWallAsync();
        using var manager = setup.Manager.Http();
        var screen = Assert.Single(await (await manager.GetAsync($"/api/sites/{setup.Site.Id}/devices")).ReadAsync<List<DeviceDto>>());

        using var foreman = setup.Foreman.Http();
        await (await foreman.PostAsync($"/api/sites/{setup.Site.Id}/devices/{screen.Id}/revoke", null)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await (await foreman.GetAsync($"/api/sites/{setup.Site.Id}/devices")).ReadAsync<List<DeviceDto>>());
    }

    [Theory]
    [InlineData("12", "pin")]
    [InlineData("12ab", "pin")]
    [InlineData("123456789", "pin")]
    public async Task SetPin_NotFourToEightDigits_Answers422(string pin, string field)
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using var http = setup.Guard.Http();

        var problem = await (await http.PutAsJsonAsync("/api/auth/pin", new SetPinRequest(TestApp.Password, pin))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task SetPin_WrongPassword_Answers422_AndKeepsTheOldPin()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using (var guard = setup.Guard.Http())
        {
            var problem = await (await guard.PutAsJsonAsync("/api/auth/pin", new SetPinRequest("wrong-password", "1111"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty("currentPassword", out _));
        }

        var (phone, _) = await setup.EnrolPhoneAsync();
        using var http = app.Client(phone);
        (await http.PostAsJsonAsync("/api/phone/sign-in", new PhoneSignInRequest(DeviceSite.StaffNumber, DeviceSite.Pin))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task EnrolPhone_ForAnUnknownPost_Answers422()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using var http = setup.Foreman.Http();

        var problem = await (await http.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/devices/phones", new EnrolPhoneRequest(Guid.NewGuid(), null)))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty("postId", out _));
        Assert.Equal(0, await app.QueryDbAsync(db => Task.FromResult(db.Devices.Count())));
    }
}
