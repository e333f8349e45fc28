using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Board;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Devices;

public sealed class DeviceFeedTests
{
    [Fact]
    public async Task BoardFeed_WhileDevicesAreEnrolledPairedAndRevoked_ShowsNoneOfIt()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using var live = app.Services.GetRequiredService<LiveSite>();
        var postCreated = new TaskCompletionSource();
        var call = new SiteCall(await app.PrincipalAsync(TestApp.RootUserName), setup.Site.Id, null, CancellationToken.None);
        await live.StartAsync(call, work => work(), () =>
        {
            if (live.Feed.FirstOrDefault()?.Type == EventTypes.PostCreated)
            {
                postCreated.TrySetResult();
            }

            return Task.CompletedTask;
        });

        var (_, enrolment) = await setup.EnrolPhoneAsync();
        await setup.PairWallAsync();
        using (var foreman = setup.Foreman.Http())
        {
            (await foreman.PostAsync($"/api/sites/{setup.Site.Id}/devices/{enrolment.Device.Id}/revoke", null)).EnsureSuccessStatusCode();
        }

        using (var admin = app.Http())
        {
            await (await admin.PostAsJsonAsync($"/api/sites/{setup.Site.Id}/posts", new CreatePost("West gate", PostKind.Gate, null, 2)))
                .ReadAsync<PostDto>(HttpStatusCode.Created);
        }

        // Events arrive in order, so the post's is the last: every device event came before it.
        await postCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(live.Feed, e => e.Type == EventTypes.PostCreated);
        Assert.DoesNotContain(live.Feed, e => e.Type is EventTypes.DeviceEnrolmentIssued or EventTypes.DeviceEnrolled or EventTypes.DeviceScreenPaired or EventTypes.DeviceRevoked);
    }
}
