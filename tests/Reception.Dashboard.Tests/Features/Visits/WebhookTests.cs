using Microsoft.EntityFrameworkCore;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>Outbound webhooks against a real local HTTP receiver, through the Polly pipeline.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task EngineeringWebhook_ThatFailsThenRecovers_IsRetried_OpensTheCircuit_AndIsDelivered_WithTheStatusVisible() // §4.5.3
    {
        using var receiver = new WebhookReceiver(failFirst: 2);
        using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Outbound:EngineeringWebhookUrl"] = receiver.Url,
            ["Outbound:RetriesPerAttempt"] = "2",
            ["Outbound:RetryBaseDelay"] = "00:00:00.010",
            ["Outbound:BreakDuration"] = "00:00:01",
            ["Outbound:RetryLater"] = "00:00:00.300",
        });
        var s = await VisitSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);

        // Short notice: the fountain notice goes at once.
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddMinutes(20), level: 1);

        var deliveries = new List<DeliveryChanged>();
        while (deliveries.LastOrDefault()?.Status != DeliveryStatus.Delivered)
        {
            deliveries.AddRange((await listener.NextEventsAsync(1)).Where(e => e.Type == EventTypes.DeliveryChanged).Select(e => e.DataAs<DeliveryChanged>()));
        }

        var requests = receiver.Requests.ToList();
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], requests.Select(r => r.Answer));
        Assert.Contains(deliveries, d => d.Status == DeliveryStatus.Retrying && d.Error!.StartsWith("Circuit open"));
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct()); // one message, however many tries
        Assert.Contains("water-features", requests[^1].Body);
        var delivery = (await s.GetAsync(visit.Visit.Id)).Notices.Single().Delivery!;
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.True(delivery.Attempts >= 2, $"{delivery.Attempts} attempts");
    }

    [Fact]
    public async Task ChatWebhook_HearsLateItems_BlockedPosts_AndUnacknowledgedOrders()
    {
        using var receiver = new WebhookReceiver();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new TestApp(clock: clock, settings: new Dictionary<string, string> { ["Outbound:ChatWebhookUrl"] = receiver.Url });
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(clock.GetUtcNow().UtcDateTime.AddMinutes(45));

        (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/posts/{s.WestGate.Id}/problem"), new ReportPostProblem("Barrier stuck"))).EnsureSuccessStatusCode();
        (await VisitSite.PostAsync(s.Command, s.Url($"/{visit.Visit.Id}/orders"), new SendOrder("Hold the gate", [s.EastGate.Id]))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(16));

        bool Heard(string kind, string text) => receiver.Requests.Any(r => r.Body.Contains(kind) && r.Body.Contains(text));
        await WaitForAsync(() => Heard("item-late", "East gate") && Heard("order-unacknowledged", "Hold the gate") && Heard("post-blocked", "Barrier stuck"));

        // Every item of the east gate turned late at once: the chat hears about the gate once, listing them.
        var items = visit.Posts.Sum(p => p.Items.Count);
        await WaitForAsync(() => app.QueryDbAsync(db => db.Events.CountAsync(e => e.Type == EventTypes.ItemLate)).GetAwaiter().GetResult() == items);

        var eastGate = Assert.Single(receiver.Requests, r => r.Body.Contains("item-late") && r.Body.Contains("East gate"));
        Assert.All(visit.Posts.Single(p => p.PostId == s.EastGate.Id).Items, i => Assert.Contains(i.Text, eastGate.Body));
    }

    [Fact]
    public async Task EngineeringWebhook_WithABadUrl_RecordsTheFailure_AndChatStillGoesOut()
    {
        using var chat = new WebhookReceiver();
        using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Outbound:EngineeringWebhookUrl"] = "not a url",
            ["Outbound:ChatWebhookUrl"] = chat.Url,
            ["Outbound:RetryLater"] = "00:10:00",
        });
        var s = await VisitSite.CreateAsync(app);
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddMinutes(20), level: 1);

        (await VisitSite.PostAsync(s.WestGuard, s.Url($"/{visit.Visit.Id}/posts/{s.WestGate.Id}/problem"), new ReportPostProblem("Barrier stuck"))).EnsureSuccessStatusCode();

        await WaitForAsync(() => chat.Requests.Any(r => r.Body.Contains("post-blocked")));
        DeliveryDto? delivery = null;
        await WaitForAsync(() => (delivery = s.GetAsync(visit.Visit.Id).GetAwaiter().GetResult().Notices.Single().Delivery)?.Attempts >= 1);
        Assert.Equal(DeliveryStatus.Retrying, delivery!.Status);
        Assert.False(string.IsNullOrEmpty(delivery.LastError));
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}