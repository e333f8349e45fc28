using System.Net;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// Issue 13: an order with no posts chosen used to go to every post. Every post (§4.4.2) is now a choice of
/// its own, and a client that names no posts — an old one included — is told to choose.
/// </summary>
public sealed class OrderRecipientsTests
{
    private static DateTime InHours(double hours) => DateTime.UtcNow.AddHours(hours);

    [Theory]
    [InlineData("""{"text":"Hold the gate"}""")] // a client from before the choice was explicit
    [InlineData("""{"text":"Hold the gate","postIds":[]}""")]
    [InlineData("""{"text":"Hold the gate","postIds":null,"allPosts":false}""")]
    public async Task SendOrder_WithNoPostsAndNotAll_Returns422(string body)
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        using var http = s.Command.Http();

        var response = await http.SendRawAsync(HttpMethod.Post, s.Url($"/{visit.Visit.Id}/orders"), body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Choose the posts the order goes to, or choose all posts.", problem.GetProperty("errors").GetProperty("postIds")[0].GetString());
        Assert.Empty((await s.GetAsync(visit.Visit.Id)).Orders);
    }

    [Fact]
    public async Task SendOrder_WithNoPostsAndNotAll_SaysSoInChinese()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));
        using var zh = app.Client(s.Command.Cookies, language: "zh-Hans");

        var problem = await (await zh.SendJsonAsync(HttpMethod.Post, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("守住东门", [])))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("请选择接收指令的岗位，或选择全部岗位。", problem.GetProperty("errors").GetProperty("postIds")[0].GetString());
    }

    [Fact]
    public async Task SendOrder_AllPosts_ReachesEveryPost() // §4.4.2
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));

        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the gate", AllPosts: true))).EnsureSuccessStatusCode();

        var order = (await s.GetAsync(visit.Visit.Id)).Orders.Single();
        Assert.Equal(visit.Posts.Select(p => p.PostId).Order(), order.Posts.Select(p => p.PostId).Order());
    }

    [Fact]
    public async Task SendOrder_NamedPostsAndAllPosts_Returns422()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));

        var response = await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the gate", [s.EastGate.Id], AllPosts: true));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Choose some posts or all posts, not both.", problem.GetProperty("errors").GetProperty("postIds")[0].GetString());
        Assert.Empty((await s.GetAsync(visit.Visit.Id)).Orders);
    }

    [Fact]
    public async Task SendOrder_ToNamedPosts_ReachesOnlyThose()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(InHours(2));

        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the gate", [s.WestGate.Id]))).EnsureSuccessStatusCode();

        Assert.Equal([s.WestGate.Id], (await s.GetAsync(visit.Visit.Id)).Orders.Single().Posts.Select(p => p.PostId));
    }
}
