using System.Net.Http.Headers;
using Reception.Dashboard.Infrastructure.Scheduling;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Reception.Dashboard.Infrastructure.Outbound;

/// <summary>
/// Sends queued webhook messages through a Polly pipeline per channel (retry with jitter, a circuit
/// breaker, a timeout per try), and writes each attempt's outcome back through the site's writer, so
/// the board shows a delivery as it goes. A message that still fails is tried again later, up to a limit.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public static readonly Actor Actor = new("system", "webhooks", null);

    private static readonly TimeSpan IdleCheck = TimeSpan.FromMinutes(1);

    private readonly Alarm _alarm;
    // One pipeline per channel, so one receiver's open circuit does not stop the others.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();
    private readonly IDbContextFactory<ReceptionDbContext> _dbFactory;
    private readonly SiteWriter _writer;
    private readonly IHttpClientFactory _http;
    private readonly OutboundOptions _options;
    private readonly WebhookUrls _urls;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(
        IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer, IHttpClientFactory http,
        IOptions<OutboundOptions> options, WebhookUrls urls, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    {
        (_dbFactory, _writer, _http, _options, _urls, _clock, _logger) = (dbFactory, writer, http, options.Value, urls, clock, logger);
        _alarm = new Alarm(clock);
    }

    public void Wake() => _alarm.Wake();

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(OutboundOptions options, TimeProvider clock)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == System.Net.HttpStatusCode.TooManyRequests);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.RetriesPerAttempt,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            // A receiver that keeps failing is left alone for a while instead of being hammered by every message.
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime wakeAt;
            try
            {
                wakeAt = await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "The webhook dispatcher could not read its outbox");
                wakeAt = _clock.GetUtcNow().UtcDateTime + _options.RetryLater;
            }

            await _alarm.SleepUntilAsync(wakeAt, stoppingToken);
        }
    }

    /// <returns>When to look again: the next message's time, capped by <see cref="IdleCheck"/>.</returns>
    private async Task<DateTime> SendDueAsync(CancellationToken ct)
    {
        List<OutboundMessage> due;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            due = await db.OutboundMessages.AsNoTracking()
                .Where(m => (m.Status == DeliveryStatus.Pending || m.Status == DeliveryStatus.Retrying) && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).Take(50).ToListAsync(ct);
        }

        foreach (var message in due)
        {
            var (delivered, error) = await SendAsync(message, ct);
            await RecordAsync(message, delivered, error, ct);
        }

        await using var read = await _dbFactory.CreateDbContextAsync(ct);
        var next = await read.OutboundMessages.AsNoTracking()
            .Where(m => m.Status == DeliveryStatus.Pending || m.Status == DeliveryStatus.Retrying)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTime?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        var latest = _clock.GetUtcNow().UtcDateTime + IdleCheck;
        return next is { } at && at < latest ? at : latest;
    }

    private async Task<(bool Delivered, string? Error)> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var url = _urls.For(message.Channel);
        if (string.IsNullOrWhiteSpace(url))
        {
            return (false, "No URL is configured for this channel any more.");
        }

        try
        {
            var client = _http.CreateClient(HttpClientName);
            using var response = await _pipelines.GetOrAdd(message.Channel, _ => Pipeline(_options, _clock)).ExecuteAsync(async token =>
            {
                var content = new StringContent(message.Payload);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.Add("Idempotency-Key", message.Id.ToString()); // a receiver can drop the repeat of a retried message
                return await client.SendAsync(request, token);
            }, ct);
            return response.IsSuccessStatusCode ? (true, null) : (false, $"The receiver answered {(int)response.StatusCode}.");
        }
        catch (BrokenCircuitException)
        {
            return (false, "Circuit open: the receiver failed repeatedly, so it is left alone for a while.");
        }
        catch (TimeoutRejectedException)
        {
            return (false, "The receiver did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            return (false, $"Could not reach the receiver: {ex.Message}");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A bad URL, say: recorded as a failed attempt, so one message cannot stall the outbox.
            _logger.LogWarning(ex, "Webhook message {MessageId} could not be sent", message.Id);
            return (false, ex.Message);
        }
    }

    private Task RecordAsync(OutboundMessage sent, bool delivered, string? error, CancellationToken ct) =>
        _writer.WriteAsync(sent.SiteId, new Command(Actor, "outbound.attempt", null, null), async (db, events) =>
        {
            var message = await db.OutboundMessages.SingleAsync(m => m.Id == sent.Id, ct);
            var now = _clock.GetUtcNow().UtcDateTime;
            message.Attempts++;
            message.LastError = error?[..Math.Min(error.Length, 500)];
            if (delivered)
            {
                (message.Status, message.DeliveredAt) = (DeliveryStatus.Delivered, now);
            }
            else
            {
                message.Status = message.Attempts >= _options.MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Retrying;
                message.NextAttemptAt = now + _options.RetryLater;
            }

            events.Add(EventTypes.DeliveryChanged, new DeliveryChanged(message.Id, message.VisitId, message.Channel, message.Status, message.Attempts, message.LastError), message.VisitId);
            return true;
        }, ct);
}
