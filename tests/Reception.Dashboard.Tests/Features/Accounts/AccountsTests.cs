using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Accounts;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Accounts;

public sealed class AccountsTests
{
    [Fact]
    public async Task SignIn_UnknownUserAndWrongPassword_GetTheSameAnswer()
    {
        using var app = new TestApp();
        await app.CreateUserAsync("li.na");
        using var http = app.Client();

        var unknown = await (await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("nobody", "whatever1"))).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var wrong = await (await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("li.na", "whatever1"))).ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("Wrong user name or password.", unknown.GetProperty("detail").GetString());
        Assert.Equal(unknown.GetProperty("detail").GetString(), wrong.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_IsLockedWithTheUnlockTime()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync(timeZoneId: "Asia/Shanghai");
        await app.CreateUserAsync("wang.wei", site.Id, roles: SiteRole.Guard);
        using var http = app.Client();
        for (var i = 0; i < 5; i++)
        {
            await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("wang.wei", "wrong-password"));
        }

        var locked = await (await http.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("wang.wei", TestApp.Password))).ReadProblemAsync(HttpStatusCode.Unauthorized);

        var until = locked.GetProperty("lockedUntil").GetDateTime();
        Assert.InRange(until - DateTime.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        var local = TimeZoneInfo.ConvertTimeFromUtc(until, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Contains($"locked until {local:HH:mm}", locked.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_WithoutSignIn_Answers401Problem_NotARedirect()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Client();

        await (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var negotiate = await http.PostAsync("/hubs/board/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task RoleRemoved_NextCallIsRefused()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var guard = await app.CreateUserAsync("guard-1", site.Id, roles: SiteRole.Guard);
        using var http = guard.Http();
        (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).EnsureSuccessStatusCode();

        using var admin = app.Http();
        (await admin.DeleteAsync($"/api/sites/{site.Id}/roles/{guard.Id}/Guard")).EnsureSuccessStatusCode();

        await (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var again = await app.SignInAsync("guard-1");
        using var http2 = again.Http();
        await (await http2.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RoleRevoked_AbortsTheUsersHubConnections()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var operatorUser = await app.CreateUserAsync("operator", site.Id, roles: SiteRole.CommandCenter);
        await using var connection = operatorUser.HubConnection();
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync();
        await connection.InvokeAsync<StreamPosition>("JoinSite", site.Id);

        using var admin = app.Http();
        (await admin.DeleteAsync($"/api/sites/{site.Id}/roles/{operatorUser.Id}/CommandCenter")).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task DisabledUser_CookieStopsWorking_AndSignInSaysDisabled()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var desk = await app.CreateUserAsync("desk-1", site.Id, roles: SiteRole.FrontDesk);
        using var http = desk.Http();

        using var admin = app.Http();
        (await admin.PostAsync($"/api/users/{desk.Id}/disable", null)).EnsureSuccessStatusCode();

        await (await http.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var signIn = await (await app.Client().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("desk-1", TestApp.Password)))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("disabled", signIn.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_ActsInItsRoleAtItsSite_UntilRevoked()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var admin = await app.CreateUserAsync("site-admin", site.Id, roles: [SiteRole.Admin, SiteRole.CommandCenter]);
        using var adminHttp = admin.Http();
        var created = await (await adminHttp.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("wall screen", site.Id, SiteRole.CommandCenter, 30)))
            .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        using var device = app.Client();
        device.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);

        (await device.GetAsync($"/api/sites/{site.Id}/snapshot")).EnsureSuccessStatusCode();
        // The user is Admin too, but the token carries only CommandCenter.
        await (await device.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadProblemAsync(HttpStatusCode.Forbidden);

        (await adminHttp.DeleteAsync($"/api/tokens/{created.Token.Id}")).EnsureSuccessStatusCode();
        await (await device.GetAsync($"/api/sites/{site.Id}/snapshot")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_ForARoleNotHeld_IsRefused()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var guard = await app.CreateUserAsync("guard-2", site.Id, roles: SiteRole.Guard);
        using var http = guard.Http();

        await (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("escalate", site.Id, SiteRole.Admin, 30))).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Events_RecordWhoActed_UserOrToken_AndTheirRole()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var admin = await app.CreateUserAsync("site-admin", site.Id, roles: SiteRole.Admin);
        using var http = admin.Http();
        (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).EnsureSuccessStatusCode();
        var token = await (await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest("script", site.Id, SiteRole.Admin, 1))).ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);
        (await script.PostAsJsonAsync($"/api/sites/{site.Id}/departments", new CreateDepartment("Security"))).EnsureSuccessStatusCode();

        var page = await (await http.GetAsync($"/api/sites/{site.Id}/events")).ReadAsync<EventPage>();

        Assert.Equal(new Actor("user", app.Root.Id.ToString(), "SystemAdmin"), page.Events[0].Actor);
        Assert.Equal(new Actor("user", admin.Id.ToString(), "Admin"), page.Events[1].Actor);
        Assert.Equal(new Actor("token", token.Token.Id.ToString(), "Admin"), page.Events[2].Actor);
    }

    [Fact]
    public async Task IdempotencyKey_BelongsToItsCaller()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var one = await app.CreateUserAsync("admin-1", site.Id, roles: SiteRole.Admin);
        var two = await app.CreateUserAsync("admin-2", site.Id, roles: SiteRole.Admin);

        using var http1 = one.Http();
        using var http2 = two.Http();
        await (await http1.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost("Gate 1", PostKind.Gate, null, 1), "same-key"))
            .ReadAsync<PostDto>(HttpStatusCode.Created);
        var second = await (await http2.SendJsonAsync(HttpMethod.Post, $"/api/sites/{site.Id}/posts", new CreatePost("Gate 2", PostKind.Gate, null, 2), "same-key"))
            .ReadAsync<PostDto>(HttpStatusCode.Created);

        Assert.Equal("Gate 2", second.Name);
    }

    [Fact]
    public async Task SiteAdmin_CannotResetASystemAdministratorsPassword()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var admin = await app.CreateUserAsync("site-admin", site.Id, roles: SiteRole.Admin);
        using var http = admin.Http();

        await (await http.PostAsync($"/api/users/{app.Root.Id}/reset-password", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await app.Http().GetAsync("/api/auth/me")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AdminCreatesUser_PasswordShownOnce_WorksForSignIn_AndResetReplacesIt()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var admin = app.Http();

        var created = await (await admin.PostAsJsonAsync("/api/users", new CreateUserRequest("zhao.min", "赵敏"))).ReadAsync<UserWithPasswordDto>(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/sites/{site.Id}/roles", new GrantRoleRequest(created.User.Id, SiteRole.Supervisor))).EnsureSuccessStatusCode();
        await app.SignInAsync("zhao.min", created.Password!);
        var reset = await (await admin.PostAsync($"/api/users/{created.User.Id}/reset-password", null)).ReadAsync<UserWithPasswordDto>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInAsync("zhao.min", created.Password!));
        var user = await app.SignInAsync("zhao.min", reset.Password!);
        using var http = user.Http();
        var me = await (await http.GetAsync("/api/auth/me")).ReadAsync<MeDto>();
        Assert.Equal([new SiteRoleDto(site.Id, SiteRole.Supervisor)], me.Roles);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_Returns422_RightCurrent_ReplacesIt()
    {
        using var app = new TestApp();
        var user = await app.CreateUserAsync("chen.jie");
        using var http = user.Http();

        var problem = await (await http.PostAsJsonAsync("/api/auth/change-password", new ChangePasswordRequest("not-it-at-all", "new-password-2")))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("currentPassword", out _));

        (await http.PostAsJsonAsync("/api/auth/change-password", new ChangePasswordRequest(TestApp.Password, "new-password-2"))).EnsureSuccessStatusCode();
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInAsync("chen.jie"));
        await app.SignInAsync("chen.jie", "new-password-2");
    }

    [Fact]
    public async Task Setup_EmptyDatabase_CreatesTheFirstAdministratorOnceWithThePrintedCode()
    {
        using var app = new TestApp(createRoot: false);
        var code = app.Services.GetRequiredService<SetupCode>().Current;
        using var http = app.Client();

        await (await http.PostAsJsonAsync("/api/setup", new SetupRequest("wrong-code", "boss", "老板", "first-password"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await http.PostAsJsonAsync("/api/setup", new SetupRequest(code, "boss", "老板", "first-password"))).EnsureSuccessStatusCode();
        await (await http.PostAsJsonAsync("/api/setup", new SetupRequest(code, "boss2", "又一个", "first-password"))).ReadProblemAsync(HttpStatusCode.Conflict);

        var boss = await app.SignInAsync("boss", "first-password");
        using var bossHttp = boss.Http();
        Assert.True((await (await bossHttp.GetAsync("/api/auth/me")).ReadAsync<MeDto>()).SystemAdmin);
        (await bossHttp.PostAsJsonAsync("/api/sites", new CreateSite("First Plaza", "Asia/Shanghai"))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task DemoData_HasOneUserPerRole()
    {
        using var app = new TestApp(seedDemoData: true);

        var roles = await app.QueryDbAsync(db => db.UserSiteRoles.Select(r => r.Role).ToListAsync());

        Assert.Equal(Enum.GetValues<SiteRole>().Order(), roles.Order());
        foreach (var (userName, _, _) in DemoData.Users)
        {
            await app.SignInAsync(userName, DemoData.DemoPassword);
        }
    }

    [Fact]
    public async Task SiteAdmin_ManagesOnlyAccountsThatWorkAtTheirSites()
    {
        using var app = new TestApp();
        var mine = await app.CreateSiteAsync("Mine");
        var other = await app.CreateSiteAsync("Other");
        var admin = await app.CreateUserAsync("site-admin", mine.Id, roles: SiteRole.Admin);
        var colleague = await app.CreateUserAsync("colleague", mine.Id, roles: SiteRole.Guard);
        var elsewhere = await app.CreateUserAsync("elsewhere", other.Id, roles: SiteRole.Guard);
        var both = await app.CreateUserAsync("both", mine.Id, roles: SiteRole.Guard);
        await app.QueryDbAsync(async db =>
        {
            db.UserSiteRoles.Add(new UserSiteRole { UserId = both.Id, SiteId = other.Id, Role = SiteRole.Guard });
            return await db.SaveChangesAsync();
        });
        var roleless = await app.CreateUserAsync("roleless");
        using var http = admin.Http();

        (await http.PostAsync($"/api/users/{colleague.Id}/reset-password", null)).EnsureSuccessStatusCode();
        await (await http.PostAsync($"/api/users/{elsewhere.Id}/reset-password", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await http.PostAsync($"/api/users/{both.Id}/disable", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await http.PostAsync($"/api/users/{roleless.Id}/reset-password", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var listed = await (await http.GetAsync("/api/users")).ReadAsync<List<UserDto>>();
        Assert.Equal(["colleague", "site-admin"], listed.Select(u => u.UserName).Order());
    }

    [Fact]
    public async Task SiteAdmin_CreatesAccountsWithTheirFirstRole()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var admin = await app.CreateUserAsync("site-admin", site.Id, roles: SiteRole.Admin);
        using var http = admin.Http();

        var withoutRole = await (await http.PostAsJsonAsync("/api/users", new CreateUserRequest("new-1", "New one"))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var created = await (await http.PostAsJsonAsync("/api/users", new CreateUserRequest("new-2", "New two", site.Id, SiteRole.FrontDesk)))
            .ReadAsync<UserWithPasswordDto>(HttpStatusCode.Created);

        Assert.True(withoutRole.GetProperty("errors").TryGetProperty("role", out _));
        Assert.Equal([new SiteRoleDto(site.Id, SiteRole.FrontDesk)], created.User.Roles);
        await app.SignInAsync("new-2", created.Password!);
    }

    [Fact]
    public async Task AdminToken_CannotManageAccountsOrRoles()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var admin = await app.CreateUserAsync("site-admin", site.Id, roles: SiteRole.Admin);
        var token = await (await admin.Http().PostAsJsonAsync("/api/tokens", new CreateTokenRequest("script", site.Id, SiteRole.Admin, 1)))
            .ReadAsync<CreatedTokenDto>(HttpStatusCode.Created);
        using var script = app.Client();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token.Secret);

        await (await script.PostAsJsonAsync("/api/users", new CreateUserRequest("minted", "Minted", site.Id, SiteRole.Admin))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await script.PostAsync($"/api/users/{admin.Id}/reset-password", null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await script.PostAsJsonAsync($"/api/sites/{site.Id}/roles", new GrantRoleRequest(admin.Id, SiteRole.Manager))).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await app.QueryDbAsync(db => db.Users.CountAsync(u => u.UserName == "minted")));
    }

    [Fact]
    public async Task StateChangingRequest_FromAnotherOrigin_IsRefused()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        var post = await (await app.Http().PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("Gate", PostKind.Gate, null, 1))).ReadAsync<PostDto>(HttpStatusCode.Created);
        using var http = app.Http();

        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/api/sites/{site.Id}/posts/{post.Id}/archive");
        crossSite.Headers.Add("Origin", "http://127.0.0.1:9999");
        var sameSite = new HttpRequestMessage(HttpMethod.Post, $"/api/sites/{site.Id}/posts/{post.Id}/archive");
        sameSite.Headers.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));

        await (await http.SendAsync(crossSite)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await app.QueryDbAsync(db => db.Posts.Select(p => p.Archived).SingleAsync()));
        (await http.SendAsync(sameSite)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("posts.create")]
    [InlineData("shifts.create")]
    [InlineData("departments.create")]
    [InlineData("staff.list")]
    [InlineData("site.update")]
    public async Task Services_CalledDirectlyByAGuard_RefuseWhatTheEndpointsRefuse(string call)
    {
        // Pages call services without passing an endpoint policy; the service must hold the line itself.
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        await app.CreateUserAsync("guard-1", site.Id, roles: SiteRole.Guard);
        var guard = await app.PrincipalAsync("guard-1");
        var services = app.Services;
        var ct = CancellationToken.None;

        Task act() => call switch
        {
            "posts.create" => services.GetRequiredService<Reception.Dashboard.Features.Posts.PostService>().CreateAsync(new SiteCall(guard, site.Id, null, ct), new CreatePost("Gate", PostKind.Gate, null, 1)),
            "shifts.create" => services.GetRequiredService<Reception.Dashboard.Features.Shifts.ShiftService>().CreateAsync(new SiteCall(guard, site.Id, null, ct), new CreateShift(ShiftKind.Morning, new TimeOnly(7, 0), new TimeOnly(15, 0))),
            "departments.create" => services.GetRequiredService<Reception.Dashboard.Features.Departments.DepartmentService>().CreateAsync(new SiteCall(guard, site.Id, null, ct), new CreateDepartment("Security")),
            "staff.list" => services.GetRequiredService<Reception.Dashboard.Features.Staff.StaffService>().ListAsync(new SiteCall(guard, site.Id, null, ct)),
            _ => services.GetRequiredService<Reception.Dashboard.Features.Sites.SiteService>().UpdateAsync(new SiteCall(guard, site.Id, null, ct), new UpdateSite("Mine now", "Asia/Shanghai", 1)),
        };

        await Assert.ThrowsAsync<Reception.Dashboard.Infrastructure.ForbiddenException>(act);
    }
}
