using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Tests.TestInfrastructure;
using Xunit.Abstractions;

namespace Reception.Dashboard.Tests.Features.Visits;

/// <summary>Outbound webhooks against a real local HTTP receiver, through the Polly pipeline.</summary>
public sealed class WebhookTests(ITestOutputHelper output)
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
    public async Task EngineeringWebhook_WhileTheReceiverIsDown_WaitsAndRetries_ShowsTheCircuit_AndTheServerStaysResponsive()
    {
        // Nothing listens here until the receiver comes back on the same address.
        var url = WebhookReceiver.FreeUrl();
        using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Outbound:EngineeringWebhookUrl"] = url,
            ["Outbound:RetriesPerAttempt"] = "2",
            ["Outbound:RetryBaseDelay"] = "00:00:00.010",
            ["Outbound:BreakDuration"] = "00:00:01",
            ["Outbound:RetryLater"] = "00:00:00.300",
            // An attempt every 0.3 s while the receiver is down: the message must not be given up meanwhile.
            ["Outbound:MaxAttempts"] = "1000",
        });
        var s = await VisitSite.CreateAsync(app);
        await using var listener = await BoardListener.JoinAsync(app, s.Site.Id);
        var deliveries = new List<DeliveryChanged>();

        // Attempts go on for as long as the receiver is down, so the wait is bounded by time, not by events.
        async Task NextDeliveryAsync(Func<DeliveryChanged, bool> match)
        {
            var limit = TimeSpan.FromSeconds(20);
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var left = limit - watch.Elapsed;
                Assert.True(left > TimeSpan.Zero, $"Not seen within {limit}: {string.Join("; ", deliveries.Select(d => $"{d.Status} {d.Error}"))}");
                var delivery = (await listener.NextEventsAsync(1, left))
                    .Where(e => e.Type == EventTypes.DeliveryChanged).Select(e => e.DataAs<DeliveryChanged>()).SingleOrDefault();
                if (delivery is not null)
                {
                    deliveries.Add(delivery);
                    if (match(delivery))
                    {
                        return;
                    }
                }
            }
        }

        // Short notice: the fountain notice goes at once, to a receiver that is down.
        var visit = await s.AnnounceAsync(DateTime.UtcNow.AddMinutes(20), level: 1);

        await NextDeliveryAsync(d => d.Error?.StartsWith("Circuit open", StringComparison.Ordinal) == true);
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Retrying, d.Status);
            Assert.False(string.IsNullOrEmpty(d.Error));
        });
        // Every attempt while it is down ends at the open circuit (a half-open try fails and opens it again).
        var waiting = (await s.GetAsync(visit.Visit.Id)).Notices.Single().Delivery!;
        Assert.Equal(DeliveryStatus.Retrying, waiting.Status);
        Assert.StartsWith("Circuit open", waiting.LastError);

        // The dispatcher keeps failing and recording it meanwhile; the server still answers at once.
        using var http = app.Http();
        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            foreach (var path in new[] { "/health", $"/api/sites/{s.Site.Id}/posts" })
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(path).WaitAsync(TimeSpan.FromSeconds(10));
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        latencies.Sort();
        output.WriteLine($"Receiver down: {latencies.Count} requests answered, p50 {latencies[latencies.Count / 2]:F1} ms, max {latencies[^1]:F1} ms");
        Assert.True(latencies[^1] < 2000, $"The slowest request took {latencies[^1]:F0} ms");

        // The receiver comes back where it was: the next try through the circuit delivers.
        var back = Stopwatch.StartNew();
        using var receiver = new WebhookReceiver(url: url);
        await NextDeliveryAsync(d => d.Status == DeliveryStatus.Delivered);
        output.WriteLine($"Delivered {back.ElapsedMilliseconds} ms after the receiver came back, at attempt {deliveries[^1].Attempts}");

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(HttpStatusCode.OK, request.Answer);
        Assert.Contains("water-features", request.Body);
        Assert.Equal(DeliveryStatus.Delivered, (await s.GetAsync(visit.Visit.Id)).Notices.Single().Delivery!.Status);
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