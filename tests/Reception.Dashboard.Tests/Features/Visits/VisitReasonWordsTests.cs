using System.Net;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>
/// Issue 13: an empty cancel reason answered "请说明问题。" ("say what the problem is"). Each reason a visit asks
/// for says which one is missing: the cancellation's, the problem's, the leave request's.
/// </summary>
public sealed class VisitReasonWordsTests
{
    [Theory]
    [InlineData("en", "Give the reason for cancelling the visit.")]
    [InlineData("zh-Hans", "请填写取消接待的原因。")]
    public async Task CancelVisit_WithAnEmptyReason_SaysTheCancelReasonIsNeeded(string language, string expected)
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));
        using var http = app.Client(s.Command.Cookies, language: language);

        var response = await http.SendJsonAsync(HttpMethod.Post, s.Url($"/{visit.Visit.Id}/cancel"), new CancelVisit("  "));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(expected, problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(VisitStatus.Planned, (await s.GetAsync(visit.Visit.Id)).Visit.Status);
    }

    [Fact]
    public async Task ProblemAndLeave_WithAnEmptyReason_EachSayWhichReasonIsMissing()
    {
        using var app = new TestApp();
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddHours(2));
        var post = s.Url($"/{visit.Visit.Id}/posts/{s.EastGate.Id}");

        var problem = await (await VisitSite.PostAsync(s.EastGuard, $"{post}/problem", new ReportPostProblem(""))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var leave = await (await VisitSite.PostAsync(s.EastGuard, $"{post}/leave", new RequestLeave(""))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Say what the problem is.", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal("Say why you need to leave the post.", leave.GetProperty("errors").GetProperty("reason")[0].GetString());
    }
}
