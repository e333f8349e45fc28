using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Devices;

public sealed class EnrolPhoneTests
{
    [Fact]
    public async Task EnrolPhone_ThreeTimesWithOneIdempotencyKey_IssuesOneEnrolment_AndKeepsNoCodeInClear()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        using var foreman = setup.Foreman.Http();
        var url = $"/api/sites/{setup.Site.Id}/devices/phones";
        var request = new EnrolPhoneRequest(setup.Post.Id, null);

        var answers = new List<PhoneEnrolmentDto>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await (await foreman.SendJsonAsync(HttpMethod.Post, url, request, "enrol-east-gate")).ReadAsync<PhoneEnrolmentDto>(HttpStatusCode.Created));
        }

        var first = answers[0];
        Assert.NotNull(first.Code);
        Assert.EndsWith($"/phone/enrol?code={first.Code}", first.Url);
        Assert.All(answers, a => Assert.Equal((first.Device.Id, first.ExpiresAt), (a.Device.Id, a.ExpiresAt)));
        // A repeat answers the same enrolment, but the code was shown once, with the first answer.
        Assert.All(answers.Skip(1), a =>
        {
            Assert.Null(a.Code);
            Assert.Null(a.Url);
            Assert.Contains("shown once", a.Notice);
        });
        Assert.Equal(1, await app.QueryDbAsync(db => db.Devices.CountAsync()));
        var events = await (await app.Http().GetAsync($"/api/sites/{setup.Site.Id}/events?after=0&limit=1000")).ReadAsync<EventPage>();
        Assert.Single(events.Events, e => e.Type == EventTypes.DeviceEnrolmentIssued);

        var kept = await app.QueryDbAsync(db => db.IdempotencyRecords.Select(r => r.Result).ToListAsync());
        var codes = await app.QueryDbAsync(db => db.Devices.Select(d => d.Code).ToListAsync());
        Assert.NotEmpty(kept);
        Assert.DoesNotContain(kept, r => r.Contains(first.Code!, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(first.Code, codes);

        // The one code issued still enrols a phone.
        using var phone = app.Client(new CookieContainer());
        (await phone.PostAsJsonAsync("/api/phone/enrol", new RedeemEnrolmentRequest(first.Code))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task EnrolAndRedeem_RaiseDeviceEvents_WithoutNamesOrCodes_TheRedeemingPhoneAsActor()
    {
        using var app = new TestApp();
        var setup = await DeviceSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, setup.Site.Id);

        var (_, enrolment) = await setup.EnrolPhoneAsync();

        var events = await listener.NextEventsAsync(2);
        Assert.Equal([EventTypes.DeviceEnrolmentIssued, EventTypes.DeviceEnrolled], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(new DeviceChanged(enrolment.Device.Id, DeviceKind.GuardPhone, setup.Post.Id, null), e.DataAs<DeviceChanged>()));
        Assert.Equal(("user", setup.Foreman.Id.ToString()), (events[0].Actor!.Kind, events[0].Actor!.Id));
        Assert.Equal(("device", enrolment.Device.Id.ToString()), (events[1].Actor!.Kind, events[1].Actor!.Id));
        Assert.All(events, e => Assert.DoesNotContain(enrolment.Code!, e.Data.GetRawText()));
        Assert.All(events, e => Assert.DoesNotContain(setup.Post.Name, e.Data.GetRawText()));
    }
}
