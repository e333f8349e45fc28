using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Api;

/// <summary>
/// NUL, BEL, ESC and the other control characters are refused in every text a caller can store, with a
/// 422 naming the field, and nothing is written. Visits and the units file are tested in their features.
/// </summary>
public sealed class ControlCharacterTests
{
    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    public async Task CreatePost_WithNulBelOrEscInNameOrLocation_Returns422NamingTheFields_AndWritesNothing(int code)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var text = $"East{(char)code}gate";

        var response = await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost(text, PostKind.Gate, text, 1));

        await response.AssertControlCharactersRefusedAsync("name", "location");
        Assert.Equal(0, await app.QueryDbAsync(db => db.Posts.CountAsync()));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    public async Task CreateDepartmentAndStaff_WithNulBelOrEsc_Return422NamingTheFields_AndWriteNothing(int code)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var text = $"Li{(char)code}Na";

        var department = await http.PostAsJsonAsync($"/api/sites/{site.Id}/departments", new CreateDepartment(text));
        var staff = await http.PostAsJsonAsync($"/api/sites/{site.Id}/staff", new CreateStaff(text, null, $"G{(char)code}1", null, null, null));

        await department.AssertControlCharactersRefusedAsync("name");
        await staff.AssertControlCharactersRefusedAsync("name", "staffNumber");
        Assert.Equal(0, await app.QueryDbAsync(db => db.Departments.CountAsync()));
        Assert.Equal(0, await app.QueryDbAsync(db => db.Staff.CountAsync()));
        Assert.Equal(1, await app.QueryDbAsync(db => db.Events.CountAsync(e => e.SiteId == site.Id))); // the site's creation
    }

    [Fact]
    public async Task CreateSite_WithNulInName_Returns422NamingTheField_AndCreatesNoSite()
    {
        using var app = new TestApp();
        using var http = app.Http();

        var response = await http.PostAsJsonAsync("/api/sites", new CreateSite("Riverside\u0000Plaza", "Asia/Shanghai"));

        await response.AssertControlCharactersRefusedAsync("name");
        Assert.Equal(0, await app.QueryDbAsync(db => db.Sites.CountAsync()));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    public async Task CreateToken_WithNulBelOrEscInName_Returns422NamingTheField_AndMakesNoToken(int code)
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();

        var response = await http.PostAsJsonAsync("/api/tokens", new CreateTokenRequest($"door{(char)code}script", site.Id, SiteRole.CommandCenter, 30));

        await response.AssertControlCharactersRefusedAsync("name");
        Assert.Equal(0, await app.QueryDbAsync(db => db.AccessTokens.CountAsync()));
    }

    [Fact]
    public async Task CreateUser_WithControlCharactersInUserOrDisplayName_Returns422NamingTheFields_AndMakesNoAccount()
    {
        using var app = new TestApp();
        using var http = app.Http();

        var response = await http.PostAsJsonAsync("/api/users", new CreateUserRequest("wang\u0000li", "Wang\u001B Li"));

        await response.AssertControlCharactersRefusedAsync("userName", "displayName");
        Assert.Equal(1, await app.QueryDbAsync(db => db.Users.CountAsync())); // the test's own administrator
    }

    [Fact]
    public async Task EnrolPhoneAndPairScreen_WithControlCharacterInName_Return422NamingTheField_AndAddNoDevice()
    {
        using var app = new TestApp();
        var site = await app.CreateSiteAsync();
        using var http = app.Http();
        var post = await (await http.PostAsJsonAsync($"/api/sites/{site.Id}/posts", new CreatePost("East gate", PostKind.Gate, null, 1))).ReadAsync<PostDto>(HttpStatusCode.Created);

        var phone = await http.PostAsJsonAsync($"/api/sites/{site.Id}/devices/phones", new EnrolPhoneRequest(post.Id, "Gate phone\u0007"));
        var screen = await http.PostAsJsonAsync($"/api/sites/{site.Id}/devices/screens", new ApproveScreenRequest("ABCDEF", "Lobby\u001B wall"));

        await phone.AssertControlCharactersRefusedAsync("name");
        await screen.AssertControlCharactersRefusedAsync("name");
        Assert.Equal(0, await app.QueryDbAsync(db => db.Devices.CountAsync()));
    }
}
